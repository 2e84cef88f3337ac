/**
 * The statistics computed from counts per bin or category (PSI, JS, L∞, chi-square) on cases
 * small enough to check by hand or against a SciPy value quoted here; drift.test.ts checks them
 * on the fixtures.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareSf, chiSquareTest } from './chi-square';
import { jensenShannonDistance } from './jensen-shannon';
import { linfDistance } from './linf';
import { populationStabilityIndex, PSI_EPSILON } from './psi';
import { expectPValue, expectStatistic } from '../../../testing/drift-fixtures';

describe('population stability index', () => {
  it('sums (c − b) ln(c / b) over the shares', () => {
    expectStatistic(populationStabilityIndex([50, 50], [40, 60]), 0.04054651081081642);
    expect(populationStabilityIndex([10, 20, 30], [1, 2, 3])).toBe(0);
  });

  it('replaces an empty share by epsilon, and adds nothing for a bin empty on both sides', () => {
    const oneSided = (0.5 - PSI_EPSILON) * Math.log(0.5 / PSI_EPSILON);
    expectStatistic(populationStabilityIndex([1, 1, 0], [1, 0, 1]), 2 * oneSided);
    expect(populationStabilityIndex([5, 0, 5], [5, 0, 5])).toBe(0);
  });

  it('is symmetric in the two sides', () => {
    expect(populationStabilityIndex([3, 9, 0, 4], [5, 1, 2, 8])).toBeCloseTo(populationStabilityIndex([5, 1, 2, 8], [3, 9, 0, 4]), 14);
  });
});

describe('Jensen–Shannon distance (base 2)', () => {
  it('is 0 for equal and 1 for disjoint distributions', () => {
    expect(jensenShannonDistance([2, 4], [1, 2])).toBe(0);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBe(1);
  });

  it('matches SciPy', () => {
    expectStatistic(jensenShannonDistance([3, 1], [1, 3]), 0.43442131110348065);
  });
});

describe('L-infinity distance', () => {
  it('is the largest move of one share', () => {
    expectStatistic(linfDistance([50, 30, 20], [40, 40, 20]), 0.1);
    expect(linfDistance([1, 0], [0, 1])).toBe(1);
  });
});

describe('chi-square test of homogeneity', () => {
  it('uses Pearson’s statistic without continuity correction, also for 1 dof', () => {
    const result = chiSquareTest([30, 70], [45, 55]);
    expectStatistic(result.statistic, 4.8);
    expectPValue(result.pValue, 0.028459736916310638);
    expect(result.dof).toBe(1);
  });

  it('has statistic 0 and p-value 1 for a single category', () => {
    expect(chiSquareTest([30], [40])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
  });

  it('takes its p-value from the chi-square survival function, as SciPy’s chi2.sf', () => {
    expectPValue(chiSquareSf(10, 4), 0.04042768199451279);
    expectPValue(chiSquareSf(1000, 3), 1.7994208765314067e-216);
    expect(chiSquareSf(0.001, 50)).toBe(1);
  });
});
