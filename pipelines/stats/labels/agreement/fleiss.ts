/**
 * Fleiss' kappa for any number of annotators.
 *
 * Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
 * Bulletin 76(5), 378–382. With a constant number n of ratings per item:
 *   P_i = Σ_k x_ik (x_ik − 1) / (n (n − 1)),  P̄ = mean of P_i,  p_k = Σ_i x_ik / (N n),
 *   P_e = Σ_k p_k²,  κ = (P̄ − P_e) / (1 − P_e).
 * Items rated by different numbers of annotators (missing ratings) follow Gwet's generalisation
 * (Gwet, K. L. (2014), Handbook of Inter-Rater Reliability, 4th ed.; the irrCAC package's
 * fleiss.kappa.raw): P̄ is the mean of P_i (each with its own n_i) over items with at least two
 * ratings, and p_k the mean over items with at least one rating of x_ik / n_i. With a constant n
 * this is exactly Fleiss (1971).
 *
 * Per label, the category-specific kappa is the same coefficient for "k" against "not k"
 * (Fleiss 1971, eq. 9 with a constant n).
 */
import { Ratio, sum } from '../exact';
import type { RatingTally } from './tally';

export interface FleissKappa {
  /** null when undefined: no item has two ratings, or every rating gives the same label. */
  value: number | null;
  /** P̄: the mean share of agreeing pairs of ratings per item. */
  observedAgreement: number | null;
  /** P_e: the agreement expected by chance. */
  chanceAgreement: number | null;
  /** Items with at least two ratings (those P̄ averages over). */
  items: number;
}

interface Parts {
  pairableItems: bigint;
  ratedItems: bigint;
}

function parts(tally: RatingTally): Parts {
  let pairableItems = 0n;
  let ratedItems = 0n;
  for (const { ratingsPerItem, items } of tally.items) {
    ratedItems += items;
    if (ratingsPerItem >= 2n) pairableItems += items;
  }
  return { pairableItems, ratedItems };
}

/** p_k: the mean over rated items of the share of their ratings that give `label`. */
function share(tally: RatingTally, label: string, ratedItems: bigint): Ratio {
  const total = sum(tally.labels.filter((entry) => entry.label === label).map((entry) => new Ratio(entry.ratings, entry.ratingsPerItem)));
  return total.dividedBy(new Ratio(ratedItems));
}

function kappa(observed: Ratio, chance: Ratio): Ratio | null {
  return chance.equals(Ratio.one) ? null : observed.minus(chance).dividedBy(Ratio.one.minus(chance));
}

export function fleissKappa(tally: RatingTally): FleissKappa {
  const { pairableItems, ratedItems } = parts(tally);
  if (pairableItems === 0n) return { value: null, observedAgreement: null, chanceAgreement: null, items: 0 };
  const observed = sum(
    tally.labels.filter((entry) => entry.ratingsPerItem >= 2n).map((entry) => new Ratio(entry.samePairs, entry.ratingsPerItem * (entry.ratingsPerItem - 1n))),
  ).dividedBy(new Ratio(pairableItems));
  const labels = [...new Set(tally.labels.map((entry) => entry.label))];
  const chance = sum(labels.map((label) => share(tally, label, ratedItems)).map((p) => p.times(p)));
  return {
    value: kappa(observed, chance)?.toNumber() ?? null,
    observedAgreement: observed.toNumber(),
    chanceAgreement: chance.toNumber(),
    items: Number(pairableItems),
  };
}

/** Fleiss' kappa of `label` against all other labels; null when undefined. */
export function fleissKappaForLabel(tally: RatingTally, label: string): number | null {
  const { pairableItems, ratedItems } = parts(tally);
  if (pairableItems === 0n) return null;
  // An item's agreeing pairs in the two-label view: m(m − 1) − 2 x (m − x).
  const disagreeing = sum(
    tally.labels
      .filter((entry) => entry.label === label && entry.ratingsPerItem >= 2n)
      .map((entry) => new Ratio(2n * entry.crossPairs, entry.ratingsPerItem * (entry.ratingsPerItem - 1n))),
  ).dividedBy(new Ratio(pairableItems));
  const observed = Ratio.one.minus(disagreeing);
  const p = share(tally, label, ratedItems);
  const q = Ratio.one.minus(p);
  return kappa(observed, p.times(p).plus(q.times(q)))?.toNumber() ?? null;
}
