/**
 * Issue 11: a long spec's row checks are counted CHECKS_PER_SCAN to a pass over the table, with
 * the same results as one pass over them all; an error of the engine while a step runs is one
 * WinnowError at that step and field; a split says how many rows each part got.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { NativeEngine } from '../node/engine/native-engine';
import type { StepSpec } from '../spec/types';
import type { Column } from '../table/column';
import { CHECKS_PER_SCAN } from './execute';
import { runOnRows } from '../../testing/rows-kit';

const columns: Column[] = [
  { name: 'id', type: 'INTEGER' },
  { name: 'age', type: 'INTEGER' },
  { name: 'city', type: 'VARCHAR' },
  { name: 'code', type: 'VARCHAR' },
  { name: 'score', type: 'DOUBLE' },
];
const rows = Array.from({ length: 60 }, (_, index) => [
  index % 17 === 0 ? index - 1 : index,
  index % 11 === 0 ? null : (index * 7) % 130,
  index % 13 === 0 ? null : ['Oslo', 'Rome', 'Lima', 'Pune'][index % 4],
  index % 9 === 0 ? `bad${index}` : `AB-${String(index).padStart(3, '0')}`,
  index % 5 === 0 ? null : index / 7,
]);

/** 600 row checks of several kinds, some failing, one rejecting rows in the middle. */
function manyChecks(): StepSpec[] {
  const steps: StepSpec[] = [];
  for (let index = 0; index < 600; index++) {
    const kind = index % 6;
    const base = { id: `c${index}`, on_fail: 'warn' as const };
    if (kind === 0) steps.push({ ...base, check: 'not_null', column: ['age', 'city', 'score'][index % 3]! });
    else if (kind === 1) steps.push({ ...base, check: 'between', column: 'age', min: index % 20, max: 100 + (index % 30) });
    else if (kind === 2) steps.push({ ...base, check: 'in_set', column: 'city', values: ['Oslo', 'Rome', index % 2 ? 'Lima' : 'Pune'] });
    else if (kind === 3) steps.push({ ...base, check: 'regex', column: 'code', pattern: '^[A-Z]{2}-\\d{3}$' });
    else if (kind === 4 && index % 100 === 4) steps.push({ ...base, check: 'unique', column: 'id', mostly: 0.9 });
    else if (kind === 4) steps.push({ ...base, check: 'of_type', column: index % 2 ? 'code' : 'city', type: 'INTEGER' });
    else steps.push({ ...base, check: 'sql', predicate: `score IS NULL OR score < ${index % 9}` });
  }
  steps.splice(300, 0, { id: 'drop_bad_codes', check: 'regex', column: 'code', pattern: '^[A-Z]', on_fail: 'reject' });
  return steps;
}

let engine: Engine;
beforeAll(async () => {
  engine = await NativeEngine.create({ threads: 2 });
});
afterAll(() => engine.close());

describe('row checks in passes', () => {
  it(`counts 600 checks ${CHECKS_PER_SCAN} to a pass with the results of a single pass`, async () => {
    const steps = manyChecks();
    const inPasses = await runOnRows(engine, { seed: 3, steps, outputs: [] }, columns, rows);
    const inOnePass = await runOnRows(engine, { seed: 3, steps, outputs: [] }, columns, rows, { checksPerScan: 10_000 });
    const withoutTimes = (result: typeof inPasses) => result.steps.map(({ durationMs: _durationMs, ...step }) => step);
    expect(withoutTimes(inPasses)).toEqual(withoutTimes(inOnePass));
    expect(inPasses.rowCounts).toEqual(inOnePass.rowCounts);
    // The checks did find something: counts and examples are compared, not empty results.
    const failing = inPasses.steps.filter((step) => step.status === 'warned');
    expect(failing.length).toBeGreaterThan(300);
    expect(failing.every((step) => step.examples.length > 0)).toBe(true);
    expect(inPasses.steps.find((step) => step.id === 'drop_bad_codes')?.rejected).toBe(7);
  });

  it('sends no query that grows with the number of checks', async () => {
    const longestQuery = async (steps: StepSpec[]) => {
      let longest = 0;
      const recording: Engine = Object.create(engine);
      recording.query = (sql) => {
        longest = Math.max(longest, sql.length);
        return engine.query(sql);
      };
      await runOnRows(recording, { seed: 1, steps, outputs: [] }, columns, rows);
      return longest;
    };
    const steps = manyChecks().filter((step) => step.on_fail === 'warn');
    expect(await longestQuery(steps)).toBeLessThan(1.2 * (await longestQuery(steps.slice(0, CHECKS_PER_SCAN))));
  });
});

describe('row checks around dataset-level checks', () => {
  it('are counted in one pass across a mean, a row count and a null fraction, with the results of counting each alone', async () => {
    const steps: StepSpec[] = [
      { id: 'age_known', check: 'not_null', column: 'age', on_fail: 'warn' },
      { id: 'mean_age', check: 'mean_between', column: 'age', min: 0, max: 10, on_fail: 'warn' },
      { id: 'code_shape', check: 'regex', column: 'code', pattern: '^[A-Z]{2}-\\d{3}$', on_fail: 'warn' },
      { id: 'enough_rows', check: 'row_count_between', min: 1, max: 1000, on_fail: 'reject' },
      { id: 'score_nulls', check: 'null_fraction', column: 'score', max: 0.01, on_fail: 'warn' },
      { id: 'city_known', check: 'in_set', column: 'city', values: ['Oslo', 'Rome'], on_fail: 'warn' },
      // Rejects rows: the checks after it see fewer rows, so they are counted in a pass of their own.
      { id: 'drop_bad_codes', check: 'regex', column: 'code', pattern: '^[A-Z]', on_fail: 'reject' },
      { id: 'ids_unique', check: 'unique', column: 'id', on_fail: 'warn' },
      { id: 'score_set', check: 'sql', predicate: 'score IS NOT NULL', on_fail: 'warn' },
    ];
    let passes = 0;
    const recording: Engine = Object.create(engine);
    recording.query = (sql) => {
      if (/ AS e\d+,/.test(sql)) passes++;
      return engine.query(sql);
    };
    const together = await runOnRows(recording, { seed: 2, steps, outputs: [] }, columns, rows);
    const alone = await runOnRows(engine, { seed: 2, steps, outputs: [] }, columns, rows, { checksPerScan: 1 });
    const withoutTimes = (result: typeof together) => result.steps.map(({ durationMs: _durationMs, ...step }) => step);
    expect(withoutTimes(together)).toEqual(withoutTimes(alone));
    // age_known, code_shape and city_known in one pass (it was three), drop_bad_codes alone (it
    // rejects), then over the rows left score_set, and ids_unique in a pass of its own (its window).
    expect(passes).toBe(4);
    expect(together.steps.find((step) => step.id === 'drop_bad_codes')?.rejected).toBe(7);
    expect(together.steps.find((step) => step.id === 'ids_unique')?.elementCount).toBe(rows.length - 7);
    expect(together.steps.filter((step) => step.status === 'warned').map((step) => step.id)).toEqual([
      'age_known',
      'mean_age',
      'code_shape',
      'score_nulls',
      'city_known',
      'ids_unique',
      'score_set',
    ]);
  });
});

describe('an engine error while a step runs', () => {
  it('is one line at the step and field, without DuckDB’s text', async () => {
    // The column is text, and one of its values is not a number: only the data says so.
    const text: Column[] = [{ name: 'amount', type: 'VARCHAR' }];
    // (in_set no longer stops on such data: it compares as text, see docs/gx.md.)
    const run = runOnRows(engine, { seed: 1, steps: [{ id: 'known', check: 'sql', predicate: 'CAST(amount AS INTEGER) > 0' }], outputs: [] }, text, [
      ['1'],
      ['2'],
      ['n/a'],
    ]);
    const error = await run.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WinnowError);
    expect((error as WinnowError).place).toEqual({ file: 'test.json', stepId: 'known', field: 'predicate' });
    expect((error as WinnowError).oneLine()).toBe('test.json, step "known", field "predicate": the value "n/a" cannot be read as INTEGER (column "amount")');
  });
});

describe('a split', () => {
  it('reports the rows of each part in observed, in the order the spec lists them', async () => {
    const result = await runOnRows(
      engine,
      { seed: 5, steps: [{ id: 'parts', transform: 'split', method: 'hash', fractions: { train: 0.6, valid: 0.2, test: 0.2, empty: 0 } }], outputs: [] },
      columns,
      rows,
    );
    const { parts } = result.steps[0]!.observed as { parts: Record<string, number> };
    expect(Object.keys(parts)).toEqual(['train', 'valid', 'test', 'empty']);
    expect(parts.empty).toBe(0);
    expect(Object.values(parts).reduce((sum, n) => sum + n, 0)).toBe(rows.length);
    const [row] = await engine.query(`SELECT count(*) FILTER (WHERE "__winnow_split_parts" = 'train') AS train FROM ${result.finalTable}`);
    expect(parts.train).toBe(Number(row!.train));
  });
});
