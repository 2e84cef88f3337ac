/**
 * The two-sample Kolmogorov–Smirnov test, as SciPy's `ks_2samp(baseline, current)` with its
 * defaults (two-sided, method 'auto').
 *
 * Statistic: D = max over x of |F_baseline(x) − F_current(x)|, the ECDFs evaluated at every
 * distinct value of either sample. It is computed in SQL: the merged distinct values with their
 * counts, running sums of the counts (a window), and the maximum difference. Each ECDF value is
 * count / n in doubles, as SciPy's `searchsorted(...) / n`, so D is bit-for-bit SciPy's.
 *
 * P-value: exact (ks-exact-pvalue.ts) when both samples have at most 10,000 values, else
 * SciPy's asymptotic choice `kstwo.sf(D, round(n1·n2 / (n1 + n2)))` (kolmogorov-distribution.ts);
 * also the asymptotic one where the exact computation fails, as SciPy does.
 */
import type { Engine } from '../../engine/engine';
import { queryOne } from '../../table/column';
import { kolmogorovSf } from './kolmogorov-distribution';
import { exactKsPValue, roundHalfEven } from './ks-exact-pvalue';
import { mergedCountsSql, type Samples } from './samples';

/** SciPy's 'auto': exact when both samples have at most this many values. */
export const MAX_EXACT_SIZE = 10_000;

export interface KsResult {
  statistic: number;
  pValue: number;
  /** How the p-value was computed. */
  method: 'exact' | 'asymp';
}

/**
 * The SQL of D for two non-empty samples: one row with `statistic` (DOUBLE) and the sample sizes
 * `baseline_count`, `current_count`.
 */
export function ksStatisticSql(samples: Samples): string {
  return `WITH counts AS (${mergedCountsSql(samples)}),
    totals AS (SELECT CAST(sum(baseline_count) AS DOUBLE) AS n1, CAST(sum(current_count) AS DOUBLE) AS n2 FROM counts),
    ecdf AS (
      SELECT CAST(sum(baseline_count) OVER running AS DOUBLE) AS baseline_below,
             CAST(sum(current_count) OVER running AS DOUBLE) AS current_below
      FROM counts WINDOW running AS (ORDER BY value ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
    SELECT max(abs(baseline_below / n1 - current_below / n2)) AS statistic,
           CAST(any_value(n1) AS BIGINT) AS baseline_count, CAST(any_value(n2) AS BIGINT) AS current_count
    FROM ecdf, totals`;
}

/**
 * The p-value of D for sample sizes n1 and n2, with SciPy's choice of method. In the exact case
 * the statistic is snapped to the lattice h / lcm(n1, n2) it can only take, as SciPy does.
 */
export function ksPValue(baselineCount: number, currentCount: number, statistic: number): KsResult {
  let d = statistic;
  if (Math.max(baselineCount, currentCount) <= MAX_EXACT_SIZE) {
    const exact = exactKsPValue(baselineCount, currentCount, statistic);
    if (exact.pValue !== null) return { statistic: exact.statistic, pValue: exact.pValue, method: 'exact' };
    d = exact.statistic;
  }
  const larger = Math.max(baselineCount, currentCount);
  const smaller = Math.min(baselineCount, currentCount);
  const effectiveSize = (larger * smaller) / (larger + smaller);
  return { statistic: d, pValue: kolmogorovSf(roundHalfEven(effectiveSize), d), method: 'asymp' };
}

/** The KS test of two non-empty samples. */
export async function kolmogorovSmirnov(engine: Engine, samples: Samples): Promise<KsResult> {
  const row = await queryOne(engine, ksStatisticSql(samples));
  return ksPValue(Number(row.baseline_count), Number(row.current_count), Number(row.statistic));
}
