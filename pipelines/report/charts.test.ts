/**
 * The chart factories, by snapshot: each renders to SVG and is compared with its golden file in
 * __snapshots__/. When one differs, `<name>-changed.svg` is written beside it for a reviewer to
 * open, and the test fails; to accept the change, move it over the golden file. A missing golden
 * file is written (outside CI) so a new chart starts with one.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { binEdges } from '../stats/profile/histogram';
import { driftBarsPlot, driftHistogramPlot, formatTick, histogramPlot, renderSvg, topValuesPlot } from './charts';

const SNAPSHOTS = join(dirname(fileURLToPath(import.meta.url)), '__snapshots__');

/** An SVG file a browser or image viewer opens on its own (inline SVG in HTML needs no namespace). */
function standalone(svg: string): string {
  return `${svg.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ')}\n`;
}

async function expectSvgSnapshot(name: string, svg: string): Promise<void> {
  const golden = join(SNAPSHOTS, `${name}.svg`);
  const changed = join(SNAPSHOTS, `${name}-changed.svg`);
  const actual = standalone(svg);
  if (!existsSync(golden)) {
    if (process.env.CI) throw new Error(`no golden file ${golden}: run the tests locally and commit it`);
    await writeFile(golden, actual);
    return;
  }
  if ((await readFile(golden, 'utf8')) === actual) {
    await rm(changed, { force: true });
    return;
  }
  await writeFile(changed, actual);
  expect.fail(`${name}.svg differs from its golden file: compare ${changed} with ${golden}`);
}

const plan = { rule: 'freedman-diaconis' as const, capped: false, bins: 8, low: -20, high: 60 };
const histogram = { ...plan, edges: binEdges(plan), counts: [12, 80, 240, 310, 190, 95, 30, 4] };
const quantiles = [
  { probability: 0.05, value: -8 },
  { probability: 0.5, value: 14.5 },
  { probability: 0.95, value: 41 },
];

describe('chart factories', () => {
  it('histogramPlot: bins with tooltips and quantile rules', async () => {
    const svg = renderSvg(histogramPlot(histogram, { label: 'delay', quantiles }));
    expect(svg).toContain('<title>[-20, -10)\n12 rows (1.25%)</title>');
    expect(svg).toContain('<title>[50, 60]\n4 rows (0.42%)</title>');
    expect(svg).toContain('<title>median: 14.5</title>');
    await expectSvgSnapshot('histogram', svg);
  });

  it('topValuesPlot: most frequent values, shares of all values, labels escaped', async () => {
    const top = { values: [{ value: 'ORD', count: 120 }, { value: 'DFW', count: 95 }, { value: '<b>&"x"', count: 20 }, { value: 'a very long airport name indeed', count: 5 }], other: 60 };
    const svg = renderSvg(topValuesPlot(top));
    expect(svg).toContain('<title>ORD\n120 rows (40%)</title>');
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('a very long airpo…');
    await expectSvgSnapshot('top-values', svg);
  });

  it('driftHistogramPlot: baseline bars and the current outline on shared bins', async () => {
    const sides = {
      edges: [0, 10, 20, 30, 40, 50],
      baseline: { counts: [50, 300, 400, 200, 50], total: 1000 },
      current: { counts: [10, 150, 300, 350, 180], total: 1000 },
      below: { baseline: 0, current: 0 },
      above: { baseline: 0, current: 10 },
      temporal: false,
    };
    const svg = renderSvg(driftHistogramPlot(sides, { label: 'distance' }));
    expect(svg).toContain('<title>[20, 30)\nbaseline: 40% (400 of 1,000)\ncurrent: 30% (300 of 1,000)</title>');
    await expectSvgSnapshot('drift-histogram', svg);
  });

  it('driftHistogramPlot: dates on a time axis', async () => {
    const day = 86_400;
    const start = Date.UTC(2026, 0, 1) / 1000;
    const sides = {
      edges: Array.from({ length: 5 }, (_, index) => start + index * 7 * day),
      baseline: { counts: [5, 8, 9, 3], total: 25 },
      current: { counts: [1, 4, 10, 10], total: 25 },
      below: { baseline: 0, current: 0 },
      above: { baseline: 0, current: 0 },
      temporal: true,
    };
    const svg = renderSvg(driftHistogramPlot(sides, { label: 'when' }));
    expect(svg).toContain('<title>[2026-01-01, 2026-01-08)\nbaseline: 20% (5 of 25)\ncurrent: 4% (1 of 25)</title>');
    await expectSvgSnapshot('drift-histogram-dates', svg);
  });

  it('driftBarsPlot: paired bars per category', async () => {
    const sides = {
      categories: ['LAX', 'ORD', 'SEA'],
      baseline: { counts: [400, 350, 150], total: 1000 },
      current: { counts: [300, 450, 200], total: 1000 },
      otherBaseline: 100,
      otherCurrent: 50,
    };
    const svg = renderSvg(driftBarsPlot(sides));
    expect(svg).toContain('<title>SEA\nbaseline: 15% (150 of 1,000)\ncurrent: 20% (200 of 1,000)</title>');
    expect(svg).not.toContain('(other)');
    await expectSvgSnapshot('drift-bars', svg);
  });

  it('uses theme variables with fallbacks, never a fixed colour alone', () => {
    const svg = renderSvg(driftBarsPlot({ categories: ['a'], baseline: { counts: [1], total: 1 }, current: { counts: [1], total: 1 }, otherBaseline: 0, otherCurrent: 0 }));
    expect(svg).toContain('fill="var(--baseline, #0072b2)"');
    expect(svg).toContain('fill="var(--current, #d55e00)"');
  });

  it('formatTick keeps axes short', () => {
    expect([0, 0.25, -3, 999, 1000, 1500, 20_000, 1_500_000].map(formatTick)).toEqual(['0', '0.25', '-3', '999', '1K', '1.5K', '20K', '1.5M']);
  });
});
