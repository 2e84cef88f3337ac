/**
 * Sums of doubles that come out the same whatever order DuckDB's threads add them in, so a mean
 * or a standard deviation is identical on the parallel native engine and the single-threaded wasm
 * one, run after run. (A floating-point sum, even DuckDB's compensated fsum, changes in the last
 * bits with the order in which partial sums meet; integer addition does not.)
 *
 * Each value is multiplied by a power of two 2^scale (exact) and rounded to a BIGINT, and DuckDB
 * sums the BIGINTs in a 128-bit accumulator, which is exact. The scale brings the largest magnitude
 * M below 2^62, so each value moves by at most half a unit, M * 2^-61 at most: the sum is within
 * count * M * 2^-61 of the exact sum of the doubles, and a mean within M * 2^-61 (4e-19 relative
 * to the largest value) of the exact mean. docs/statistics.md#column-profiles states the bound.
 */
import type { Value } from '../../engine/engine';
import { doubleSql } from './double';

/** The power of two that scales magnitudes up to `largest` below 2^62 (0 without values). */
export function fixedPointScale(largest: number): number {
  if (!(largest > 0) || !Number.isFinite(largest)) return 0;
  // log2 of a double may round up to the next integer: one bit of margin.
  return 62 - (Math.floor(Math.log2(largest)) + 2);
}

/**
 * 2^power as two factors, each a normal double: powers reach about ±1100 (values near 1e-308 or
 * 1e308), beyond a single double, while each multiplication by a power of two stays exact.
 */
export function powerOfTwoFactors(power: number): [number, number] {
  const half = Math.trunc(power / 2);
  return [2 ** half, 2 ** (power - half)];
}

/** The DOUBLE expression `value` times 2^power, exactly (barring underflow and overflow). */
export function timesPowerOfTwoSql(value: string, power: number): string {
  return timesFactorsSql(value, powerOfTwoFactors(power).map(doubleSql) as [string, string]);
}

/** The DOUBLE expression `value` times two factors given as SQL (powerOfTwoFactors' two, as literals or fields). */
export function timesFactorsSql(value: string, [first, second]: [string, string]): string {
  return `((${value}) * ${first} * ${second})`;
}

/** `value` times 2^power, exactly (barring underflow and overflow). */
export function timesPowerOfTwo(value: number, power: number): number {
  const [first, second] = powerOfTwoFactors(power);
  return value * first * second;
}

/**
 * An aggregate: the fixed-point sum of the finite values of the DOUBLE expression `value` at
 * `scale` (or at the scale whose powerOfTwoFactors are the SQL `factors`), a HUGEINT. (A CASE
 * rather than FILTER: DuckDB casts before it filters, and NaN has no BIGINT.)
 */
export function fixedPointSumSql(value: string, scale: number | { factors: [string, string] }): string {
  const factors = typeof scale === 'number' ? (powerOfTwoFactors(scale).map(doubleSql) as [string, string]) : scale.factors;
  return `sum(CASE WHEN isfinite(${value}) THEN CAST(round(${timesFactorsSql(value, factors)}) AS BIGINT) END)`;
}

/** The sum as a double (rounded once from the exact integer). NULL (no values) is 0. */
export function fixedPointValue(sum: Value | undefined, scale: number): number {
  if (sum === null || sum === undefined) return 0;
  return timesPowerOfTwo(Number(sum), -scale);
}
