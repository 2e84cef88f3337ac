import { ident, literal } from '../../sql';
import { momentsSql } from '../../stats/moments';
import { columnListParam } from '../params';
import type { TransformDefinition } from '../step';

export interface NormalizeParams {
  columns: string[];
  /** zscore: (x - mean) / population std (as scikit-learn's StandardScaler); minmax: (x - min) / (max - min). Non-finite values are left out of the fit. */
  method: 'zscore' | 'minmax';
}

interface Fitted {
  method: 'zscore' | 'minmax';
  /** Per column: what is subtracted and what it is divided by (1 when the column is constant). */
  columns: Record<string, { center: number; scale: number } & Record<string, number | null>>;
}

/**
 * Rescales numeric columns. The fitted parameters go to the manifest so serving applies the
 * same ones. A constant column gets scale 1 (so it becomes 0), as scikit-learn does.
 */
export const normalize: TransformDefinition<NormalizeParams> = {
  kind: 'transform',
  name: 'normalize',
  summary: 'Rescales numeric columns by z-score or min-max; the fitted parameters go to the manifest.',
  params: { properties: { columns: columnListParam, method: { enum: ['zscore', 'minmax'] } }, required: ['columns', 'method'] },
  reads: ({ columns }) => columns,
  columnsAfter: ({ columns }, before) => before.map((column) => (columns.includes(column.name) ? { ...column, type: 'DOUBLE' } : column)),
  fit: async ({ columns, method }, ctx) => {
    const fitted: Fitted = { method, columns: {} };
    for (const name of columns) {
      const value = `CAST(${ident(name)} AS DOUBLE)`;
      // Mean and std from exact fixed-point sums: a float sum changes in its last bits with the
      // order threads add in, and the fitted parameters (so the outputs) must not.
      const [row = {}] = await ctx.engine.query(
        method === 'zscore'
          ? momentsSql(`SELECT ${value} AS v FROM ${ctx.table} WHERE isfinite(${value})`)
          : `SELECT min(${value}) AS mean, max(${value}) AS std FROM ${ctx.table} WHERE isfinite(${value})`,
      );
      const first = row.mean as number | null;
      const second = row.std as number | null;
      const center = first ?? 0;
      const spread = method === 'zscore' ? (second ?? 0) : second === null || first === null ? 0 : second - first;
      const scale = spread > 0 ? spread : 1;
      fitted.columns[name] = method === 'zscore' ? { center, scale, mean: first, std: second } : { center, scale, min: first, max: second };
    }
    return fitted as unknown as Record<string, unknown>;
  },
  compile: ({ columns }, ctx, fitted) => {
    const { columns: parameters } = fitted as unknown as Fitted;
    const replaced = columns.map((name) => {
      const { center, scale } = parameters[name]!;
      return `(CAST(${ident(name)} AS DOUBLE) - ${literal(center)}) / ${literal(scale)} AS ${ident(name)}`;
    });
    return { select: `SELECT * REPLACE (${replaced.join(', ')}) FROM ${ctx.table}` };
  },
};
