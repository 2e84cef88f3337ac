import { ident, literal } from '../../sql';
import { meanSql } from '../../stats/moments';
import { typeFamily } from '../conversion';
import { missingSql } from '../missing';
import { columnParam } from '../params';
import type { TransformDefinition } from '../step';

export interface FillNullParams {
  column: string;
  /**
   * constant (needs value), mean, median (interpolated, as pandas), or mode (ties: smallest value).
   * Mean, median and mode are of the finite values: NULL, NaN and infinities are left out.
   */
  strategy: 'constant' | 'mean' | 'median' | 'mode';
  value?: string | number | boolean;
}

/**
 * Replaces missing values (NULL, and NaN in a FLOAT or DOUBLE column, as pandas' fillna does:
 * steps/missing.ts) in a column; the value used is fitted on the data and recorded in the manifest.
 */
export const fillNull: TransformDefinition<FillNullParams> = {
  kind: 'transform',
  name: 'fill_null',
  summary: 'Replaces nulls (and NaN) with a constant or the column’s mean, median or mode.',
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
    const type = ctx.columns.find((existing) => existing.name === column)?.type ?? 'VARCHAR';
    const finite = typeFamily(type) === 'float' ? `isfinite(${quoted})` : `${quoted} IS NOT NULL`;
    const sql = {
      constant: `SELECT ${literal(value)} AS fill`,
      mean: `SELECT mean AS fill FROM (${meanSql(`SELECT CAST(${quoted} AS DOUBLE) AS v FROM ${ctx.table} WHERE isfinite(CAST(${quoted} AS DOUBLE))`)})`,
      median: `SELECT quantile_cont(${quoted}, 0.5) FILTER (WHERE ${finite}) AS fill FROM ${ctx.table}`,
      mode: `SELECT ${quoted} AS fill FROM ${ctx.table} WHERE ${finite} GROUP BY ${quoted} ORDER BY count(*) DESC, ${quoted} LIMIT 1`,
    }[strategy];
    const [row] = await ctx.engine.query(sql);
    return { strategy, value: row?.fill ?? null };
  },
  compile: ({ column }, ctx, fitted) => ({
    select: `SELECT * REPLACE (CASE WHEN ${missingSql(column, ctx.columns)} THEN ${literal(fitted.value)} ELSE ${ident(column)} END AS ${ident(column)}) FROM ${ctx.table}`,
  }),
};
