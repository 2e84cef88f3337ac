import { DEFAULT_MAD_THRESHOLD, madSql } from '../../stats/outliers/mad';
import { numericColumn } from '../../stats/outliers/outliers';
import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface MadOutliersParams {
  column: string;
  /** Flag values whose |modified z| exceeds this; default 3.5. */
  threshold?: number;
}

/**
 * No value has a modified z-score 0.6745 (x − median) / MAD beyond `threshold` (Iglewicz and
 * Hoaglin; docs/statistics.md#outliers). Robust to the outliers themselves, unlike the z-score.
 * Row-level: `mostly` and `on_fail: reject` apply; NULL, NaN and infinite values are not counted; with no value left, the check is not evaluated.
 *
 * @example
 * { id: price_mad, check: mad_outliers, column: price, on_fail: reject }
 */
export const madOutliers: CheckDefinition<MadOutliersParams> = {
  kind: 'check',
  name: 'mad_outliers',
  summary: 'No value has a modified z-score (median and MAD) beyond threshold (default 3.5).',
  params: {
    properties: {
      column: columnParam,
      threshold: {
        type: 'number',
        exclusiveMinimum: 0,
        description: `Flag values with |0.6745 (x − median) / MAD| above this. Default ${DEFAULT_MAD_THRESHOLD}.`,
      },
    },
    required: ['column'],
  },
  reads: ({ column }) => [column],
  nothingToMeasure: ({ column }) => `no finite value in "${column}"`,
  rows: ({ column, threshold }, ctx) => madSql(ctx.table, numericColumn(ctx.columns, ctx.stepId, column, 'mad_outliers'), { threshold }),
};
