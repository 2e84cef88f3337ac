import { describe, expect, it } from 'vitest';
import { sliceBars, type SliceBar } from './slice-charts';
import { compareWithSnapshot, testDocument } from '../../testing/chart-snapshot-kit';

function expectSnapshot(name: string, chart: Element) {
  const outcome = compareWithSnapshot(name, chart);
  expect(outcome.matches, outcome.message).toBe(true);
}

// The accuracy per species of docs/statistics.md#slices's example.
const slices: SliceBar[] = [
  { name: 'species=Adelie', value: 0.76, lower: 0.685, upper: 0.822, rows: 152, flagged: false },
  { name: 'species=Chinstrap', value: 0.706, lower: 0.589, upper: 0.801, rows: 68, flagged: false },
  { name: 'species=Gentoo', value: 0.517, lower: 0.428, upper: 0.604, rows: 124, flagged: true, note: 'significantly worse than the rest of the rows' },
  { name: 'species=null', value: null, lower: null, upper: null, rows: 0, flagged: false },
];

describe('slice charts', () => {
  it('draws bars with interval whiskers, the overall value and the bound, flagged slices marked', () => {
    const chart = sliceBars(slices, {
      metric: 'accuracy',
      overall: 0.662,
      bound: { value: 0.6, side: 'min' },
      domain: [0, 1],
      percent: true,
      document: testDocument(),
    });
    expect(chart.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(3);
    expect(chart.querySelectorAll('g[aria-label="tick"] line')).toHaveLength(6);
    expect([...chart.querySelectorAll('g[aria-label="text"] text')].filter((text) => text.textContent === '!')).toHaveLength(1);
    expect(chart.textContent).toContain('all rows 66.2%');
    expect(chart.textContent).toContain('min 60%');
    expectSnapshot('slice-bars', chart);
  });

  it('draws plain values without intervals, overall or bound', () => {
    const shares = [
      { name: 'origin=ATL', value: 0.0423, lower: 0.0396, upper: 0.0452, rows: 846, flagged: false },
      { name: 'origin=ORD', value: 0.06, lower: 0.0568, upper: 0.0634, rows: 1200, flagged: false },
    ];
    const chart = sliceBars(shares, { metric: 'share of rows', percent: true, document: testDocument() });
    expect(chart.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(2);
    expectSnapshot('slice-bars-shares', chart);
  });
});
