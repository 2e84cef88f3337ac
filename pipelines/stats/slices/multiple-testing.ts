/**
 * Adjusted p-values for a family of tests, as statsmodels.stats.multitest.multipletests
 * (statsmodels 0.13) computes them. With m tests and p₍₁₎ ≤ … ≤ p₍ₘ₎ their p-values in order:
 *
 * - holm (Holm 1979, "A simple sequentially rejective multiple test procedure", Scandinavian
 *   Journal of Statistics 6): p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1) · p₍ⱼ₎). Rejecting the
 *   tests with p̃ ≤ α keeps the chance of any false flag in the family (the family-wise error
 *   rate) at most α, whatever the dependence between the tests: Bonferroni's guarantee, with more
 *   power.
 * - bh (Benjamini & Hochberg 1995, "Controlling the false discovery rate", JRSS B 57):
 *   p̃₍ᵢ₎ = min over j ≥ i of min(1, p₍ⱼ₎ / (j / m)). Rejecting the tests with p̃ ≤ α keeps the
 *   expected share of false flags among the flags (the false discovery rate) at most α, for
 *   independent or positively dependent tests: more flags, some of them wrong.
 * - none: p̃ = p.
 *
 * Ties get the same adjusted value whatever their order, so the result depends on the p-values only.
 */
import type { Correction } from './types';

/** The adjusted p-values, in the order of `pValues`. */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  const m = pValues.length;
  if (correction === 'none' || m === 0) return [...pValues];
  const order = pValues.map((_, index) => index).sort((left, right) => pValues[left]! - pValues[right]! || left - right);
  const adjusted = new Array<number>(m);
  if (correction === 'holm') {
    let running = 0;
    order.forEach((index, rank) => {
      running = Math.max(running, pValues[index]! * (m - rank));
      adjusted[index] = Math.min(running, 1);
    });
  } else {
    let running = Infinity;
    for (let rank = m - 1; rank >= 0; rank -= 1) {
      const index = order[rank]!;
      // p / (i / m) as statsmodels divides, so the last bits agree too.
      running = Math.min(running, pValues[index]! / ((rank + 1) / m));
      adjusted[index] = Math.min(running, 1);
    }
  }
  return adjusted;
}
