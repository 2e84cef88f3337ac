import { describe, expect, it } from 'vitest';
import { agreementHeatmap, classBalanceChart } from './label-charts';
import { compareWithSnapshot, testDocument } from '../../testing/chart-snapshot-kit';

function expectSnapshot(name: string, chart: Element) {
  const outcome = compareWithSnapshot(name, chart);
  expect(outcome.matches, outcome.message).toBe(true);
}

describe('label charts', () => {
  it('draws the classes largest first, with shares and the even split', () => {
    const chart = classBalanceChart(
      [
        { label: 'Adelie', count: 152, share: 152 / 344 },
        { label: 'Gentoo', count: 124, share: 124 / 344 },
        { label: 'Chinstrap', count: 68, share: 68 / 344 },
      ],
      { document: testDocument() },
    );
    expect(chart.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(3);
    expect(chart.textContent).toContain('44%');
    expect(chart.textContent).toContain('even split: 115');
    expectSnapshot('class-balance', chart);
  });

  it('draws a symmetric agreement matrix with values, a grey diagonal and undefined pairs', () => {
    const chart = agreementHeatmap(
      [
        { first: 'ann', second: 'bob', value: 0.81, items: 120, observed: 0.9 },
        { first: 'ann', second: 'cy', value: 0.42, items: 118, observed: 0.7 },
        { first: 'bob', second: 'cy', value: -0.05, items: 117, observed: 0.45 },
        { first: 'ann', second: 'dee', value: null, items: 0 },
        { first: 'bob', second: 'dee', value: 0.3, items: 12 },
        { first: 'cy', second: 'dee', value: 1, items: 12 },
      ],
      { annotators: ['ann', 'bob', 'cy', 'dee'], document: testDocument() },
    );
    expect(chart.querySelectorAll('g[aria-label="cell"] rect')).toHaveLength(16);
    const values = [...chart.querySelectorAll('g[aria-label="text"] text')].map((text) => text.textContent);
    expect(values.filter((value) => value === '0.81')).toHaveLength(2);
    expect(values.filter((value) => value === '-0.05')).toHaveLength(2);
    expectSnapshot('agreement-heatmap', chart);
  });
});
