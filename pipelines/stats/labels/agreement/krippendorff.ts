/**
 * Krippendorff's alpha for nominal data, with missing ratings.
 *
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
 * Communication, University of Pennsylvania, section C (nominal data, any number of observers,
 * missing data). Only units with m_u ≥ 2 values are pairable. The coincidence matrix counts every
 * ordered pair of values within a unit with weight 1 / (m_u − 1):
 *   o_ck = Σ_u (number of c–k pairs in u) / (m_u − 1),  n_c = Σ_k o_ck,  n = Σ_c n_c,
 *   α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k.
 * For nominal data Σ_{c≠k} o_ck = n − Σ_c o_cc and o_cc = Σ_u x_uc (x_uc − 1) / (m_u − 1), so the
 * tallies by m give it exactly. The paper's worked example (4 observers, 12 units) gives 0.743.
 */
import { Ratio, sum } from '../exact';
import type { RatingTally } from './tally';

export interface KrippendorffAlpha {
  /** null when undefined: no pairable values, or all of them the same label. */
  value: number | null;
  /** n: the values in units with at least two values. */
  pairableValues: number;
  /** D_o = Σ_{c≠k} o_ck / n. */
  observedDisagreement: number | null;
  /** D_e = Σ_{c≠k} n_c n_k / (n (n − 1)). */
  expectedDisagreement: number | null;
}

export function krippendorffAlpha(tally: RatingTally): KrippendorffAlpha {
  const pairable = tally.labels.filter((entry) => entry.ratingsPerItem >= 2n);
  const byLabel = new Map<string, bigint>();
  for (const entry of pairable) byLabel.set(entry.label, (byLabel.get(entry.label) ?? 0n) + entry.ratings);
  const n = [...byLabel.values()].reduce((total, count) => total + count, 0n);
  if (n === 0n) return { value: null, pairableValues: 0, observedDisagreement: null, expectedDisagreement: null };
  const agreeing = sum(pairable.map((entry) => new Ratio(entry.samePairs, entry.ratingsPerItem - 1n)));
  const disagreeing = new Ratio(n).minus(agreeing);
  const expected = n * n - [...byLabel.values()].reduce((total, count) => total + count * count, 0n);
  const observedDisagreement = disagreeing.dividedBy(new Ratio(n)).toNumber();
  if (expected === 0n) return { value: null, pairableValues: Number(n), observedDisagreement, expectedDisagreement: 0 };
  return {
    value: Ratio.one.minus(new Ratio(n - 1n).times(disagreeing).dividedBy(new Ratio(expected))).toNumber(),
    pairableValues: Number(n),
    observedDisagreement,
    expectedDisagreement: new Ratio(expected, n * (n - 1n)).toNumber(),
  };
}
