/**
 * The Wasserstein-1 (earth mover's) distance between the baseline and current samples, as
 * SciPy's `wasserstein_distance(baseline, current)`:
 *
 *   W1 = ∫ |F_baseline(x) − F_current(x)| dx = Σ_i |F_b(x_i) − F_c(x_i)| · (x_{i+1} − x_i)
 *
 * over the merged sorted distinct values x_i of both samples, in the column's units. It is
 * normalised by the baseline's population standard deviation (ddof 0, NumPy's `np.std`), so that
 * one threshold fits every column; when the baseline is constant, by the standard deviation of
 * both samples together; when both are the same constant, the normalised distance is 0.
 *
 * Everything is computed in SQL. Sums use `ORDER BY value` so that they add in one defined order
 * and give the same bits on every engine and thread count.
 */
import type { Engine } from '../../engine/engine';
import { queryOne } from '../../table/column';
import { mergedCountsSql, type Samples } from './samples';

export interface WassersteinResult {
  distance: number;
  /** distance / spread. */
  normalized: number;
  /** The baseline's standard deviation, or both samples' when the baseline's is 0. */
  spread: number;
}

/** The SQL of W1 and the standard deviations, for two non-empty samples. */
export function wassersteinSql(samples: Samples): string {
  return `WITH counts AS (${mergedCountsSql(samples)}),
    sums AS (
      SELECT CAST(sum(baseline_count) AS DOUBLE) AS n1, CAST(sum(current_count) AS DOUBLE) AS n2,
             sum(value * baseline_count ORDER BY value) AS baseline_sum,
             sum(value * (baseline_count + current_count) ORDER BY value) AS pooled_sum
      FROM counts),
    totals AS (SELECT n1, n2, baseline_sum / n1 AS baseline_mean, pooled_sum / (n1 + n2) AS pooled_mean FROM sums),
    ecdf AS (
      SELECT value, lead(value) OVER (ORDER BY value) AS next_value,
             CAST(sum(baseline_count) OVER running AS DOUBLE) AS baseline_below,
             CAST(sum(current_count) OVER running AS DOUBLE) AS current_below
      FROM counts WINDOW running AS (ORDER BY value ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
    SELECT
      (SELECT coalesce(sum(abs(baseline_below / n1 - current_below / n2) * (next_value - value) ORDER BY value), 0)
         FROM ecdf, totals WHERE next_value IS NOT NULL) AS distance,
      (SELECT sqrt(sum(baseline_count * (value - baseline_mean) * (value - baseline_mean) ORDER BY value) / any_value(n1))
         FROM counts, totals) AS baseline_std,
      (SELECT sqrt(sum((baseline_count + current_count) * (value - pooled_mean) * (value - pooled_mean) ORDER BY value) / any_value(n1 + n2))
         FROM counts, totals) AS pooled_std`;
}

/** Normalises a distance by the baseline's spread, falling back as the module comment says. */
export function normalizeWasserstein(distance: number, baselineStd: number, pooledStd: number): WassersteinResult {
  const spread = baselineStd > 0 ? baselineStd : pooledStd;
  return { distance, spread, normalized: spread > 0 ? distance / spread : 0 };
}

/** W1 of two non-empty samples, raw and normalised. */
export async function wasserstein(engine: Engine, samples: Samples): Promise<WassersteinResult> {
  const row = await queryOne(engine, wassersteinSql(samples));
  return normalizeWasserstein(Number(row.distance), Number(row.baseline_std), Number(row.pooled_std));
}
