/**
 * The seeded Poisson bootstrap, in SQL. Each replicate r = 1 … B gives every row a weight w drawn
 * from Poisson(1), the limit of how often a row is drawn when n rows are resampled with
 * replacement (Hanley & MacGibbon 2006, "Creating non-parametric bootstrap samples using Poisson
 * frequencies", Computer Methods and Programs in Biomedicine 83; Chamandy et al. 2012,
 * "Estimating uncertainty for massive data streams", Google). Weights are independent per row,
 * so replicates need no shuffle and no row numbering, and a statistic over a replicate is the
 * same SQL aggregate with counts weighted by w.
 *
 * Randomness comes from the seed and the row, never from random() or scan order: one md5 per row
 * (hashing.ts' unitHash of the seed and the row key, its top 32 bits), then per replicate
 * murmur3's 32-bit finaliser of (hash + r · 0x9E3779B9) mod 2^32 (integer arithmetic on UBIGINT,
 * exact on every engine), and w = the number of thresholds T_k = ⌊2^32 · P(Poisson(1) ≤ k)⌋ at or
 * below the result (the smallest k with result < T_k). pipelines/stats/reference/slices.py draws the same weights in Python.
 *
 * The interval is the percentile interval: the 2.5th and 97.5th percentiles of the replicates'
 * values, interpolated linearly between order statistics (numpy.percentile's default).
 *
 * The test of a slice against the rest of the rows is a z test with the bootstrap standard error
 * (Efron & Tibshirani 1993, "An Introduction to the Bootstrap": the standard error of ch. 6, the
 * standard normal interval θ̂ ± z·se of ch. 12 turned into a test): d, the slice's value minus the
 * rest's, over the standard deviation of d across the replicates (both sides recomputed from the
 * same replicate's weights), the normal distribution's tail its p-value. Unlike the share of
 * replicates on one side of 0, it does not stop at 1 / B: a family of twenty tests needs p-values
 * below 0.05 / 20 = 1 / 400 to flag anything under Holm.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import { unitHash } from '../../table/hashing';

/** Replicates by default: enough for a 95% percentile interval on the slices' scale. */
export const DEFAULT_REPLICATES = 200;

/** ⌊2^32 · P(Poisson(1) ≤ k)⌋ for k = 0 … 12, from e^-1 at 60 digits (slices.py recomputes them). */
export const POISSON_THRESHOLDS = [
  1580030168, 3160060337, 3950075421, 4213413783, 4279248373, 4292415291, 4294609777, 4294923276, 4294962463, 4294966817, 4294967252, 4294967292, 4294967295,
];

const TWO_TO_32 = '4294967296::UBIGINT';

/** The row's 32-bit hash (UBIGINT): the top 32 bits of the seeded md5 of its key columns. */
export function rowHashSql(keyColumns: readonly string[], seed: number): string {
  return `CAST(floor(${unitHash(keyColumns, seed, 'slices:bootstrap')} * 4294967296) AS UBIGINT)`;
}

/**
 * Every row of `relation` (which has the row hash as `__h`) once per replicate, with the
 * replicate's number `__r` (1 … replicates) and the row's Poisson weight `__w`; rows of weight 0
 * are left out. `__h` is dropped.
 */
export function replicatesSql(relation: string, replicates: number): string {
  const start = `SELECT *, (__h + CAST(__r AS UBIGINT) * 2654435769::UBIGINT) % ${TWO_TO_32} AS __x FROM ${relation}, range(1, ${replicates + 1}) AS __replicates(__r)`;
  const mixed1 = `SELECT * REPLACE ((xor(__x, __x >> 16) * 2246822507::UBIGINT) % ${TWO_TO_32} AS __x) FROM (${start})`;
  const mixed2 = `SELECT * REPLACE ((xor(__x, __x >> 13) * 3266489909::UBIGINT) % ${TWO_TO_32} AS __x) FROM (${mixed1})`;
  const mixed3 = `SELECT * REPLACE (xor(__x, __x >> 16) AS __x) FROM (${mixed2})`;
  // A CASE stops at the first threshold above x: two comparisons on average, not thirteen.
  const weight = `CASE ${POISSON_THRESHOLDS.map((threshold, k) => `WHEN __x < ${threshold}::UBIGINT THEN ${k}`).join(' ')} ELSE ${POISSON_THRESHOLDS.length} END`;
  return `SELECT * EXCLUDE (__h, __x), ${weight} AS __w FROM (${mixed3}) WHERE __x >= ${POISSON_THRESHOLDS[0]}::UBIGINT`;
}

/** The q-quantile of sorted values, interpolating linearly between order statistics. */
function quantileOfSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** The 95% percentile interval of the replicates' values; null without any. */
export function percentileInterval(values: readonly number[]): { lower: number; upper: number } | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { lower: quantileOfSorted(sorted, 0.025), upper: quantileOfSorted(sorted, 0.975) };
}

/**
 * Φ(z), the standard normal distribution function, as scipy.stats.norm.cdf: from the regularised
 * upper incomplete gamma function, erfc(x) = Q(1/2, x²), accurate in the far tails too.
 */
export function normalCdf(z: number): number {
  const tail = 0.5 * gammainc((z * z) / 2, 0.5, true, true);
  return z < 0 ? tail : 1 - tail;
}

/**
 * The one-sided p-value that the slice is worse (lower) than the rest: Φ(d / sd), d the slice's
 * value minus the rest's and sd the sample standard deviation (n − 1) of the replicates'
 * differences. Null without two replicates or when they are all equal.
 */
export function bootstrapZTest(difference: number, replicateDifferences: readonly number[]): number | null {
  const count = replicateDifferences.length;
  if (count < 2 || replicateDifferences.every((value) => value === replicateDifferences[0])) return null;
  const mean = replicateDifferences.reduce((sum, value) => sum + value, 0) / count;
  const deviation = Math.sqrt(replicateDifferences.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (count - 1));
  return normalCdf(difference / deviation);
}
