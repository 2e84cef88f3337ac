import { describe, expect, it } from 'vitest';
import { kolmogorovSf, smirnovSf } from './kolmogorov-distribution';
import { expectPValue, reference } from '../../../testing/drift-fixtures';

function expectSf(actual: number, expected: number, label: string): void {
  if (expected === 0 || expected === 1) expect(actual, label).toBe(expected);
  else expectPValue(actual, expected, label);
}

describe('Kolmogorov distributions', () => {
  it('kstwo.sf matches SciPy over every method it chooses between', () => {
    expect(reference.kstwoSf.length).toBeGreaterThan(200);
    for (const { n, x, sf } of reference.kstwoSf) expectSf(kolmogorovSf(n, x), sf, `kstwo.sf(${x}, ${n})`);
  });

  it('smirnov matches SciPy, including the upper sum and the asymptotic formula', () => {
    for (const { n, x, sf } of reference.smirnovSf) expectSf(smirnovSf(n, x), sf, `smirnov(${n}, ${x})`);
  });

  it('is a probability, decreasing in x', () => {
    let last = 1;
    for (let x = 0.001; x < 1; x += 0.001) {
      const sf = kolmogorovSf(500, x);
      expect(sf).toBeLessThanOrEqual(last + 1e-12);
      expect(sf).toBeGreaterThanOrEqual(0);
      last = sf;
    }
  });
});
