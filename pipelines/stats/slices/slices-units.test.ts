/** The small arithmetic of slices, without an engine: Wilson, percentiles, the bootstrap z test, metrics, ECE. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeTo, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { bootstrapZTest, normalCdf, percentileInterval } from './bootstrap';
import { expectedCalibrationError, reliabilityBins } from './calibration';
import { binaryMetrics, macroMetrics } from './metrics';
import { wilsonInterval } from './wilson';

describe('wilsonInterval', () => {
  it('matches scipy’s binomtest(k, n).proportion_ci(method="wilson"), exact at 0 and 1', () => {
    expect(wilsonInterval(0, 10)).toEqual({ lower: 0, upper: 0.27753279986288926 });
    expect(wilsonInterval(10, 10)).toEqual({ lower: 0.7224672001371109, upper: 1 });
    const { lower, upper } = wilsonInterval(7, 20)!;
    expect(lower).toBeCloseTo(0.1811918241010821, 13);
    expect(upper).toBeCloseTo(0.5671457233147637, 13);
  });

  it('has no interval without trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('percentileInterval', () => {
  it('interpolates linearly between order statistics, as numpy.percentile', () => {
    const values = Array.from({ length: 201 }, (_, index) => (index * 7919) % 201);
    expect(percentileInterval(values)).toEqual({ lower: 5, upper: 195 });
    expect(percentileInterval([3, 1, 2, 4])).toEqual({ lower: 1.075, upper: 3.925 });
    expect(percentileInterval([])).toBeNull();
  });
});

describe('the bootstrap z test', () => {
  const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}slices.json`, 'utf8')) as { normalCdf: { z: number; cdf: number }[] };

  it('takes Φ from scipy.stats.norm.cdf, to 1e-13 relative in both tails', () => {
    for (const { z, cdf } of reference.normalCdf) expect(closeTo(normalCdf(z), cdf, 1e-13), `Φ(${z}) = ${normalCdf(z)} vs ${cdf}`).toBe(true);
  });

  it('is Φ(d / sd), sd over the replicates with n − 1, and has nothing to say without spread', () => {
    // The differences 0.1, 0.2, 0.3 have sd 0.1: d = −0.2 is two standard deviations worse.
    expect(bootstrapZTest(-0.2, [0.1, 0.2, 0.3])).toBeCloseTo(normalCdf(-2), 12);
    expect(bootstrapZTest(-0.2, [0.1])).toBeNull();
    expect(bootstrapZTest(-0.2, [0.1, 0.1, 0.1])).toBeNull();
  });
});

describe('classification metrics with sklearn’s zero_division=0', () => {
  const cells = (...rows: [string, string, number][]) => rows.map(([label, prediction, count]) => ({ label, prediction, rows: count }));

  it('binary: precision 0 when nothing is predicted positive, F1 0 when precision and recall are', () => {
    const metrics = binaryMetrics(cells(['1', '0', 3], ['0', '0', 5]), '1');
    expect(metrics.accuracy).toEqual({ value: 5 / 8, successes: 5, trials: 8 });
    expect(metrics.precision).toEqual({ value: 0, successes: 0, trials: 0 });
    expect(metrics.recall).toEqual({ value: 0, successes: 0, trials: 3 });
    expect(metrics.f1).toEqual({ value: 0 });
  });

  it('binary: other labels count as negatives (one against the rest)', () => {
    const metrics = binaryMetrics(cells(['MALE', 'MALE', 6], ['.', 'MALE', 1], ['FEMALE', 'MALE', 1], ['MALE', 'FEMALE', 2]), 'MALE');
    expect(metrics.precision.value).toBe(6 / 8);
    expect(metrics.recall.value).toBe(6 / 8);
    expect(metrics.f1.value).toBeCloseTo(0.75, 15);
  });

  it('macro: the mean over classes in labels or predictions, a class only predicted counting 0 recall', () => {
    const metrics = macroMetrics(cells(['a', 'a', 2], ['a', 'b', 1], ['b', 'b', 1], ['b', 'c', 1]));
    // a: P 1, R 2/3; b: P 1/2, R 1/2; c: P 0, R 0 (no c label: recall's denominator is 0).
    expect(metrics.precision.value).toBeCloseTo((1 + 0.5 + 0) / 3, 15);
    expect(metrics.recall.value).toBeCloseTo((2 / 3 + 0.5 + 0) / 3, 15);
    expect(metrics.f1.value).toBeCloseTo((0.8 + 0.5 + 0) / 3, 15);
    expect(metrics.accuracy.value).toBe(3 / 5);
  });

  it('has no value without rows', () => {
    expect(binaryMetrics([], '1').accuracy.value).toBeNull();
    expect(macroMetrics([]).f1.value).toBeNull();
  });
});

describe('expected calibration error', () => {
  it('is the row-weighted gap between hits and scores, whatever order the bins come in', () => {
    const bins = [
      { bin: 9, rows: 4, hits: 3, scoreSum: 3.8 },
      { bin: 2, rows: 2, hits: 1, scoreSum: 0.5 },
    ];
    expect(expectedCalibrationError(bins)).toBeCloseTo((0.8 + 0.5) / 6, 15);
    expect(expectedCalibrationError([...bins].reverse())).toBe(expectedCalibrationError(bins));
    expect(expectedCalibrationError([])).toBeNull();
    expect(reliabilityBins(bins, 10)).toEqual([
      { bin: 2, lower: 0.2, upper: 0.3, rows: 2, meanScore: 0.25, observed: 0.5 },
      { bin: 9, lower: 0.9, upper: 1, rows: 4, meanScore: 0.95, observed: 0.75 },
    ]);
  });
});
