/**
 * The Jensen–Shannon distance between the baseline and current distributions over bins (numeric
 * columns: quantile-bins.ts, the same bins as PSI) or categories, with base-2 logarithms, as
 * SciPy's `scipy.spatial.distance.jensenshannon(baseline, current, base=2)`:
 *
 *   m = (b + c) / 2,  JS = sqrt( (KL(b ‖ m) + KL(c ‖ m)) / 2 ),  KL(p ‖ q) = Σ p_i log2(p_i / q_i)
 *
 * with 0 · log 0 = 0, so empty bins and one-sided categories need no smoothing. It lies in [0, 1]:
 * 0 for equal distributions, 1 for distributions with no bin in common. It is the square root of
 * the divergence, and a metric.
 */

/**
 * JS distance (base 2) from counts per bin, in the same bin order on both sides; both sides need
 * a value.
 *
 * @example
 * jensenShannonDistance([1, 0], [0, 1]) // 1
 */
export function jensenShannonDistance(baseline: readonly number[], current: readonly number[]): number {
  const baselineTotal = baseline.reduce((sum, count) => sum + count, 0);
  const currentTotal = current.reduce((sum, count) => sum + count, 0);
  let left = 0;
  let right = 0;
  for (let index = 0; index < baseline.length; index++) {
    const b = baseline[index]! / baselineTotal;
    const c = current[index]! / currentTotal;
    const m = (b + c) / 2;
    left += relativeEntropy(b, m);
    right += relativeEntropy(c, m);
  }
  // Rounding can leave a divergence of −1e-17 between equal distributions: that is 0.
  return Math.sqrt(Math.max((left + right) / Math.LN2 / 2, 0));
}

/** SciPy's `rel_entr`: x · ln(x / y), 0 where x is 0. */
function relativeEntropy(x: number, y: number): number {
  return x > 0 ? x * Math.log(x / y) : 0;
}
