import { zscoreSql, DEFAULT_Z_THRESHOLD } from '../../stats/outliers/zscore';
import { numericColumn } from '../../stats/outliers/outliers';
import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface ZscoreOutliersParams {
  column: string;
  /** Flag values whose |z| exceeds this; default 3. */
  threshold?: number;
}

/**
 * No value lies more than `threshold` population standard deviations from the column's mean
 * (docs/statistics.md#outliers). Row-level: `mostly` and `on_fail: reject` apply; NULL, NaN and
 * infinite values are not counted; with no value left, the check is not evaluated.
 *
 * @example
 * { id: delay_z, check: zscore_outliers, column: delay, threshold: 4, on_fail: reject }
 */
export const zscoreOutliers: CheckDefinition<ZscoreOutliersParams> = {
  kind: 'check',
  name: 'zscore_outliers',
  summary: 'No value lies more than threshold standard deviations from the mean (z-score, default 3).',
  params: {
    properties: {
      column: columnParam,
      threshold: {
        type: 'number',
        exclusiveMinimum: 0,
        description: `Flag values with |x − mean| / σ above this (σ divides by n). Default ${DEFAULT_Z_THRESHOLD}.`,
      },
    },
    required: ['column'],
  },
  reads: ({ column }) => [column],
  nothingToMeasure: ({ column }) => `no finite value in "${column}"`,
  rows: ({ column, threshold }, ctx) => zscoreSql(ctx.table, numericColumn(ctx.columns, ctx.stepId, column, 'zscore_outliers'), { threshold }),
};
