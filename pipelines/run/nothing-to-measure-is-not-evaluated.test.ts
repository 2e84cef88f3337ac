/**
 * Issue 17, on each engine: a dataset-level check with nothing to measure (no comparable column,
 * no judged slice, no pairable item, no labelled row, no value) ends `not_evaluated`, with its
 * reason; that fails the run where a failure of the check would, and is a warning otherwise.
 * Value checks keep Great Expectations' vacuous truth on no values (gx-semantics.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { WasmEngine } from '../engine/wasm-engine';
import { NativeEngine } from '../node/engine/native-engine';
import type { StepSpec } from '../spec/types';
import type { Column } from '../table/column';
import type { PipelineResult } from './execute';
import { runOnRows } from '../../testing/rows-kit';

function step(result: PipelineResult, id: string) {
  const found = result.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

const iris: Column[] = [
  { name: 'sepal_length', type: 'DOUBLE' },
  { name: 'species', type: 'VARCHAR' },
];
const irisRows = Array.from({ length: 20 }, (_, index) => [4.5 + (index % 7) / 5, ['setosa', 'virginica'][index % 2]]);
const penguins: Column[] = [
  { name: 'bill_length', type: 'DOUBLE' },
  { name: 'island', type: 'VARCHAR' },
];
const penguinRows = Array.from({ length: 20 }, (_, index) => [38 + (index % 9), ['Biscoe', 'Dream'][index % 2]]);

function testNotEvaluated(label: string, create: () => Promise<Engine>): void {
  describe(`checks with nothing to measure on ${label}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });
    const withBaseline = async (steps: StepSpec[], columns: Column[], rows: unknown[][], baseline: { columns: Column[]; rows: unknown[][] }) => {
      // The executor reads a source into this table once per run, and does not drop it after.
      await engine.run('DROP TABLE IF EXISTS "__winnow_source_base"');
      return runOnRows(engine, { seed: 3, steps, outputs: [] }, columns, rows, { sources: { base: baseline } });
    };
    const run = (steps: StepSpec[], columns: Column[], rows: unknown[][]) => runOnRows(engine, { seed: 3, steps, outputs: [] }, columns, rows);

    it('drift_share over files with no shared column is not evaluated and fails the run under on_fail fail', async () => {
      const result = await withBaseline([{ id: 'share', check: 'drift_share', baseline: 'base', max: 0.3, on_fail: 'fail' }], penguins, penguinRows, {
        columns: iris,
        rows: irisRows,
      });
      expect(step(result, 'share')).toMatchObject({
        status: 'not_evaluated',
        success: false,
        failsRun: true,
        reason: 'baseline "base": no column is in both the baseline and the current data',
        observed: { compared: 0 },
      });
      expect(result.status).toBe('failed');
      expect(result.failures).toEqual(['step "share" (drift_share) not evaluated: baseline "base": no column is in both the baseline and the current data']);
    });

    it('drift_share not evaluated under on_fail warn is a warning: the run passes', async () => {
      const result = await withBaseline([{ id: 'share', check: 'drift_share', baseline: 'base', on_fail: 'warn' }], penguins, penguinRows, {
        columns: iris,
        rows: irisRows,
      });
      expect(step(result, 'share')).toMatchObject({ status: 'not_evaluated', success: false, failsRun: false });
      expect(result.status).toBe('passed');
      expect(result.failures).toEqual([]);
    });

    it('a dataset-level check cannot reject rows: not evaluated under on_fail reject fails the run, as its failure does', async () => {
      const result = await withBaseline([{ id: 'share', check: 'drift_share', baseline: 'base', on_fail: 'reject' }], penguins, penguinRows, {
        columns: iris,
        rows: irisRows,
      });
      expect(step(result, 'share')).toMatchObject({ status: 'not_evaluated', failsRun: true, rejected: 0 });
      expect(result.status).toBe('failed');
    });

    it('drift_share whose every shared column is of another kind in the baseline names them', async () => {
      const textual: Column[] = [
        { name: 'sepal_length', type: 'VARCHAR' },
        { name: 'petal', type: 'DOUBLE' },
      ];
      const rows = irisRows.map(([length]) => [`${length} cm`, 1]);
      const result = await withBaseline([{ id: 'share', check: 'drift_share', baseline: 'base' }], textual, rows, {
        columns: iris.slice(0, 1),
        rows: irisRows.map(([length]) => [length]),
      });
      expect(step(result, 'share')).toMatchObject({
        status: 'not_evaluated',
        reason:
          'baseline "base": no shared column can be compared: "sepal_length" (numeric in the baseline (DOUBLE) but categorical in the current data (VARCHAR))',
      });
    });

    it('drift_share and drift over columns with no value on either side are not evaluated; one side empty is measured drift', async () => {
      const empty = irisRows.map(() => [null, null]);
      const result = await withBaseline(
        [
          { id: 'share', check: 'drift_share', baseline: 'base', on_fail: 'warn' },
          { id: 'length', check: 'drift', column: 'sepal_length', baseline: 'base', on_fail: 'warn' },
        ],
        iris,
        empty,
        { columns: iris, rows: empty },
      );
      expect(step(result, 'share')).toMatchObject({
        status: 'not_evaluated',
        reason: 'baseline "base": no compared column has a value on either side (sepal_length, species)',
      });
      expect(step(result, 'length')).toMatchObject({
        status: 'not_evaluated',
        reason: 'column "sepal_length" has no value in baseline "base" nor in the current data',
      });
      const vanished = await withBaseline([{ id: 'length', check: 'drift', column: 'sepal_length', baseline: 'base', on_fail: 'warn' }], iris, empty, {
        columns: iris,
        rows: irisRows,
      });
      expect(step(vanished, 'length')).toMatchObject({ status: 'warned', observed: { drifted: true, note: 'no values in the current data' } });
    });

    it('drift over a column the baseline lacks is not evaluated, naming the column and the baseline', async () => {
      const result = await withBaseline([{ id: 'bill', check: 'drift', column: 'bill_length', baseline: 'base' }], penguins, penguinRows, {
        columns: iris,
        rows: irisRows,
      });
      expect(step(result, 'bill')).toMatchObject({
        status: 'not_evaluated',
        failsRun: true,
        reason: 'column "bill_length" is not compared with baseline "base": not in the baseline',
      });
      expect(result.status).toBe('failed');
    });

    it('slice_metric with no slice of min_rows rows is not evaluated; with one, it is judged', async () => {
      const columns: Column[] = [
        { name: 'region', type: 'VARCHAR' },
        { name: 'churned', type: 'INTEGER' },
        { name: 'predicted', type: 'INTEGER' },
      ];
      const rows = Array.from({ length: 12 }, (_, index) => [['north', 'south'][index % 2], index % 3 === 0 ? 1 : 0, index % 4 === 0 ? 1 : 0]);
      const slice = { check: 'slice_metric', by: 'region', metric: 'accuracy', label: 'churned', prediction: 'predicted', min: 0.1, on_fail: 'warn' as const };
      const result = await run(
        [
          { id: 'few', ...slice },
          { id: 'enough', ...slice, min_rows: 6 },
        ],
        columns,
        rows,
      );
      expect(step(result, 'few')).toMatchObject({
        status: 'not_evaluated',
        reason: 'no slice by region has 30 rows or more with a value of accuracy',
        observed: { judged: 0 },
      });
      expect(step(result, 'enough')).toMatchObject({ status: 'passed', observed: { judged: 2 } });
    });

    it('agreement with no item labelled twice is not evaluated', async () => {
      const columns: Column[] = [
        { name: 'ann', type: 'VARCHAR' },
        { name: 'bob', type: 'VARCHAR' },
      ];
      const result = await run([{ id: 'agree', check: 'agreement', annotators: ['ann', 'bob'], min_kappa: 0.5 }], columns, [
        ['pos', null],
        [null, 'neg'],
        [null, null],
      ]);
      expect(step(result, 'agree')).toMatchObject({
        status: 'not_evaluated',
        failsRun: true,
        reason: 'no item is labelled twice (2 items labelled once)',
        observed: { pairableItems: 0 },
      });
    });

    it('class_balance and label_conflicts with no labelled row are not evaluated; label_conflicts under on_fail reject only warns', async () => {
      // A label column named to break quoting: the reason quotes it as it is, and nothing else happens.
      const odd = `lab"el'); DROP TABLE x; --`;
      const columns: Column[] = [
        { name: 'text', type: 'VARCHAR' },
        { name: odd, type: 'VARCHAR' },
      ];
      const rows = [
        ['a', null],
        ['a', null],
        ['b', null],
      ];
      const result = await run(
        [
          { id: 'balance', check: 'class_balance', label: odd, max_ratio: 3, on_fail: 'warn' },
          { id: 'conflicts', check: 'label_conflicts', features: ['text'], label: odd, on_fail: 'reject' },
        ],
        columns,
        rows,
      );
      expect(step(result, 'balance')).toMatchObject({ status: 'not_evaluated', failsRun: false, reason: `no labelled row in "${odd}"`, elementCount: 0 });
      expect(step(result, 'conflicts')).toMatchObject({
        status: 'not_evaluated',
        failsRun: false,
        reason: `no labelled row in "${odd}"`,
        rejected: 0,
        rowsOut: 3,
      });
      expect(result.status).toBe('passed');
      const failing = await run([{ id: 'conflicts', check: 'label_conflicts', features: ['text'], label: odd }], columns, rows);
      expect(step(failing, 'conflicts')).toMatchObject({ status: 'not_evaluated', failsRun: true });
      expect(failing.status).toBe('failed');
    });

    it('near_duplicates with no text and the outlier checks with no finite value are not evaluated', async () => {
      const columns: Column[] = [
        { name: 'review', type: 'VARCHAR' },
        { name: 'amount', type: 'DOUBLE' },
      ];
      const rows = [
        [null, null],
        ['   ', null],
        [null, null],
      ];
      const result = await run(
        [
          { id: 'near', check: 'near_duplicates', column: 'review', on_fail: 'warn' },
          { id: 'iqr', check: 'iqr_outliers', column: 'amount', on_fail: 'warn' },
          { id: 'mad', check: 'mad_outliers', column: 'amount', on_fail: 'warn' },
          { id: 'z', check: 'zscore_outliers', column: 'amount', on_fail: 'warn' },
        ],
        columns,
        rows,
      );
      expect(step(result, 'near')).toMatchObject({ status: 'not_evaluated', reason: 'no row has text in "review"', elementCount: 0 });
      for (const id of ['iqr', 'mad', 'z'])
        expect(step(result, id), id).toMatchObject({ status: 'not_evaluated', reason: 'no finite value in "amount"', elementCount: 0 });
      expect(result.status).toBe('passed');
    });

    it('value checks on the same empty column keep vacuous truth', async () => {
      const columns: Column[] = [{ name: 'amount', type: 'DOUBLE' }];
      const result = await run(
        [
          { id: 'range', check: 'between', column: 'amount', min: 0, max: 10 },
          { id: 'once', check: 'unique', column: 'amount' },
        ],
        columns,
        [[null], [null]],
      );
      expect(result.steps.map((found) => [found.id, found.status, found.elementCount])).toEqual([
        ['range', 'passed', 0],
        ['once', 'passed', 0],
      ]);
      expect(result.status).toBe('passed');
    });
  });
}

testNotEvaluated('native DuckDB', () => NativeEngine.create({ threads: 2 }));
testNotEvaluated('duckdb-wasm', () => WasmEngine.createForNode());
