/**
 * The report's Slices section, from a slice_metric step run by the executor over the penguins
 * fixture: one row per tested slice with its raw and adjusted p-values, the flagged and failing
 * slices marked, the test and the correction named, and slice values escaped.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { NativeEngine } from '../node/engine/native-engine';
import { runOnRows } from '../../testing/rows-kit';
import type { StepSpec } from '../spec/types';
import { REFERENCE_DIR } from '../../testing/reference-fixtures';
import { fixtureRows } from '../../testing/slice-fixtures';
import { formatPValue } from '../stats/profile/format';
import { html, type Markup } from './markup';
import { sliceSection } from './slice-cards';

const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}slices.json`, 'utf8')) as { fixtures: Record<string, Record<string, string>> };
const penguins = fixtureRows('slices-penguins.csv', reference.fixtures['slices-penguins.csv']!);
const badge = (status: string): Markup => html`<span class="badge">${status}</span>`;

function render(markup: Markup | null): HTMLElement {
  const { document } = parseHTML(`<!doctype html><html><body><div id="holder">${markup?.toString() ?? ''}</div></body></html>`);
  return document.getElementById('holder') as unknown as HTMLElement;
}

describe('the report’s Slices section', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await NativeEngine.create({ threads: 1 });
  });
  afterAll(() => engine.close());
  const run = (steps: StepSpec[], rows = penguins.rows) => runOnRows(engine, { seed: 3, steps, outputs: [] }, penguins.columns, rows);

  it('has a row per tested slice with its raw and adjusted p-value, and names the test and correction', async () => {
    const result = await run([
      {
        id: 'recall_by_island',
        check: 'slice_metric',
        by: 'island',
        metric: 'recall',
        label: 'sex',
        prediction: 'sex_pred',
        positive: 'MALE',
        min: 0.99,
        on_fail: 'warn',
      },
    ]);
    const step = result.steps[0]!;
    const tests = step.observed.tests as { slice: string; pValue: number; adjustedPValue: number; flagged: boolean }[];
    expect(tests.length).toBeGreaterThan(1);
    const section = render(sliceSection(result.steps, badge));
    const table = section.querySelector('table[aria-label="Slices of recall_by_island"]')!;
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.map((row) => row.querySelector('th')!.textContent)).toEqual(tests.map((test) => test.slice));
    rows.forEach((row, index) => {
      const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent);
      expect(cells[3]).toBe(formatPValue(tests[index]!.pValue));
      expect(cells[4]).toBe(formatPValue(tests[index]!.adjustedPValue));
      expect(tests[index]!.adjustedPValue).toBeGreaterThanOrEqual(tests[index]!.pValue);
    });
    const facts = section.querySelector('dl')!.textContent!;
    expect(facts).toContain('Fisher');
    expect(facts).toContain('recall by island, at least 0.99 in every slice of 30+ rows');
    expect(facts).toMatch(/Holm over \d+ slices/);
    // Every slice is below a 0.99 recall: each row says it is past the bound.
    const failing = (step.observed.failing as { slice: string }[]).map((entry) => entry.slice);
    expect(failing.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.classList.contains('flagged')).toBe(failing.includes(row.querySelector('th')!.textContent!));
  });

  it('escapes a slice value, and is absent when no slice_metric step ran', async () => {
    const hostile = penguins.rows.map((row) =>
      row.map((value, index) => (penguins.columns[index]!.name === 'island' && value === 'Biscoe' ? '<img src=x onerror=alert(1)>' : value)),
    );
    const result = await run(
      [{ id: 'recall', check: 'slice_metric', by: 'island', metric: 'recall', label: 'sex', prediction: 'sex_pred', positive: 'MALE', min: 0 }],
      hostile,
    );
    const section = render(sliceSection(result.steps, badge));
    expect(section.querySelector('img')).toBeNull();
    expect(section.textContent).toContain('island=<img src=x onerror=alert(1)>');
    expect(sliceSection([], badge)).toBeNull();
  });
});
