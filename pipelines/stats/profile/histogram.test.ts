/**
 * The bin rule is numpy's 'auto' (the smaller of the Freedman-Diaconis and Sturges widths), and
 * values on an edge land in the bin numpy puts them in. Expected values come from numpy 1.24.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { binEdges, binIndexSql, planBins, type BinPlan } from './histogram';
import { engines } from '../../../testing/profile-fixtures';

describe('planBins', () => {
  it('has no bins without values', () => {
    expect(planBins({ count: 0, min: 0, max: 0, q25: 0, q75: 0 }, 50)).toBeNull();
  });

  it('gives a constant column one bin of width 1 around the value, as numpy', () => {
    expect(planBins({ count: 40, min: 7, max: 7, q25: 7, q75: 7 }, 50)).toEqual({ rule: 'constant', capped: false, bins: 1, low: 6.5, high: 7.5 });
  });

  it('takes the Freedman-Diaconis width when it is the smaller', () => {
    // numpy.histogram_bin_edges([1,2,2,3,3,3,4,4,5,9.5,20], 'auto'): IQR 2, FD width 1.7986 < Sturges 4.2606: 11 bins.
    expect(planBins({ count: 11, min: 1, max: 20, q25: 2.5, q75: 4.5 }, 50)).toEqual({ rule: 'freedman-diaconis', capped: false, bins: 11, low: 1, high: 20 });
  });

  it('falls back to Sturges when the IQR is 0 or Sturges is narrower', () => {
    // Sturges: 100 values over [0, 10]: width 10 / (log2(100) + 1) = 1.2984 -> 8 bins.
    expect(planBins({ count: 100, min: 0, max: 10, q25: 3, q75: 3 }, 50)).toMatchObject({ rule: 'sturges', bins: 8 });
    expect(planBins({ count: 100, min: 0, max: 10, q25: 0, q75: 10 }, 50)).toMatchObject({ rule: 'sturges', bins: 8 });
  });

  it('caps the number of bins and says so', () => {
    expect(planBins({ count: 1461, min: 0, max: 55.9, q25: 0, q75: 2.8 }, 50)).toMatchObject({ rule: 'freedman-diaconis', capped: true, bins: 50 });
    expect(planBins({ count: 1461, min: 0, max: 55.9, q25: 0, q75: 2.8 }, 200)).toMatchObject({ capped: false, bins: 114 });
  });
});

describe('binEdges', () => {
  it('are numpy.linspace(low, high, bins + 1), digit for digit', () => {
    expect(binEdges({ rule: 'sturges', capped: false, bins: 10, low: 0, high: 1 })).toEqual([
      0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1,
    ]);
  });
});

describe.each(engines)('binIndexSql on the %s engine', (_label, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(async () => {
    await engine?.close();
  });

  async function countsOf(values: number[], plan: BinPlan): Promise<number[]> {
    const rows = await engine.query(
      `SELECT ${binIndexSql('x', plan)} AS bin, count(*) AS n FROM (VALUES ${values.map((value) => `(${value}::DOUBLE)`).join(', ')}) v(x) GROUP BY bin ORDER BY bin`,
    );
    const counts = new Array<number>(plan.bins).fill(0);
    for (const row of rows) counts[Number(row.bin)] = Number(row.n);
    return counts;
  }

  it('puts values on and next to edges where numpy.histogram does', async () => {
    // numpy.histogram(values, bins=10, range=(0, 1)): 0.3 is below the edge 0.30000000000000004.
    const values = [0, 0.1, 0.2, 0.3, 0.30000000000000004, 0.6, 0.6000000000000001, 0.7, 0.7000000000000001, 0.9999999999999999, 1];
    expect(await countsOf(values, { rule: 'sturges', capped: false, bins: 10, low: 0, high: 1 })).toEqual([1, 1, 2, 1, 0, 1, 2, 1, 0, 2]);
  });

  it('closes the last bin on the right, and handles negative ranges', async () => {
    expect(await countsOf([-3.3, -1.1, 0, 2.2, 4.4, 7.7], { rule: 'sturges', capped: false, bins: 7, low: -3.3, high: 7.7 })).toEqual([1, 1, 1, 1, 1, 0, 1]);
  });

  it('keeps tiny and huge magnitudes exact in the SQL', async () => {
    expect(await countsOf([1e-20, 1.5e-20, 2e-20], { rule: 'sturges', capped: false, bins: 2, low: 1e-20, high: 2e-20 })).toEqual([1, 2]);
    expect(await countsOf([-1e300, 0, 1e300], { rule: 'sturges', capped: false, bins: 2, low: -1e300, high: 1e300 })).toEqual([1, 2]);
  });
});
