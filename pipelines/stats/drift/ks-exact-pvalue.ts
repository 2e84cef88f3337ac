/**
 * The exact p-value of the two-sided two-sample Kolmogorov–Smirnov test: the probability, under
 * the null hypothesis that both samples come from one continuous distribution, that the
 * statistic D = max |F_baseline − F_current| is at least the observed d.
 *
 * No JavaScript library provides this distribution, so it is written here once, following
 * SciPy 1.10.1 step for step (scipy/stats/_stats_py.py `_attempt_exact_2kssamp` and
 * `_compute_prob_outside_square`, scipy/stats/_stats_pythran.py
 * `_compute_outer_prob_inside_method`), which implements:
 *
 * - Hodges, J. L. Jr. (1958). "The significance probability of the Smirnov two-sample test."
 *   Arkiv för Matematik 3(43), 469–486. (Lattice paths from (0, 0) to (n1, n2) that stay inside
 *   the band |x/n1 − y/n2| < d; for n1 = n2 the closed form with alternating binomial terms.)
 * - Viehmann, T. (2021). "Numerically more stable computation of the p-values for the two-sample
 *   Kolmogorov–Smirnov test." arXiv:2102.08037. (The recursion carried out on 1 − p directly.)
 *
 * Floating point operations are done in SciPy's order, so results agree with `ks_2samp` to the
 * last few bits, including the cases where SciPy's exact computation gives up (a probability
 * outside [0, 1] through rounding) and falls back to the asymptotic distribution.
 */

/** The greatest common divisor of two positive integers. */
export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Rounds half to even, as NumPy's `np.round`. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export interface ExactKsPValue {
  /** The statistic as the exact computation uses it: h / lcm(n1, n2), h an integer. */
  statistic: number;
  /** P(D ≥ statistic), or null where the exact computation fails (SciPy then uses 'asymp'). */
  pValue: number | null;
}

/**
 * The exact two-sided p-value for samples of sizes `baselineCount` and `currentCount` and an
 * observed statistic `statistic`.
 *
 * @example
 * exactKsPValue(3, 5, 0.6) // { statistic: 0.6, pValue: 0.4642857142857143 }
 */
export function exactKsPValue(baselineCount: number, currentCount: number, statistic: number): ExactKsPValue {
  const g = gcd(baselineCount, currentCount);
  const lcm = (baselineCount / g) * currentCount;
  // D only takes values h / lcm: snapping removes the rounding of the observed difference.
  const h = roundHalfEven(statistic * lcm);
  const snapped = h / lcm;
  if (h === 0) return { statistic: snapped, pValue: 1 };
  const p = baselineCount === currentCount ? probabilityOutsideSquare(baselineCount, h) : probabilityOutsideBand(baselineCount, currentCount, g, h);
  return { statistic: snapped, pValue: p >= 0 && p <= 1 ? p : null };
}

/**
 * P(D ≥ h/n) for two samples of size n (SciPy's `_compute_prob_outside_square`):
 * 2 · Σ_k (−1)^(k−1) C(2n, n − k·h) / C(2n, n), evaluated as a Horner-like product of ratios to
 * avoid the cancellation of the alternating sum.
 */
function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D ≥ h/lcm) for sizes m ≠ n (SciPy's `_compute_outer_prob_inside_method`): the share of
 * monotone lattice paths from (0, 0) to (m, n) that leave the band |n·x/g − m·y/g| < h, computed
 * column by column over a sliding window, on the complement as Viehmann (2021) describes.
 */
function probabilityOutsideBand(baselineCount: number, currentCount: number, g: number, h: number): number {
  // Symmetric in m and n; the recursion runs with m ≥ n.
  const m = Math.max(baselineCount, currentCount);
  const n = Math.min(baselineCount, currentCount);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let length = maxj - minj;
  const column = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  column.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastMinj = minj;
    const lastLength = length;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let value = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      value = (column[jj + minj - lastMinj]! * i + value * j) / (i + j);
      column[jj] = value;
    }
    length = maxj - minj;
    if (lastLength > length) column.fill(1, maxj - minj, maxj - minj + (lastLength - length));
  }
  return column[maxj - minj - 1]!;
}
