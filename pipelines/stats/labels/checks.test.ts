/**
 * The spec checks agreement, label_conflicts and class_balance, run through the pipeline
 * (runOnRows) on both engines over the reference fixtures: they see the same numbers as the
 * core API and labels.json, honour their thresholds, and `on_fail: reject` removes exactly the
 * conflicting rows.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import type { PipelineResult } from '../../run/execute';
import { runOnRows } from '../../../testing/rows-kit';
import { SpecErrors } from '../../spec/parse';
import type { StepSpec } from '../../spec/types';
import type { Column } from '../../table/column';
import { closeTo, engines, loadFixture, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { labelConflicts } from './conflicts';

interface Expected {
  name: string;
  expected: {
    agreement?: { kappa: { method: string; value: number }; krippendorffAlpha: { value: number }; items: number; pairableItems: number };
    balance?: { imbalanceRatio: number; normalizedEntropy: number; labelled: number };
    conflicts?: { conflictingRows: number; labelledRows: number };
  };
}
const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}labels.json`, 'utf8')) as { cases: Expected[] };
const expectedOf = (name: string) => reference.cases.find((testCase) => testCase.name === name)!.expected;

function step(result: PipelineResult, id: string) {
  const found = result.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

for (const [label, create] of engines) {
  describe(`label checks in a pipeline on ${label}`, () => {
    let engine: Engine;
    const fixtures = new Map<string, { columns: Column[]; rows: unknown[][] }>();

    /** A fixture's data columns (all VARCHAR, as read) and rows, in row order. */
    async function fixture(file: string): Promise<{ columns: Column[]; rows: unknown[][] }> {
      if (!fixtures.has(file)) {
        const table = await loadFixture(engine, file, 'check_fixture');
        const rows = await engine.query(`SELECT * EXCLUDE (__winnow_row) FROM ${table} ORDER BY __winnow_row`);
        const columns = Object.keys(rows[0]!).map((name) => ({ name, type: 'VARCHAR' }));
        fixtures.set(file, { columns, rows: rows.map((row) => Object.values(row)) });
      }
      return fixtures.get(file)!;
    }

    async function run(file: string, steps: StepSpec[]): Promise<PipelineResult> {
      const { columns, rows } = await fixture(file);
      return runOnRows(engine, { seed: 3, steps, outputs: [] }, columns, rows);
    }

    beforeAll(async () => {
      engine = await create();
    });

    afterAll(async () => {
      await engine.close();
    });

    it("agreement: Cohen's kappa of two annotator columns against min_kappa (real data: movies)", async () => {
      const expected = expectedOf('movies').agreement!;
      const result = await run('labels-movies.csv', [
        { id: 'holds', check: 'agreement', annotators: ['imdb', 'rotten_tomatoes'], min_kappa: 0.48 },
        { id: 'short', check: 'agreement', annotators: ['imdb', 'rotten_tomatoes'], min_kappa: 0.49, on_fail: 'warn' },
      ]);
      expect(step(result, 'holds')).toMatchObject({ success: true, status: 'passed' });
      expect(step(result, 'holds').observed).toMatchObject({
        kappa: expected.kappa.value,
        method: 'cohen',
        alpha: expected.krippendorffAlpha.value,
        items: expected.items,
        pairableItems: expected.pairableItems,
      });
      expect(step(result, 'short')).toMatchObject({ success: false, status: 'warned' });
      expect(result.status).toBe('passed');
    });

    it("agreement: Fleiss' kappa and Krippendorff's alpha of long data (Wikipedia, Krippendorff 2011)", async () => {
      const fleiss = await run('labels-fleiss-wikipedia.csv', [
        { id: 'kappa', check: 'agreement', item: 'subject', annotator: 'rater', label: 'category', min_kappa: 0.2 },
        { id: 'strict', check: 'agreement', item: 'subject', annotator: 'rater', label: 'category', min_kappa: 0.8 },
      ]);
      expect(step(fleiss, 'kappa')).toMatchObject({
        success: true,
        observed: { method: 'fleiss', kappa: expectedOf('fleiss-wikipedia').agreement!.kappa.value },
      });
      expect(step(fleiss, 'strict')).toMatchObject({ success: false, status: 'failed' });
      expect(fleiss.status).toBe('failed');

      const alpha = await run('labels-krippendorff-2011.csv', [
        { id: 'alpha', check: 'agreement', annotators: ['A', 'B', 'C', 'D'], item: 'unit', min_alpha: 0.743 },
        { id: 'both', check: 'agreement', annotators: ['A', 'B', 'C', 'D'], min_alpha: 0.7, min_kappa: 0.77, on_fail: 'warn' },
      ]);
      expect(step(alpha, 'alpha')).toMatchObject({ success: true, observed: { alpha: expectedOf('krippendorff-2011').agreement!.krippendorffAlpha.value } });
      // alpha holds, kappa (0.761) does not: both must.
      expect(step(alpha, 'both')).toMatchObject({ success: false, status: 'warned' });
    });

    it('agreement: the spec names the field when the parameters mix wide and long data or lack a threshold', async () => {
      const mixed = run('labels-movies.csv', [{ id: 'mixed', check: 'agreement', annotators: ['imdb', 'rotten_tomatoes'], label: 'genre', min_kappa: 0.5 }]);
      await expect(mixed).rejects.toThrow(SpecErrors);
      await expect(mixed).rejects.toThrow(/"label" is for long data/);
      await expect(run('labels-movies.csv', [{ id: 'none', check: 'agreement', annotators: ['imdb', 'rotten_tomatoes'] }])).rejects.toThrow(
        /min_kappa|min_alpha/,
      );
    });

    it('label_conflicts: flags every row of a conflicting group, and reject removes exactly them (real data: penguins)', async () => {
      const expected = expectedOf('penguins').conflicts!;
      const warned = await run('labels-penguins.csv', [
        { id: 'conflicts', check: 'label_conflicts', features: ['island', 'sex'], label: 'species', on_fail: 'warn' },
      ]);
      expect(step(warned, 'conflicts')).toMatchObject({
        status: 'warned',
        elementCount: expected.labelledRows,
        unexpectedCount: expected.conflictingRows,
      });
      expect(step(warned, 'conflicts').examples[0]?.value).toMatch(/'island': .*'species': /);

      const rejected = await run('labels-penguins.csv', [
        { id: 'consistent', check: 'label_conflicts', features: ['island', 'sex'], label: 'species', on_fail: 'reject' },
      ]);
      expect(step(rejected, 'consistent')).toMatchObject({ status: 'rejected', rejected: expected.conflictingRows });
      expect(rejected.rowCounts).toMatchObject({ read: 344, kept: 344 - expected.conflictingRows, rejected: expected.conflictingRows });
      const after = await labelConflicts(engine, rejected.finalTable, { features: ['island', 'sex'], label: 'species' });
      expect(after.conflictingRows).toBe(0);
      expect(after.labelledRows).toBe(344 - expected.conflictingRows);
    });

    it('label_conflicts: NULL features group together and NULL labels are not counted', async () => {
      const columns = [
        { name: 'text', type: 'VARCHAR' },
        { name: 'label', type: 'INTEGER' },
      ];
      const rows = [
        ['a', 1],
        ['a', 1],
        [null, 1],
        [null, 2],
        ['b', 1],
        ['b', null],
        ['c', null],
      ];
      const result = await runOnRows(
        engine,
        { seed: 0, steps: [{ id: 'c', check: 'label_conflicts', features: ['text'], label: 'label', on_fail: 'warn' }], outputs: [] },
        columns,
        rows,
      );
      expect(step(result, 'c')).toMatchObject({ elementCount: 5, unexpectedCount: 2 });
      expect(step(result, 'c').examples.map((example) => example.row)).toEqual([3, 4]);
    });

    it('class_balance: max_ratio and min_normalized_entropy (real data: penguins, movies)', async () => {
      const penguins = expectedOf('penguins').balance!;
      const result = await run('labels-penguins.csv', [
        { id: 'ratio', check: 'class_balance', label: 'species', max_ratio: 2.25 },
        { id: 'tight', check: 'class_balance', label: 'species', max_ratio: 2, on_fail: 'warn' },
        { id: 'entropy', check: 'class_balance', label: 'species', min_normalized_entropy: 0.9 },
      ]);
      expect(step(result, 'ratio')).toMatchObject({ success: true, elementCount: penguins.labelled, observed: { imbalanceRatio: penguins.imbalanceRatio } });
      expect(step(result, 'ratio').observed.classes).toEqual({ Adelie: 152, Gentoo: 124, Chinstrap: 68 });
      expect(step(result, 'tight')).toMatchObject({ success: false, status: 'warned' });
      expect(step(result, 'entropy')).toMatchObject({ success: true });
      // Irrational: held to 1e-9 relative of scipy's value, as in reference.test.ts.
      expect(closeTo(step(result, 'entropy').observed.normalizedEntropy as number, penguins.normalizedEntropy)).toBe(true);

      const movies = await run('labels-movies.csv', [{ id: 'genres', check: 'class_balance', label: 'genre', max_ratio: 10, on_fail: 'warn' }]);
      expect(step(movies, 'genres')).toMatchObject({
        success: false,
        observed: { imbalanceRatio: expectedOf('movies').balance!.imbalanceRatio, missing: 275 },
      });
    });
  });
}
