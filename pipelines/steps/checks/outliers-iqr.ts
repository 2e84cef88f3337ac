import { DEFAULT_IQR_K, iqrSql } from '../../stats/outliers/iqr';
import { numericColumn } from '../../stats/outliers/outliers';
import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface IqrOutliersParams {
  column: string;
  /** How many interquartile ranges beyond the quartiles a value may lie; default 1.5. */
  k?: number;
}

/**
 * No value lies beyond Tukey's fences, Q1 − k·IQR and Q3 + k·IQR, with quartiles by linear
 * interpolation as pandas computes them (docs/statistics.md#outliers). Row-level: `mostly` and
 * `on_fail: reject` apply; NULL, NaN and infinite values are not counted; with no value left, the check is not evaluated.
 *
 * @example
 * { id: distance_iqr, check: iqr_outliers, column: distance, k: 3, on_fail: warn }
 */
export const iqrOutliers: CheckDefinition<IqrOutliersParams> = {
  kind: 'check',
  name: 'iqr_outliers',
  summary: 'No value lies beyond Tukey’s fences Q1 − k·IQR and Q3 + k·IQR (default k 1.5).',
  params: {
    properties: {
      column: columnParam,
      k: { type: 'number', minimum: 0, description: `Fences at Q1 − k·IQR and Q3 + k·IQR. Default ${DEFAULT_IQR_K}; 3 marks only "far out" values.` },
    },
    required: ['column'],
  },
  reads: ({ column }) => [column],
  nothingToMeasure: ({ column }) => `no finite value in "${column}"`,
  rows: ({ column, k }, ctx) => iqrSql(ctx.table, numericColumn(ctx.columns, ctx.stepId, column, 'iqr_outliers'), { k }),
};
