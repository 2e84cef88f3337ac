import { ident, literal } from '../../sql';
import { columnListParam } from '../params';
import type { TransformDefinition } from '../step';

export interface NormalizeParams {
  columns: string[];
  /** zscore: (x - mean) / population std (as scikit-learn's StandardScaler); minmax: (x - min) / (max - min). */
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
    const aggregates = columns.flatMap((name, index) => {
      const value = `CAST(${ident(name)} AS DOUBLE)`;
      return method === 'zscore'
        ? [`avg(${value}) AS a${index}`, `stddev_pop(${value}) AS b${index}`]
        : [`min(${value}) AS a${index}`, `max(${value}) AS b${index}`];
    });
    const [row = {}] = await ctx.engine.query(`SELECT ${aggregates.join(', ')} FROM ${ctx.table}`);
    const fitted: Fitted = { method, columns: {} };
    columns.forEach((name, index) => {
      const first = row[`a${index}`] as number | null;
      const second = row[`b${index}`] as number | null;
      const center = first ?? 0;
      const spread = method === 'zscore' ? (second ?? 0) : second === null || first === null ? 0 : second - first;
      const scale = spread > 0 ? spread : 1;
      fitted.columns[name] = method === 'zscore' ? { center, scale, mean: first, std: second } : { center, scale, min: first, max: second };
    });
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
