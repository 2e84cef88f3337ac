/**
 * Issue 14: Great Expectations semantics to the letter, on both engines (native and duckdb-wasm,
 * which the app runs). Each expected value below is reasoned from GX 1.x's documentation of the
 * expectation (docs/gx.md cites it), not from running GX:
 * - a range expectation on an aggregate (mean, quantile, unique proportion, row count) with
 *   neither bound holds for any value ("may have any numerical value"), but fails when there is
 *   no observed value (a mean of no values);
 * - an empty value_set holds no value: every non-null value is unexpected;
 * - a regex matches anywhere in the value, so the empty regex matches every value;
 * - column map expectations count non-null values only, so on a column of nulls in_set, between
 *   and regex hold vacuously, while not_null fails every row;
 * - the unique proportion of a column with no non-null values is 0 (GX's metric says so).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { NativeEngine } from '../node/engine/native-engine';
import type { StepSpec } from '../spec/types';
import type { Column } from '../table/column';
import { WasmEngine } from '../engine/wasm-engine';
import type { PipelineResult } from './execute';
import { runOnRows } from '../../testing/rows-kit';

const columns: Column[] = [
  { name: 'id', type: 'INTEGER' },
  { name: 'amount', type: 'DOUBLE' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'code', type: 'VARCHAR' },
  { name: 'note', type: 'VARCHAR' },
  { name: 'score', type: 'DOUBLE' },
];
// note and score hold no value at all: the column exists, its values are all null.
const rows = [
  [1, 10, 'new', 'ABC', null, null],
  [2, 20, 'paid', 'de', null, null],
  [3, null, null, null, null, null],
  [4, 30, "o'brien", 'x"y\\z', null, null],
];

const NO_BOUNDS = 'neither min nor max is set: the check holds for any value';

const engines: [string, () => Promise<Engine>][] = [
  ['native DuckDB', () => NativeEngine.create({ threads: 2 })],
  ['duckdb-wasm', () => WasmEngine.createForNode()],
];

describe.each(engines)('Great Expectations semantics on %s', (_label, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(async () => {
    await engine?.close();
  });

  const run = (steps: StepSpec[]) => runOnRows(engine, { seed: 1, steps: steps.map((step) => ({ on_fail: 'warn', ...step })), outputs: [] }, columns, rows);
  const step = (result: PipelineResult, id: string) => result.steps.find((candidate) => candidate.id === id)!;

  it('an aggregate range with no bounds holds for any observed value, with a warning; with no observed value it fails', async () => {
    const result = await run([
      { id: 'mean', check: 'mean_between', column: 'amount' },
      { id: 'mean_of_nothing', check: 'mean_between', column: 'score' },
      { id: 'mean_of_nothing_bounded', check: 'mean_between', column: 'score', min: 0 },
      { id: 'median', check: 'quantile_between', column: 'amount', quantile: 0.5 },
      { id: 'median_of_nothing', check: 'quantile_between', column: 'score', quantile: 0.5 },
      { id: 'rows', check: 'row_count_between' },
      { id: 'unique', check: 'unique_proportion_between', column: 'status' },
    ]);
    expect(step(result, 'mean')).toMatchObject({ success: true, status: 'passed', observed: { mean: 20 }, warnings: [NO_BOUNDS] });
    expect(step(result, 'mean_of_nothing')).toMatchObject({ success: false, status: 'warned', observed: { mean: null }, warnings: [NO_BOUNDS] });
    expect(step(result, 'mean_of_nothing_bounded')).toMatchObject({ success: false, observed: { mean: null } });
    expect(step(result, 'mean_of_nothing_bounded').warnings).toBeUndefined();
    expect(step(result, 'median')).toMatchObject({ success: true, observed: { value: 20 }, warnings: [NO_BOUNDS] });
    expect(step(result, 'median_of_nothing')).toMatchObject({ success: false, observed: { value: null } });
    expect(step(result, 'rows')).toMatchObject({ success: true, observed: { rows: 4 }, warnings: [NO_BOUNDS] });
    expect(step(result, 'unique')).toMatchObject({ success: true, observed: { uniqueProportion: 1 }, warnings: [NO_BOUNDS] });
    expect(result.status).toBe('passed');
  });

  it('the unique proportion of a column of nulls is 0, as GX computes it', async () => {
    const result = await run([
      { id: 'at_most_half', check: 'unique_proportion_between', column: 'note', max: 0.5 },
      { id: 'at_least_a_tenth', check: 'unique_proportion_between', column: 'note', min: 0.1 },
    ]);
    expect(step(result, 'at_most_half')).toMatchObject({ success: true, observed: { uniqueProportion: 0, distinct: 0 } });
    expect(step(result, 'at_least_a_tenth')).toMatchObject({ success: false, observed: { uniqueProportion: 0 } });
  });

  it('an empty value set holds no value: every non-null value is unexpected, nulls are not counted', async () => {
    const result = await run([{ id: 'none', check: 'in_set', column: 'status', values: [] }]);
    expect(step(result, 'none')).toMatchObject({
      success: false,
      status: 'warned',
      elementCount: 3,
      unexpectedCount: 3,
      unexpectedFraction: 1,
      warnings: ['the set is empty: every non-null value fails'],
    });
    expect(step(result, 'none').examples.map((example) => example.value)).toEqual(['new', 'paid', "o'brien"]);
  });

  it('the empty regex matches every value', async () => {
    const result = await run([{ id: 'anything', check: 'regex', column: 'code', pattern: '' }]);
    expect(step(result, 'anything')).toMatchObject({
      success: true,
      elementCount: 3,
      unexpectedCount: 0,
      warnings: ['the pattern is empty: it matches every value'],
    });
  });

  it('on a column whose values are all null: value checks hold vacuously, not_null fails every row', async () => {
    const result = await run([
      { id: 'set', check: 'in_set', column: 'note', values: ['a', 'b'] },
      { id: 'empty_set', check: 'in_set', column: 'note', values: [] },
      { id: 'range', check: 'between', column: 'score', min: 0, max: 1 },
      { id: 'pattern', check: 'regex', column: 'note', pattern: '^[a-z]+$' },
      { id: 'present', check: 'not_null', column: 'note' },
    ]);
    for (const id of ['set', 'empty_set', 'range', 'pattern']) {
      expect(step(result, id)).toMatchObject({ success: true, status: 'passed', elementCount: 0, unexpectedCount: 0 });
    }
    expect(step(result, 'present')).toMatchObject({ success: false, elementCount: 4, unexpectedCount: 4, unexpectedFraction: 1 });
  });

  it('values with quotes and backslashes, and ten thousand of them, stay values', async () => {
    const many = Array.from({ length: 10_000 }, (_, index) => `v${index}`);
    const result = await run([
      { id: 'quoted', check: 'in_set', column: 'status', values: ["o'brien", 'new', "'); DROP TABLE t; --"] },
      { id: 'many', check: 'in_set', column: 'status', values: [...many, 'paid'] },
      { id: 'quote_pattern', check: 'regex', column: 'code', pattern: '"y\\\\' },
      { id: 'apostrophe', check: 'regex', column: 'status', pattern: "'" },
    ]);
    expect(step(result, 'quoted')).toMatchObject({ elementCount: 3, unexpectedCount: 1 });
    expect(step(result, 'quoted').examples.map((example) => example.value)).toEqual(['paid']);
    expect(step(result, 'many')).toMatchObject({ elementCount: 3, unexpectedCount: 2 });
    expect(step(result, 'quote_pattern')).toMatchObject({ elementCount: 3, unexpectedCount: 2 });
    expect(step(result, 'apostrophe')).toMatchObject({ elementCount: 3, unexpectedCount: 2 });
    for (const id of ['quoted', 'many', 'quote_pattern', 'apostrophe']) expect(step(result, id).warnings).toBeUndefined();
  });
});
