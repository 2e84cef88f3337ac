/**
 * The z-score rule: a value is an outlier when it lies more than `threshold` population standard
 * deviations from the mean, |x − mean| / σ > threshold (σ divides by n, as scipy.stats.zscore's
 * default ddof=0). Default threshold 3. A column without spread (σ = 0) has no outliers.
 */
import { ident } from '../../sql';
import type { Engine } from '../../engine/engine';
import { doubleSql } from '../profile/double';
import { momentsSql } from '../moments';
import { doubleValue, finiteDomain, finiteValues, statistic, summarizeOutliers, type OutlierSql, type OutlierSummary } from './outliers';

export const DEFAULT_Z_THRESHOLD = 3;

export interface ZscoreOptions {
  /** Flag values whose |z| exceeds this; default 3. */
  threshold?: number;
}

export function zscoreSql(table: string, column: string, { threshold = DEFAULT_Z_THRESHOLD }: ZscoreOptions = {}): OutlierSql {
  const limit = doubleSql(threshold);
  const statistics = `SELECT "values", mean, std,
      CASE WHEN std > 0 THEN mean - ${limit} * std END AS lower, CASE WHEN std > 0 THEN mean + ${limit} * std END AS upper
    FROM (${momentsSql(finiteValues(table, column))})`;
  return {
    statistics,
    domain: finiteDomain(column),
    // The rule divides, as a z-score does (the fences in `statistics` are for showing); σ = 0 gives NULL: no outlier.
    failing: `abs((${doubleValue(column)} - ${statistic(statistics, 'mean')}) / nullif(${statistic(statistics, 'std')}, 0)) > ${limit}`,
    value: ident(column),
  };
}

export function zscoreOutliers(engine: Engine, table: string, column: string, options: ZscoreOptions = {}): Promise<OutlierSummary> {
  const threshold = options.threshold ?? DEFAULT_Z_THRESHOLD;
  return summarizeOutliers(engine, table, column, 'zscore', threshold, zscoreSql(table, column, { threshold }), ['mean', 'std']);
}
