/**
 * The population stability index of the current distribution against the baseline, over bins
 * (numeric columns: quantile-bins.ts) or categories:
 *
 *   PSI = Σ_i (c_i − b_i) · ln(c_i / b_i)
 *
 * with b_i and c_i the shares of the baseline and current values in bin i. A share of 0 (an
 * empty bin, or a category seen on one side only) is replaced by `epsilon` (default 1e-4) before
 * the sum, without renormalising, so PSI stays finite; an empty bin on both sides adds 0.
 * PSI is symmetric in the two sides and ≥ 0. Rule of thumb: below 0.1 stable, 0.1 to 0.2 a
 * moderate shift, above 0.2 a significant one (Winnow's default threshold).
 */

/** What replaces a share of 0. */
export const PSI_EPSILON = 1e-4;

/**
 * PSI from counts per bin, in the same bin order on both sides; both sides need a value.
 *
 * @example
 * populationStabilityIndex([50, 50], [40, 60]) // 0.0405...
 */
export function populationStabilityIndex(baseline: readonly number[], current: readonly number[], epsilon = PSI_EPSILON): number {
  const baselineTotal = total(baseline);
  const currentTotal = total(current);
  let psi = 0;
  for (let index = 0; index < baseline.length; index++) {
    const b = baseline[index]! / baselineTotal || epsilon;
    const c = current[index]! / currentTotal || epsilon;
    psi += (c - b) * Math.log(c / b);
  }
  return psi;
}

function total(counts: readonly number[]): number {
  return counts.reduce((sum, count) => sum + count, 0);
}
