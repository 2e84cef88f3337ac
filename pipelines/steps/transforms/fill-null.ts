import { ident, literal } from '../../sql';
import { meanSql } from '../../stats/moments';
import { columnParam } from '../params';
import type { TransformDefinition } from '../step';

export interface FillNullParams {
  column: string;
  /** constant (needs value), mean, median (interpolated, as pandas), or mode (ties: smallest value). */
  strategy: 'constant' | 'mean' | 'median' | 'mode';
  value?: string | number | boolean;
}

/** Replaces nulls in a column; the value used is fitted on the data and recorded in the manifest. */
export const fillNull: TransformDefinition<FillNullParams> = {
  kind: 'transform',
  name: 'fill_null',
  summary: 'Replaces nulls with a constant or the column’s mean, median or mode.',
  params: {
    properties: {
      column: columnParam,
      strategy: { enum: ['constant', 'mean', 'median', 'mode'] },
      value: { type: ['string', 'number', 'boolean'] },
    },
    required: ['column', 'strategy'],
    extra: { if: { properties: { strategy: { const: 'constant' } } }, then: { required: ['value'] } },
  },
  reads: ({ column }) => [column],
  columnsAfter: (_params, before) => before,
  fit: async ({ column, strategy, value }, ctx) => {
    const quoted = ident(column);
    const sql = {
      constant: `SELECT ${literal(value)} AS fill`,
      mean: `SELECT mean AS fill FROM (${meanSql(`SELECT CAST(${quoted} AS DOUBLE) AS v FROM ${ctx.table} WHERE isfinite(CAST(${quoted} AS DOUBLE))`)})`,
      median: `SELECT quantile_cont(${quoted}, 0.5) AS fill FROM ${ctx.table}`,
      mode: `SELECT ${quoted} AS fill FROM ${ctx.table} WHERE ${quoted} IS NOT NULL GROUP BY ${quoted} ORDER BY count(*) DESC, ${quoted} LIMIT 1`,
    }[strategy];
    const [row] = await ctx.engine.query(sql);
    return { strategy, value: row?.fill ?? null };
  },
  compile: ({ column }, ctx, fitted) => ({
    select: `SELECT * REPLACE (coalesce(${ident(column)}, ${literal(fitted.value)}) AS ${ident(column)}) FROM ${ctx.table}`,
  }),
};

