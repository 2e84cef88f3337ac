import { describe, expect, it } from 'vitest';
import { binEdges, planBins } from '../../pipelines/stats/profile/histogram';
import { histogramBins, histogramChart } from './profile-charts';
import { testDocument } from '../../testing/chart-snapshot-kit';

const plan = planBins({ count: 100, min: 0, max: 40, q25: 10, q75: 30 }, 4)!;
const histogram = { ...plan, edges: binEdges(plan), counts: [10, 40, 30, 20] };
const quantiles = [
  { probability: 0.25, value: 10 },
  { probability: 0.5, value: 18.5 },
  { probability: 0.95, value: 40 },
];

describe('profile histogram', () => {
  it('tells each quantile in the tooltip of the bin it falls in', () => {
    expect(histogramBins(histogram, quantiles).map((bin) => bin.tip)).toEqual([
      '0 – 10\n10 rows',
      '10 – 20\n40 rows\np25: 10\np50: 18.5',
      '20 – 30\n30 rows',
      '30 – 40\n20 rows\np95: 40',
    ]);
  });

  it('draws one tooltip mark, the quantile rules without their own', () => {
    const chart = histogramChart(histogram, quantiles, { document: testDocument() });
    expect(chart.querySelectorAll('g[aria-label="rule"] line').length).toBe(quantiles.length + 1);
    expect(chart.querySelectorAll('g[aria-label="tip"]')).toHaveLength(1);
  });

  it('shows epoch seconds as dates, with the time of day when bins are shorter than a day', () => {
    const day = Date.UTC(2024, 0, 1) / 1000;
    const days = { ...planBins({ count: 10, min: day, max: day + 2 * 86_400, q25: 0, q75: 0 }, 2)!, counts: [4, 6] };
    expect(histogramBins({ ...days, edges: binEdges(days) }, [], true)[1]!.tip).toBe('2024-01-02 – 2024-01-03\n6 rows');
    const hours = { ...planBins({ count: 10, min: day, max: day + 4 * 3600, q25: 0, q75: 0 }, 2)!, counts: [4, 6] };
    expect(histogramBins({ ...hours, edges: binEdges(hours) }, [], true)[1]!.tip).toBe('2024-01-01 02:00 – 2024-01-01 04:00\n6 rows');
  });
});
