/**
 * The L-infinity distance between the baseline and current category shares: the largest
 * absolute difference in any one category's share, max_i |b_i − c_i|, in [0, 1]. A category seen
 * on one side only counts with a share of 0 on the other. It reads directly: 0.1 means some
 * category's share moved by 10 percentage points.
 */

/**
 * L∞ from counts per category, in the same order on both sides; both sides need a value.
 *
 * @example
 * linfDistance([50, 30, 20], [40, 40, 20]) // 0.1
 */
export function linfDistance(baseline: readonly number[], current: readonly number[]): number {
  const baselineTotal = baseline.reduce((sum, count) => sum + count, 0);
  const currentTotal = current.reduce((sum, count) => sum + count, 0);
  let largest = 0;
  for (let index = 0; index < baseline.length; index++) {
    largest = Math.max(largest, Math.abs(baseline[index]! / baselineTotal - current[index]! / currentTotal));
  }
  return largest;
}
