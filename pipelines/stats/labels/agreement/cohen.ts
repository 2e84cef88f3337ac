/**
 * Cohen's kappa for two annotators.
 *
 * Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
 * Measurement 20(1), 37–46. Over the N items both annotators rated, with n_kk the items both gave
 * label k and r_k, c_k the items the first and the second annotator gave k:
 *   p_o = Σ_k n_kk / N,  p_e = Σ_k r_k c_k / N²,  κ = (p_o − p_e) / (1 − p_e)
 *     = (N Σ_k n_kk − Σ_k r_k c_k) / (N² − Σ_k r_k c_k),
 * the last form in integers, so one division gives the correctly rounded value. It is what
 * sklearn.metrics.cohen_kappa_score computes (unweighted).
 */
import { Ratio } from '../exact';

/** Items the first annotator gave `first` and the second gave `second`. */
export interface ConfusionCell {
  first: string;
  second: string;
  count: bigint;
}

export interface CohenKappa {
  /** null when undefined: no item rated by both, or both gave one and the same label throughout. */
  value: number | null;
  observedAgreement: number | null;
  chanceAgreement: number | null;
  /** Items both annotators rated. */
  items: number;
}

interface Margins {
  n: bigint;
  agreeing: bigint;
  chanceProducts: bigint;
}

function margins(cells: readonly ConfusionCell[]): Margins {
  const rows = new Map<string, bigint>();
  const columns = new Map<string, bigint>();
  let n = 0n;
  let agreeing = 0n;
  for (const { first, second, count } of cells) {
    n += count;
    if (first === second) agreeing += count;
    rows.set(first, (rows.get(first) ?? 0n) + count);
    columns.set(second, (columns.get(second) ?? 0n) + count);
  }
  let chanceProducts = 0n;
  for (const [label, count] of rows) chanceProducts += count * (columns.get(label) ?? 0n);
  return { n, agreeing, chanceProducts };
}

function kappaOf({ n, agreeing, chanceProducts }: Margins): number | null {
  const denominator = n * n - chanceProducts;
  return denominator === 0n ? null : new Ratio(n * agreeing - chanceProducts, denominator).toNumber();
}

export function cohenKappa(cells: readonly ConfusionCell[]): CohenKappa {
  const counts = margins(cells);
  if (counts.n === 0n) return { value: null, observedAgreement: null, chanceAgreement: null, items: 0 };
  return {
    value: kappaOf(counts),
    observedAgreement: new Ratio(counts.agreeing, counts.n).toNumber(),
    chanceAgreement: new Ratio(counts.chanceProducts, counts.n * counts.n).toNumber(),
    items: Number(counts.n),
  };
}

/** Cohen's kappa of `label` against all other labels (both annotators' ratings made binary). */
export function cohenKappaForLabel(cells: readonly ConfusionCell[], label: string): number | null {
  const binary = cells.map(({ first, second, count }) => ({ first: String(first === label), second: String(second === label), count }));
  const counts = margins(binary);
  return counts.n === 0n ? null : kappaOf(counts);
}
