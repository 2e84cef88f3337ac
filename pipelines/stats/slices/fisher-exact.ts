/**
 * Fisher's exact test of a 2 × 2 table, as scipy.stats.fisher_exact (SciPy 1.10) computes it;
 * pipelines/stats/reference/slices.py checks it against SciPy on tables of up to ten million rows.
 *
 * With the table's margins fixed, its top-left count is hypergeometric: of M rows, K in the first
 * row and n in the first column,
 *
 *   P(X = k) = C(K, k) · C(M − K, n − k) / C(M, n),   max(0, n − (M − K)) ≤ k ≤ min(K, n)
 *
 * 'less' is P(X ≤ a): the first row has so few first-column counts or fewer. 'two-sided' sums
 * P(X = k) over every k no more likely than a, P(X = k) ≤ P(X = a) · (1 + 10⁻⁷): R's fisher.test
 * tolerance, which treats tables that are equally likely in exact arithmetic as equal although
 * their logarithms round differently (SciPy uses 1 + 10⁻¹⁴ with pmf values accurate to the last
 * bits). A table with an empty row or column gives p = 1, as SciPy.
 *
 * A tail is summed from its term nearest the mode outward, where the terms fall: the first term
 * from its logarithm (log-gamma, so no factorial overflows and no term underflows before it must),
 * the others by the ratio of consecutive terms, until they stop adding to the sum. The error is
 * that of the first term's logarithm, a few units in the last place of log Γ(M + 1) ≈ M ln M:
 * against SciPy, 10⁻¹³ relative for a few hundred rows, 10⁻¹⁰ for thirty thousand, 10⁻⁸ for ten
 * million; far below what decides a flag.
 */
import gammaln from '@stdlib/math-base-special-gammaln';

/** [[first row: successes, failures], [second row: successes, failures]], counts ≥ 0. */
export type TwoByTwo = readonly [readonly [number, number], readonly [number, number]];

export type FisherAlternative = 'less' | 'two-sided';

/** R's fisher.test: pmf values within this factor of the observed table's count as equally likely. */
const RELATIVE_TOLERANCE = 1 + 1e-7;

function logChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/** The hypergeometric distribution of the top-left count given the margins. */
class Hypergeometric {
  readonly low: number;
  readonly high: number;
  readonly mode: number;
  private readonly logDenominator: number;

  constructor(
    private readonly population: number,
    private readonly rowTotal: number,
    private readonly columnTotal: number,
  ) {
    this.low = Math.max(0, columnTotal - (population - rowTotal));
    this.high = Math.min(rowTotal, columnTotal);
    this.mode = Math.floor(((columnTotal + 1) * (rowTotal + 1)) / (population + 2));
    this.logDenominator = logChoose(population, columnTotal);
  }

  logPmf(k: number): number {
    return logChoose(this.rowTotal, k) + logChoose(this.population - this.rowTotal, this.columnTotal - k) - this.logDenominator;
  }

  /** P(X = k − 1) / P(X = k). */
  private ratioDown(k: number): number {
    return (k * (this.population - this.rowTotal - this.columnTotal + k)) / ((this.rowTotal - k + 1) * (this.columnTotal - k + 1));
  }

  /** P(X = k + 1) / P(X = k). */
  private ratioUp(k: number): number {
    return ((this.rowTotal - k) * (this.columnTotal - k)) / ((k + 1) * (this.population - this.rowTotal - this.columnTotal + k + 1));
  }

  /** Σ P(X = j) from `from` stepping by `step` to the end of the support; the terms must fall that way. */
  private tailFrom(from: number, step: 1 | -1): number {
    let term = 1;
    let sum = 1;
    for (let k = from; step === 1 ? k < this.high : k > this.low; k += step) {
      term *= step === 1 ? this.ratioUp(k) : this.ratioDown(k);
      sum += term;
      if (term <= sum * 1e-17) break;
    }
    return Math.exp(this.logPmf(from) + Math.log(sum));
  }

  /** P(X ≤ k). */
  cdf(k: number): number {
    if (k < this.low) return 0;
    if (k >= this.high) return 1;
    return k <= this.mode ? this.tailFrom(k, -1) : 1 - this.tailFrom(k + 1, 1);
  }

  /** P(X ≥ k). */
  sf(k: number): number {
    if (k <= this.low) return 1;
    if (k > this.high) return 0;
    return k >= this.mode ? this.tailFrom(k, 1) : 1 - this.tailFrom(k - 1, -1);
  }
}

/** The first k in [low, high] where `test` holds, for a test that holds from some point on; null if none. */
function firstWhere(low: number, high: number, test: (k: number) => boolean): number | null {
  if (low > high || !test(high)) return null;
  while (low < high) {
    const middle = low + Math.floor((high - low) / 2);
    if (test(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The p-value of Fisher's exact test.
 *
 * @example
 * fisherExact([[8, 2], [1, 5]], 'two-sided'); // 0.0349…, as scipy.stats.fisher_exact
 * fisherExact([[24, 10], [140, 18]], 'less'); // the first row's share of successes is lower
 */
export function fisherExact(table: TwoByTwo, alternative: FisherAlternative): number {
  const [[a, b], [c, d]] = table;
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) return 1;
  const distribution = new Hypergeometric(a + b + c + d, a + b, a + c);
  if (alternative === 'less') return distribution.cdf(a);
  const { low, high, mode } = distribution;
  const limit = distribution.logPmf(a) + Math.log(RELATIVE_TOLERANCE);
  const unlikely = (k: number) => distribution.logPmf(k) <= limit;
  let pValue: number;
  if (a < mode) {
    // The terms fall from the mode to the top of the support: the first unlikely one starts the upper tail.
    const upper = firstWhere(mode, high, unlikely);
    pValue = distribution.cdf(a) + (upper === null ? 0 : distribution.sf(upper));
  } else if (a > mode) {
    // Mirrored: the last unlikely k at or below the mode ends the lower tail.
    const lower = firstWhere(-mode, -low, (negated) => unlikely(-negated));
    pValue = distribution.sf(a) + (lower === null ? 0 : distribution.cdf(-lower));
  } else {
    pValue = 1;
  }
  return Math.min(pValue, 1);
}
