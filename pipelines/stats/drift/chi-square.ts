/**
 * Pearson's chi-square test of homogeneity for a categorical column: are the baseline and the
 * current counts draws from one distribution over the categories? The 2 × k contingency table has
 * one row per side and one column per category seen on either side, as SciPy's
 * `chi2_contingency(table, correction=False)`:
 *
 *   E_sj = (row total_s · category total_j) / N,   χ² = Σ (O_sj − E_sj)² / E_sj,   dof = k − 1
 *
 * and the p-value is the chi-square survival function, Q(dof/2, χ²/2) (the regularised upper
 * incomplete gamma function, from @stdlib). Winnow uses this contingency form, not a
 * goodness-of-fit of the current counts against the baseline's shares, because it treats both
 * samples as samples (the baseline has sampling noise too) and stays defined for categories seen
 * on one side only. No Yates continuity correction is applied, for 1 dof either: the statistic is
 * always Pearson's sum. With a single category (dof 0) the statistic is 0 and the p-value 1.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import type { TestResult } from './types';

export interface ChiSquareResult extends TestResult {
  /** Degrees of freedom: categories − 1. */
  dof: number;
}

/**
 * The test from counts per category, in the same order on both sides; both sides need a value.
 *
 * @example
 * chiSquareTest([30, 70], [45, 55]) // { statistic: 4.8, pValue: 0.0284..., dof: 1 }
 */
export function chiSquareTest(baseline: readonly number[], current: readonly number[]): ChiSquareResult {
  const dof = baseline.length - 1;
  if (dof <= 0) return { statistic: 0, pValue: 1, dof: 0 };
  const baselineTotal = baseline.reduce((sum, count) => sum + count, 0);
  const currentTotal = current.reduce((sum, count) => sum + count, 0);
  const total = baselineTotal + currentTotal;
  let statistic = 0;
  for (let index = 0; index < baseline.length; index++) {
    const categoryTotal = baseline[index]! + current[index]!;
    for (const [observed, rowTotal] of [
      [baseline[index]!, baselineTotal],
      [current[index]!, currentTotal],
    ] as const) {
      const expected = (rowTotal * categoryTotal) / total;
      statistic += (observed - expected) ** 2 / expected;
    }
  }
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

/** P(X ≥ statistic) for a chi-square variable with `dof` degrees of freedom. */
export function chiSquareSf(statistic: number, dof: number): number {
  return gammainc(statistic / 2, dof / 2, true, true);
}
