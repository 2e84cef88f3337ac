/**
 * Exact rational arithmetic for agreement statistics. The SQL returns integer tallies; every
 * coefficient is a ratio of sums of them, so it is computed exactly with BigInt and rounded to
 * a double once, at the end. That makes the result the correctly rounded value (the same double
 * Python's `float(Fraction(...))` gives), independent of summation order, threads or engine.
 */

/** An integer from a query (number or bigint) as a bigint. */
export function big(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new Error(`not an integer: ${String(value)}`);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** num / den as the nearest double (ties to even), for any size of num and den. */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (den === 0n) throw new RangeError('division by zero');
  if (den < 0n) [num, den] = [-num, -den];
  if (num === 0n) return 0;
  const negative = num < 0n;
  const magnitude = negative ? -num : num;
  // Scale so the integer quotient has at least 65 bits; a remainder becomes a sticky low bit, far
  // below the 53 bits Number() keeps, so its one rounding is the correct one.
  const shift = 66 - (bitLength(magnitude) - bitLength(den));
  const scaledNum = shift >= 0 ? magnitude << BigInt(shift) : magnitude;
  const scaledDen = shift >= 0 ? den : den << BigInt(-shift);
  let quotient = scaledNum / scaledDen;
  if (scaledNum % scaledDen !== 0n) quotient |= 1n;
  // Two steps keep each power of two representable; the products are exact for normal results.
  const half = Math.trunc(shift / 2);
  const value = Number(quotient) * 2 ** -half * 2 ** -(shift - half);
  return negative ? -value : value;
}

/** A fraction in lowest terms with a positive denominator. */
export class Ratio {
  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint, den: bigint = 1n) {
    if (den === 0n) throw new RangeError('a ratio with denominator 0');
    const divisor = gcd(num, den) || 1n;
    const sign = den < 0n ? -1n : 1n;
    this.num = (sign * num) / divisor;
    this.den = (sign * den) / divisor;
  }

  static readonly zero = new Ratio(0n);
  static readonly one = new Ratio(1n);

  static of(num: bigint | number, den: bigint | number = 1n): Ratio {
    return new Ratio(big(num), big(den));
  }

  plus(other: Ratio): Ratio {
    return new Ratio(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  minus(other: Ratio): Ratio {
    return new Ratio(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  times(other: Ratio): Ratio {
    return new Ratio(this.num * other.num, this.den * other.den);
  }

  dividedBy(other: Ratio): Ratio {
    return new Ratio(this.num * other.den, this.den * other.num);
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  equals(other: Ratio): boolean {
    return this.num === other.num && this.den === other.den;
  }

  toNumber(): number {
    return ratioToNumber(this.num, this.den);
  }
}

/** The sum of ratios, in the order given. */
export function sum(values: Iterable<Ratio>): Ratio {
  let total = Ratio.zero;
  for (const value of values) total = total.plus(value);
  return total;
}
