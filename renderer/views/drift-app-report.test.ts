/**
 * Issue 13: one column's drift looks the same in the app's Drift tab and in report.html. Both
 * draw from pipelines/charts/drift-distributions.ts; this checks, on the same data, that what the
 * Drift tab loads for a column (loadColumnDistributions) and what the report draws for it
 * (driftViews) are the same bins and the same shares, for long-tailed doubles, whole numbers,
 * dates, many categories, and hostile column names and values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WasmEngine } from '../../pipelines/engine/wasm-engine';
import { driftBarsOptions, driftHistogramsOptions } from '../../pipelines/charts/drift-plots';
import { renderSvg } from '../../pipelines/report/charts';
import { driftViews } from '../../pipelines/report/drift-views';
import type { DriftColumnView } from '../../pipelines/report/types';
import type { StepResult } from '../../pipelines/run/results';
import type { Relation } from '../../pipelines/stats/drift/types';
import { loadColumnDistributions } from './use-drift';

let engine: WasmEngine;

/** A column name that is SQL and markup at once: it must be quoted in SQL and escaped in the page. */
const HOSTILE = `a "b"); DROP TABLE kept; --<i>`;
const HOSTILE_VALUE = `</title><script>alert(1)</script>`;

const columns = [
  { name: 'x', type: 'DOUBLE' },
  { name: 'n', type: 'BIGINT' },
  { name: 'd', type: 'DATE' },
  { name: 'c', type: 'VARCHAR' },
  { name: HOSTILE, type: 'DOUBLE' },
];
const quoted = `"${HOSTILE.replaceAll('"', '""')}"`;

beforeAll(async () => {
  engine = await WasmEngine.createForNode();
  // Doubles with a long upper tail (tails folded into the outer bins), whole numbers 1..400
  // (more than one bin per value), dates, and 30 categories (more than the 12 drawn).
  await engine.run(`
    CREATE TABLE __winnow_source_base AS SELECT
        (hash(i) % 1000) / 10.0 + CASE WHEN i % 97 = 0 THEN 5000 ELSE 0 END AS x, i AS n, DATE '2026-01-01' + CAST(i % 60 AS INTEGER) AS d,
        CASE WHEN i % 31 = 0 THEN '${HOSTILE_VALUE}' ELSE 'cat' || (i % 30) END AS c, i / 3.0 AS ${quoted}
      FROM range(1, 401) r(i);
    CREATE TABLE kept AS SELECT
        (hash(i + 7) % 1000) / 8.0 AS x, i + 50 AS n, DATE '2026-02-01' + CAST(i % 45 AS INTEGER) AS d,
        CASE WHEN i % 7 = 0 THEN '${HOSTILE_VALUE}' ELSE 'cat' || (i % 17) END AS c, i / 2.0 AS ${quoted}
      FROM range(1, 301) r(i);
  `);
});

afterAll(async () => {
  await engine?.close();
});

function driftShareStep(names: string[]): StepResult {
  return {
    id: 'stable',
    kind: 'drift_share',
    type: 'check',
    success: true,
    status: 'passed',
    rowsIn: 300,
    rowsOut: 300,
    elementCount: null,
    unexpectedCount: null,
    unexpectedFraction: null,
    rejected: 0,
    dropped: 0,
    observed: { drifted: [], skipped: [] },
    examples: [],
    params: { baseline: 'base', columns: names },
    durationMs: 0,
  };
}

describe('the Drift tab and report.html draw one column the same', () => {
  let drawn: DriftColumnView[];
  const baseline: Relation = { table: '__winnow_source_base', columns };
  const current: Relation = { table: 'kept', columns };

  beforeAll(async () => {
    const views = await driftViews(engine, [driftShareStep(columns.map((column) => column.name))], { table: 'kept', columns, rows: 300 });
    drawn = views[0]!.columns;
  });

  it.each(['x', 'n', 'd', HOSTILE])('numeric column %s: the same bins, counts and shares', async (name) => {
    const app = await loadColumnDistributions(engine, baseline, current, name, 'numeric');
    const report = drawn.find((view) => view.column === name)!;
    if (app.kind !== 'numeric' || !report.numeric) throw new Error(`${name} should be drawn as numeric in both, not ${app.kind} and ${JSON.stringify(report)}`);
    expect(app.histograms.baseline.length).toBeGreaterThan(1);
    expect(report.numeric.baseline).toEqual(app.histograms.baseline);
    expect(report.numeric.current).toEqual(app.histograms.current);
  });

  it('folds the long tail into an open outer bin in both, rather than leaving values out', async () => {
    const app = await loadColumnDistributions(engine, baseline, current, 'x', 'numeric');
    const report = drawn.find((view) => view.column === 'x')!.numeric!;
    expect(report.baseline.at(-1)!.openHigh).toBe(true);
    const counted = (bins: { count: number }[]) => bins.reduce((sum, bin) => sum + bin.count, 0);
    expect([counted(report.baseline), counted(report.current)]).toEqual([400, 300]);
    expect(app.kind === 'numeric' && counted(app.histograms.baseline)).toBe(400);
  });

  it('categorical column: the same categories, counts, shares and totals', async () => {
    const app = await loadColumnDistributions(engine, baseline, current, 'c', 'categorical');
    const report = drawn.find((view) => view.column === 'c')!;
    if (app.kind !== 'categorical' || !report.categorical) throw new Error('c should be drawn as categorical in both');
    expect(app.categories.baseline).toHaveLength(12);
    expect(report.categorical).toEqual(app.categories);
    expect(report.categorical.totals).toEqual({ baseline: 400, current: 300 });
  });

  it('escapes a hostile column name and category in the report SVG, as renderSvg writes it', () => {
    const numeric = drawn.find((view) => view.column === HOSTILE)!.numeric!;
    const categorical = drawn.find((view) => view.column === 'c')!.categorical!;
    const svg = [
      renderSvg(driftHistogramsOptions(numeric.baseline, numeric.current, { label: HOSTILE, tooltips: 'title' })),
      renderSvg(driftBarsOptions(categorical.baseline, categorical.current, { totals: categorical.totals, tooltips: 'title' })),
    ].join('');
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<i>');
    expect(svg).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
