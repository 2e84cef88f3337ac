/**
 * What the agreement coefficients need from the data: integer tallies of the ratings, summed
 * over all items that have the same number of ratings m. SQL computes them (
 * agreement/agreement.ts); the coefficients are exact functions of them (fleiss.ts, krippendorff.ts). Integer
 * sums do not depend on the order DuckDB adds them in, so both engines give the same tallies.
 */

/** How many items have `ratingsPerItem` ratings. */
export interface ItemCount {
  ratingsPerItem: bigint;
  items: bigint;
}

/** For items with m = `ratingsPerItem` ratings, and one label k (x = ratings of k on an item): */
export interface LabelTally {
  ratingsPerItem: bigint;
  label: string;
  /** Σ x: ratings of the label on these items. */
  ratings: bigint;
  /** Σ x(x − 1): ordered pairs of an item's ratings that both give the label. */
  samePairs: bigint;
  /** Σ x(m − x): ordered pairs whose first rating gives the label and whose second does not. */
  crossPairs: bigint;
}

export interface RatingTally {
  /** By number of ratings per item, ascending; items with no rating are not listed. */
  items: ItemCount[];
  /** By number of ratings per item, then label. */
  labels: LabelTally[];
}

/** The labels of a tally, sorted (code point order, as DuckDB orders VARCHAR). */
export function labelsOf(tally: RatingTally): string[] {
  return [...new Set(tally.labels.map((entry) => entry.label))].sort(compareText);
}

/** Orders strings by code point, as DuckDB orders VARCHAR (and Python orders str). */
export function compareText(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = left[index]!.codePointAt(0)! - right[index]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
