import { describe, expect, it } from 'vitest';
import { exactKsPValue, gcd, roundHalfEven } from './ks-exact-pvalue';
import { expectPValue, reference } from '../../../testing/drift-fixtures';

describe('exact two-sample KS p-value', () => {
  it('matches SciPy on the reference grid, failing exactly where SciPy gives up', () => {
    expect(reference.ksExact.length).toBeGreaterThan(150);
    for (const { n1, n2, d, success, pValue } of reference.ksExact) {
      const result = exactKsPValue(n1, n2, d);
      const label = `n1=${n1} n2=${n2} d=${d}`;
      expect(result.statistic, label).toBe(d);
      if (!success) expect(result.pValue, label).toBeNull();
      else if (pValue === 0) expect(result.pValue, label).toBe(0);
      else expectPValue(result.pValue, pValue!, label);
    }
  });

  it('is symmetric in the sample sizes', () => {
    expect(exactKsPValue(30, 20, 0.3)).toEqual(exactKsPValue(20, 30, 0.3));
  });

  it('snaps the statistic to the lattice h / lcm(n1, n2)', () => {
    // 0.6 is 3/5; one ulp away it still means h = 24 of lcm 40.
    expect(exactKsPValue(8, 5, 0.6000000000000001).statistic).toBe(0.6);
  });

  it('gives 1 for a zero statistic', () => {
    expect(exactKsPValue(10, 12, 0)).toEqual({ statistic: 0, pValue: 1 });
  });

  it('rounds half to even and finds the gcd, as NumPy and math.gcd', () => {
    expect([0.5, 1.5, 2.5, 2.4999, 3.5000001].map(roundHalfEven)).toEqual([0, 2, 2, 2, 4]);
    expect(gcd(366, 365)).toBe(1);
    expect(gcd(10000, 2500)).toBe(2500);
  });
});
