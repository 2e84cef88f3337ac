/**
 * The Wilson score interval for a proportion (Wilson 1927, "Probable inference, the law of
 * succession, and statistical inference", JASA 22), in Newcombe's form (1998, "Two-sided
 * confidence intervals for the single proportion", Statistics in Medicine 17), as
 * scipy.stats.binomtest(k, n).proportion_ci(method='wilson') computes it:
 *
 *   center = (2k + z²) / (2(n + z²)),  delta = z / (2(n + z²)) · √(4k(n − k)/n + z²)
 *
 * with the bound at 0 exact when k = 0 and the bound at 1 exact when k = n. Unlike the normal
 * approximation it stays inside [0, 1] and keeps its coverage for small n and extreme p.
 */

/** Φ⁻¹(0.975): z of a two-sided 95% interval (scipy.special.ndtri(0.975)). */
export const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/** The 95% Wilson interval of `successes` out of `trials`; null without trials. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval | null {
  if (trials === 0) return null;
  const p = successes / trials;
  const zz = z * z;
  const denominator = 2 * (trials + zz);
  const center = (2 * trials * p + zz) / denominator;
  const delta = (z / denominator) * Math.sqrt(4 * trials * p * (1 - p) + zz);
  return {
    lower: successes === 0 ? 0 : center - delta,
    upper: successes === trials ? 1 : center + delta,
  };
}
