import { describe, expect, it } from 'vitest';
import { driftBars, driftHistograms, ecdfChart, sparkline, type BinShare, type CategoryShare, type EcdfPoint } from './drift-charts';
import { compareWithSnapshot, testDocument } from '../../testing/chart-snapshot-kit';

/** Shares of a bell curve centred at `centre` over 12 bins of width 10 from 0: fixed, made-up data. */
function bell(centre: number, total: number): BinShare[] {
  const weights = Array.from({ length: 12 }, (_, index) => Math.exp(-(((index * 10 + 5 - centre) / 22) ** 2)));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight, index) => {
    const count = Math.round((weight / sum) * total);
    return { x1: index * 10, x2: index * 10 + 10, count, share: count / total };
  });
}

const labels = { baseline: 'flights-baseline.parquet', current: 'flights.csv' };

function expectSnapshot(name: string, chart: Element) {
  const outcome = compareWithSnapshot(name, chart);
  expect(outcome.matches, outcome.message).toBe(true);
}

describe('drift charts', () => {
  it('overlays two histograms on shared bins, with open tails named in the tooltip', () => {
    const baseline = bell(45, 10_000);
    const current = bell(60, 20_000);
    baseline[0]!.openLow = current[0]!.openLow = true;
    baseline[11]!.openHigh = current[11]!.openHigh = true;
    const chart = driftHistograms(baseline, current, { labels, document: testDocument() });
    expect(chart.querySelectorAll('g[aria-label="rect"] rect')).toHaveLength(36);
    expect(chart.textContent).toContain('flights-baseline.parquet');
    expectSnapshot('drift-histograms', chart);
  });

  it('formats epoch seconds as dates', () => {
    const day = 86_400;
    const bins = [0, 1, 2, 3].map((index) => ({
      x1: 1_735_689_600 + index * 7 * day,
      x2: 1_735_689_600 + (index + 1) * 7 * day,
      count: 10 + index,
      share: (10 + index) / 46,
    }));
    const chart = driftHistograms(bins, bins, { temporal: true, document: testDocument() });
    expect(chart.textContent).toContain('2025-01-');
    expectSnapshot('drift-histograms-temporal', chart);
  });

  it('pairs the two sides’ bars per category', () => {
    const baseline: CategoryShare[] = [
      { category: 'ATL', count: 420, share: 0.042 },
      { category: 'ORD', count: 380, share: 0.038 },
      { category: 'DFW', count: 300, share: 0.03 },
      { category: '(other 212)', count: 8900, share: 0.89 },
    ];
    const current: CategoryShare[] = [
      { category: 'ATL', count: 846, share: 0.0423 },
      { category: 'ORD', count: 1200, share: 0.06 },
      { category: 'DFW', count: 400, share: 0.02 },
      { category: '(other 212)', count: 17554, share: 0.8777 },
    ];
    const chart = driftBars(baseline, current, { labels, document: testDocument() });
    expect(chart.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(8);
    // The legend is drawn once, not once per category.
    expect(chart.textContent!.split('flights.csv')).toHaveLength(2);
    expectSnapshot('drift-bars', chart);
  });

  it('draws both ECDFs and marks the KS distance at its x', () => {
    const ecdf = (shift: number): EcdfPoint[] =>
      Array.from({ length: 21 }, (_, index) => ({ x: index * 5, p: Math.min(1, Math.max(0, (index * 5 - shift) / 80)) }));
    const chart = ecdfChart(ecdf(0), ecdf(20), { labels, ks: { x: 50, baseline: 0.625, current: 0.375, distance: 0.25 }, document: testDocument() });
    expect(chart.querySelectorAll('g[aria-label="line"] path')).toHaveLength(2);
    expect(chart.querySelectorAll('g[aria-label="rule"] line')).toHaveLength(1);
    expect(chart.textContent).toContain('D = 0.25');
    expectSnapshot('ecdf', chart);
  });

  it('narrows the ECDFs to a given x range, clipping the lines', () => {
    const points = [0, 10, 20, 500].map((x, index) => ({ x, p: (index + 1) / 4 }));
    const chart = ecdfChart(points, points, { xDomain: [0, 30], document: testDocument() });
    expect(chart.querySelectorAll('g[aria-label="line"][clip-path]')).toHaveLength(2);
    expect([...chart.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((text) => text.textContent)).not.toContain('500');
  });

  it('leaves the KS mark out when there is none', () => {
    const chart = ecdfChart([{ x: 1, p: 1 }], [{ x: 1, p: 1 }], { document: testDocument() });
    expect(chart.querySelectorAll('g[aria-label="rule"] line')).toHaveLength(0);
  });

  it('draws sparklines of both sides for numbers and for categories', () => {
    const baseline = bell(45, 1000).map((bin) => bin.share);
    const current = bell(70, 1000).map((bin) => bin.share);
    expectSnapshot('sparkline-numeric', sparkline(baseline, current, { document: testDocument() }));
    expectSnapshot('sparkline-categorical', sparkline([0.5, 0.3, 0.2], [0.4, 0.2, 0.4], { kind: 'categorical', document: testDocument() }));
  });
});
