/**
 * The modified z-score of Iglewicz and Hoaglin (1993, "How to Detect and Handle Outliers", ASQC
 * Basic References in Quality Control 16): M = 0.6745 (x − median) / MAD, where MAD is the median
 * of |x − median| (unscaled: scipy.stats.median_abs_deviation with scale=1). A value is an outlier
 * when |M| > threshold, default 3.5 as the authors recommend. 0.6745 is the 75th percentile of the
 * standard normal, so M is on the scale of a z-score for normal data. Medians interpolate between
 * the two middle values (`quantile_cont(·, 0.5)`). MAD = 0 (more than half the values equal) leaves
 * M undefined: nothing is flagged.
 */
import { ident } from '../../sql';
import type { Engine } from '../../engine/engine';
import { doubleSql } from '../profile/double';
import { doubleValue, finiteDomain, finiteValues, statistic, summarizeOutliers, type OutlierSql, type OutlierSummary } from './outliers';

export const DEFAULT_MAD_THRESHOLD = 3.5;
/** Φ⁻¹(0.75) as Iglewicz and Hoaglin round it. */
export const MAD_CONSISTENCY = 0.6745;

export interface MadOptions {
  /** Flag values whose |modified z| exceeds this; default 3.5. */
  threshold?: number;
}

export function madSql(table: string, column: string, { threshold = DEFAULT_MAD_THRESHOLD }: MadOptions = {}): OutlierSql {
  const limit = doubleSql(threshold);
  const consistency = doubleSql(MAD_CONSISTENCY);
  const statistics = `WITH __values AS (${finiteValues(table, column)}),
      __median AS (SELECT count(*) AS "values", quantile_cont(v, 0.5) AS median FROM __values),
      __mad AS (SELECT quantile_cont(abs(v - median), 0.5) AS mad FROM __values, __median)
    SELECT "values", median, mad,
      CASE WHEN mad > 0 THEN median - ${limit} * mad / ${consistency} END AS lower,
      CASE WHEN mad > 0 THEN median + ${limit} * mad / ${consistency} END AS upper
    FROM __median, __mad`;
  return {
    statistics,
    domain: finiteDomain(column),
    // The rule divides, as Iglewicz and Hoaglin write it (the fences in `statistics` are for showing); MAD = 0 gives NULL: no outlier.
    failing: `abs(${consistency} * (${doubleValue(column)} - ${statistic(statistics, 'median')}) / nullif(${statistic(statistics, 'mad')}, 0)) > ${limit}`,
    value: ident(column),
  };
}

export function madOutliers(engine: Engine, table: string, column: string, options: MadOptions = {}): Promise<OutlierSummary> {
  const threshold = options.threshold ?? DEFAULT_MAD_THRESHOLD;
  return summarizeOutliers(engine, table, column, 'mad', threshold, madSql(table, column, { threshold }), ['median', 'mad']);
}
