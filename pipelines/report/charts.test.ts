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
import { driftBarsOptions, driftHistogramsOptions } from '../charts/drift-plots';
import { formatTick, histogramPlot, renderSvg, topValuesPlot } from './charts';

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
    const top = {
      values: [
        { value: 'ORD', count: 120 },
        { value: 'DFW', count: 95 },
        { value: '<b>&"x"', count: 20 },
        { value: 'a very long airport name indeed', count: 5 },
      ],
      other: 60,
    };
    const svg = renderSvg(topValuesPlot(top));
    expect(svg).toContain('<title>ORD\n120 rows (40%)</title>');
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('a very long airpo…');
    await expectSvgSnapshot('top-values', svg);
  });

  // The drift charts are the app's (pipelines/charts/drift-plots.ts), rendered as the report renders them: <title> tooltips.
  /** Bins of width `width` from `start` with these counts, as shares of their sum. */
  const bins = (start: number, width: number, counts: number[]) => {
    const total = counts.reduce((sum, count) => sum + count, 0);
    return counts.map((count, index) => ({ x1: start + index * width, x2: start + (index + 1) * width, count, share: count / total }));
  };

  it('driftHistogramsOptions: both sides on shared bins, with <title> tooltips', async () => {
    const svg = renderSvg(
      driftHistogramsOptions(bins(0, 10, [50, 300, 400, 200, 50]), bins(0, 10, [10, 150, 300, 350, 190]), { label: 'distance', tooltips: 'title', width: 440 }),
    );
    expect(svg).toContain('<title>[20, 30)\nbaseline: 40% (400 of 1,000)\ncurrent: 30% (300 of 1,000)</title>');
    expect(svg).toContain('<title>[40, 50]\nbaseline: 5.0% (50 of 1,000)\ncurrent: 19% (190 of 1,000)</title>');
    await expectSvgSnapshot('drift-histogram', svg);
  });

  it('driftHistogramsOptions: dates on the axis and in the tooltips', async () => {
    const day = 86_400;
    const start = Date.UTC(2026, 0, 1) / 1000;
    const svg = renderSvg(
      driftHistogramsOptions(bins(start, 7 * day, [5, 8, 9, 3]), bins(start, 7 * day, [1, 4, 10, 10]), {
        label: 'when',
        temporal: true,
        tooltips: 'title',
        width: 440,
      }),
    );
    expect(svg).toContain('<title>[2026-01-01, 2026-01-08)\nbaseline: 20% (5 of 25)\ncurrent: 4.0% (1 of 25)</title>');
    await expectSvgSnapshot('drift-histogram-dates', svg);
  });

  it("driftBarsOptions: paired bars per category, shares of each side's total", async () => {
    const share = (category: string, count: number) => ({ category, count, share: count / 1000 });
    const baseline = [share('LAX', 400), share('ORD', 350), share('SEA', 150)];
    const current = [share('LAX', 300), share('ORD', 450), share('SEA', 200)];
    const svg = renderSvg(driftBarsOptions(baseline, current, { totals: { baseline: 1000, current: 1000 }, tooltips: 'title', width: 440 }));
    expect(svg).toContain('<title>SEA\nbaseline: 15% (150 of 1,000)\ncurrent: 20% (200 of 1,000)</title>');
    expect(svg).not.toContain('(other');
    await expectSvgSnapshot('drift-bars', svg);
  });

  it("draws drift in the app's colour-blind-safe pair, as theme variables with fallbacks", () => {
    const svg = renderSvg(driftBarsOptions([{ category: 'a', count: 1, share: 1 }], [{ category: 'a', count: 1, share: 1 }], { tooltips: 'title' }));
    expect(svg).toContain('fill="var(--chart-baseline, #0072B2)"');
    expect(svg).toContain('fill="var(--chart-current, #E69F00)"');
  });

  it('formatTick keeps axes short', () => {
    expect([0, 0.25, -3, 999, 1000, 1500, 20_000, 1_500_000].map(formatTick)).toEqual(['0', '0.25', '-3', '999', '1K', '1.5K', '20K', '1.5M']);
  });
});
