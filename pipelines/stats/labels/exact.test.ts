import { describe, expect, it } from 'vitest';
import { big, Ratio, ratioToNumber, sum } from './exact';

describe('ratioToNumber: the correctly rounded double of a fraction', () => {
  it('equals IEEE division when both parts are exact doubles', () => {
    // A fixed pseudo-random sequence (xorshift), so the test is the same every run.
    let state = 0x9e3779b9;
    const next = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) * 2 ** 21 + ((state >>> 11) & 0x1fffff);
    };
    for (let index = 0; index < 2000; index++) {
      const num = next() - 2 ** 52;
      const den = next() + 1;
      expect(ratioToNumber(BigInt(num), BigInt(den))).toBe(num / den);
      // The same fraction written with 300-bit parts rounds to the same double.
      const scale = 3n ** 190n;
      expect(ratioToNumber(BigInt(num) * scale, BigInt(den) * scale)).toBe(num / den);
    }
  });

  it('rounds halfway cases to even, and anything above halfway up', () => {
    const two53 = 2n ** 53n;
    expect(ratioToNumber(two53 + 1n, 1n)).toBe(2 ** 53);
    expect(ratioToNumber(two53 + 3n, 1n)).toBe(2 ** 53 + 4);
    expect(ratioToNumber(2n * two53 + 1n, 2n)).toBe(2 ** 53);
    expect(ratioToNumber(3n * (two53 + 1n) + 1n, 3n)).toBe(2 ** 53 + 2);
    expect(ratioToNumber(-(3n * (two53 + 1n) + 1n), 3n)).toBe(-(2 ** 53 + 2));
  });

  it('handles signs, zero and a negative denominator', () => {
    expect(ratioToNumber(1n, 3n)).toBe(1 / 3);
    expect(ratioToNumber(-1n, 3n)).toBe(-1 / 3);
    expect(ratioToNumber(1n, -3n)).toBe(-1 / 3);
    expect(Object.is(ratioToNumber(0n, 5n), 0)).toBe(true);
    expect(() => ratioToNumber(1n, 0n)).toThrow(RangeError);
  });
});

describe('Ratio', () => {
  it('keeps fractions in lowest terms and adds them exactly', () => {
    expect(Ratio.of(6, -4)).toEqual(new Ratio(-3n, 2n));
    // 0.1 + 0.2 is 0.30000000000000004 in doubles; as fractions it is 3/10, rounded once.
    const total = sum([Ratio.of(1, 10), Ratio.of(2, 10)]);
    expect(total.equals(Ratio.of(3, 10))).toBe(true);
    expect(total.toNumber()).toBe(0.3);
    expect(Ratio.of(2, 3).times(Ratio.of(3, 4)).dividedBy(Ratio.of(1, 2)).minus(Ratio.one).isZero()).toBe(true);
  });

  it('reads integers from query results, and nothing else', () => {
    expect(big(3)).toBe(3n);
    expect(big(9007199254740993n)).toBe(9007199254740993n);
    expect(big('42')).toBe(42n);
    expect(() => big(1.5)).toThrow(/not an integer/);
    expect(() => big(null)).toThrow(/not an integer/);
  });
});
