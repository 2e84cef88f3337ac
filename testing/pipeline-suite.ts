/**
 * The pipeline's shared test suite: every case runs on each engine (native and wasm), and the
 * results must be the same. Semantics follow Great Expectations where the checks overlap:
 * value checks ignore nulls, `mostly` is the minimum passing share of the counted values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../pipelines/engine/engine';
import { REJECTS_TABLE } from '../pipelines/table/rejects';
import type { StepSpec } from '../pipelines/spec/types';
import type { Column } from '../pipelines/table/column';
import type { PipelineResult } from '../pipelines/run/execute';
import { outputRows, runOnRows } from './rows-kit';

const people: Column[] = [
  { name: 'id', type: 'INTEGER' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'age', type: 'INTEGER' },
  { name: 'city', type: 'VARCHAR' },
];
const peopleRows = [
  [1, 'ana', 34, 'Lisbon'],
  [2, 'bo', null, 'Oslo'],
  [3, 'cy', 150, 'Oslo'],
  [4, 'di', 28, 'Paris'],
  [5, 'ed', 41, null],
  [6, 'fa', -3, 'Lisbon'],
  [7, 'gu', 34, 'Rome'],
  [8, 'ha', 55, 'Oslo'],
  [9, 'ana', 34, 'Lisbon'],
  [10, 'jo', 19, 'Paris'],
];

function step(result: PipelineResult, id: string) {
  const found = result.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

function expectRowsAddUp(result: PipelineResult): void {
  const { read, kept, rejected, dropped } = result.rowCounts;
  expect(read).toBe(kept + rejected + dropped);
}

export function testPipeline(label: string, create: () => Promise<Engine>): void {
  describe(`pipeline on ${label}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });
    const run = (steps: StepSpec[], extra: object = {}, columns = people, rows: unknown[][] = peopleRows) =>
      runOnRows(engine, { seed: 7, steps, outputs: [], ...extra }, columns, rows);

    it('not_null counts every row and honours mostly', async () => {
      const result = await run([
        { id: 'strict', check: 'not_null', column: 'age', on_fail: 'warn' },
        { id: 'loose', check: 'not_null', column: 'age', mostly: 0.9 },
      ]);
      expect(step(result, 'strict')).toMatchObject({ success: false, status: 'warned', elementCount: 10, unexpectedCount: 1, unexpectedFraction: 0.1 });
      expect(step(result, 'strict').examples).toEqual([{ row: 2, file: 'memory.csv', line: 3, value: null }]);
      expect(step(result, 'loose')).toMatchObject({ success: true, status: 'passed' });
      expect(result.status).toBe('passed');
    });

    it("a failing check's examples are its first 20 failing rows in row order, with their values", async () => {
      const many = Array.from({ length: 60 }, (_, index) => [index + 1, `p${index + 1}`, index % 2 === 0 ? 200 + index : 30, 'Oslo']);
      const result = await run([{ id: 'age', check: 'between', column: 'age', min: 0, max: 120, on_fail: 'warn' }], {}, people, [...many].reverse());
      const { examples, unexpectedCount } = step(result, 'age');
      expect(unexpectedCount).toBe(30);
      expect(examples.map((example) => example.row)).toEqual(Array.from({ length: 20 }, (_, index) => 2 * (index + 1)));
      expect(examples[0]?.value).toBe('258');
    });

    it('between ignores nulls, and strict bounds exclude the bound itself', async () => {
      const result = await run([
        { id: 'range', check: 'between', column: 'age', min: 0, max: 120, on_fail: 'warn' },
        { id: 'strict', check: 'between', column: 'age', min: 19, max: 55, strict_min: true, strict_max: true, on_fail: 'warn' },
      ]);
      expect(step(result, 'range')).toMatchObject({ elementCount: 9, unexpectedCount: 2 });
      expect(step(result, 'range').examples.map((example) => example.value)).toEqual(['150', '-3']);
      // 150, -3, 55 and 19 are outside (19, 55).
      expect(step(result, 'strict')).toMatchObject({ elementCount: 9, unexpectedCount: 4 });
    });

    it('in_set and regex (unanchored matches anywhere, anchored the whole value)', async () => {
      const result = await run([
        { id: 'cities', check: 'in_set', column: 'city', values: ['Lisbon', 'Oslo', 'Paris'], on_fail: 'warn' },
        { id: 'has_a', check: 'regex', column: 'name', pattern: 'a', on_fail: 'warn' },
        { id: 'two_letters', check: 'regex', column: 'name', pattern: '^[a-z]{2}$', on_fail: 'warn' },
      ]);
      expect(step(result, 'cities')).toMatchObject({ elementCount: 9, unexpectedCount: 1 });
      expect(step(result, 'cities').examples[0]).toMatchObject({ row: 7, value: 'Rome' });
      // ana, fa, ha, ana contain an "a".
      expect(step(result, 'has_a')).toMatchObject({ elementCount: 10, unexpectedCount: 6 });
      expect(step(result, 'two_letters')).toMatchObject({ unexpectedCount: 2 });
    });

    it('unique marks every row of a repeated value; compound uniqueness looks at the combination', async () => {
      const result = await run([
        { id: 'names', check: 'unique', column: 'name', on_fail: 'warn' },
        { id: 'pairs', check: 'unique', columns: ['name', 'city'], on_fail: 'warn' },
        { id: 'ids', check: 'unique', columns: 'id' },
      ]);
      expect(step(result, 'names')).toMatchObject({ unexpectedCount: 2, success: false });
      expect(step(result, 'names').examples.map((example) => example.row)).toEqual([1, 9]);
      expect(step(result, 'pairs')).toMatchObject({ unexpectedCount: 2 });
      expect(step(result, 'ids')).toMatchObject({ unexpectedCount: 0, success: true, status: 'passed' });
    });

    it('on_fail reject moves failing rows to the rejects with the step id, and rows add up', async () => {
      const result = await run([
        { id: 'age_ok', check: 'between', column: 'age', min: 0, max: 120, on_fail: 'reject' },
        { id: 'age_present', check: 'not_null', column: 'age', on_fail: 'reject' },
      ]);
      expect(step(result, 'age_ok')).toMatchObject({ status: 'rejected', rejected: 2, rowsIn: 10, rowsOut: 8, success: false });
      expect(step(result, 'age_present')).toMatchObject({ rowsIn: 8, rowsOut: 7, rejected: 1 });
      expect(result.rowCounts).toEqual({ read: 10, kept: 7, rejected: 3, dropped: 0 });
      expect(result.rejects.byReason).toEqual({ age_ok: 2, age_present: 1 });
      const rejects = await engine.query(`SELECT "row", line, step, field, raw FROM ${REJECTS_TABLE} ORDER BY "row"`);
      expect(rejects.map((row) => [row.row, row.line, row.step, row.field])).toEqual([
        [2, 3, 'age_present', 'age'],
        [3, 4, 'age_ok', 'age'],
        [6, 7, 'age_ok', 'age'],
      ]);
      expect(String(rejects[1]!.raw)).toContain('150');
      expect(result.status).toBe('passed');
    });

    it('a failing check with on_fail fail fails the run but the other steps still report', async () => {
      const result = await run([
        { id: 'bad', check: 'between', column: 'age', min: 0, max: 100 },
        { id: 'after', check: 'not_null', column: 'name' },
      ]);
      expect(result.status).toBe('failed');
      expect(result.failures).toEqual(['step "bad" (between) failed']);
      expect(step(result, 'after').status).toBe('passed');
    });

    it('dataset checks: row count, mean, unique proportion, null fraction, schema, column_exists', async () => {
      const result = await run([
        { id: 'rows', check: 'row_count_between', min: 5, max: 10 },
        { id: 'mean', check: 'mean_between', column: 'age', min: 43, max: 44 },
        { id: 'mean_strict', check: 'mean_between', column: 'age', max: 392 / 9, strict_max: true, on_fail: 'warn' },
        { id: 'uniq', check: 'unique_proportion_between', column: 'name', min: 0.8, max: 0.9 },
        { id: 'nulls', check: 'null_fraction', column: 'city', max: 0.1 },
        { id: 'schema', check: 'schema', columns: { id: 'INT', age: 'INTEGER', name: 'TEXT' } },
        { id: 'schema_strict', check: 'schema', columns: { id: 'INTEGER' }, strict: true, on_fail: 'warn' },
        { id: 'exists', check: 'column_exists', column: 'age', index: 2 },
        { id: 'exists_elsewhere', check: 'column_exists', column: 'age', index: 0, on_fail: 'warn' },
      ]);
      expect(step(result, 'rows')).toMatchObject({ success: true, observed: { rows: 10 } });
      // (34 + 150 + 28 + 41 - 3 + 34 + 55 + 34 + 19) / 9 = 392 / 9
      expect(step(result, 'mean').observed.mean).toBeCloseTo(392 / 9, 12);
      expect(step(result, 'mean').success).toBe(true);
      expect(step(result, 'mean_strict').success).toBe(false);
      expect(step(result, 'uniq')).toMatchObject({ success: true, observed: { uniqueProportion: 0.9, distinct: 9 } });
      expect(step(result, 'nulls')).toMatchObject({ success: true, observed: { nullFraction: 0.1 } });
      expect(step(result, 'schema').success).toBe(true);
      expect(step(result, 'schema_strict')).toMatchObject({ success: false, observed: { extra: ['name', 'age', 'city'] } });
      expect(step(result, 'exists').success).toBe(true);
      expect(step(result, 'exists_elsewhere')).toMatchObject({ success: false, observed: { index: 2 } });
    });

    it('duplicates with reject keeps the first copy of each row', async () => {
      const rows = [
        [1, 'a'],
        [2, 'b'],
        [1, 'a'],
        [1, 'a'],
        [3, null],
        [3, null],
      ];
      const columns = [
        { name: 'k', type: 'INTEGER' },
        { name: 'v', type: 'VARCHAR' },
      ];
      const result = await run([{ id: 'dups', check: 'duplicates', on_fail: 'reject' }], { outputs: [{ name: 'all' }] }, columns, rows);
      expect(step(result, 'dups')).toMatchObject({ unexpectedCount: 3, rejected: 3 });
      expect(await outputRows(engine, result.outputs[0]!.select)).toEqual([
        [1, 'a'],
        [2, 'b'],
        [3, null],
      ]);
    });

    it('of_type and sql checks', async () => {
      const columns = [
        { name: 'code', type: 'VARCHAR' },
        { name: 'start', type: 'INTEGER' },
        { name: 'stop', type: 'INTEGER' },
      ];
      const rows = [
        ['12', 1, 2],
        ['x', 3, 2],
        [null, 5, null],
        ['7.5', 1, 1],
      ];
      const result = await run(
        [
          { id: 'int_code', check: 'of_type', column: 'code', type: 'INTEGER', on_fail: 'warn' },
          { id: 'ordered', check: 'sql', predicate: 'start <= stop', on_fail: 'warn' },
        ],
        {},
        columns,
        rows,
      );
      // Neither 'x' nor '7.5' is an INTEGER (DuckDB's own cast would round 7.5; steps/conversion.ts refuses it).
      expect(step(result, 'int_code')).toMatchObject({ elementCount: 3, unexpectedCount: 2 });
      // NULL counts as not satisfied.
      expect(step(result, 'ordered')).toMatchObject({ elementCount: 4, unexpectedCount: 2 });
    });

    it('freshness compares the newest time with --as-of', async () => {
      const columns = [{ name: 'at', type: 'TIMESTAMP' }];
      const rows = [['2026-11-20 00:00:00'], ['2026-11-23 12:00:00'], [null]];
      const result = await run(
        [
          { id: 'fresh', check: 'freshness', column: 'at', max_age: '1 day' },
          { id: 'stale', check: 'freshness', column: 'at', max_age: '6 hours', on_fail: 'warn' },
        ],
        {},
        columns,
        rows,
      );
      expect(step(result, 'fresh')).toMatchObject({ success: true, observed: { ageSeconds: 43200 } });
      expect(step(result, 'stale').success).toBe(false);
    });

    it('filter, dedupe and sample count what they drop', async () => {
      const result = await run([
        { id: 'adults', transform: 'filter', where: 'age >= 18' },
        { id: 'one_per_name', transform: 'dedupe', columns: ['name'] },
      ]);
      // age NULL and -3 are dropped by the filter (NULL does not satisfy it), then the second "ana".
      expect(step(result, 'adults')).toMatchObject({ rowsIn: 10, rowsOut: 8, dropped: 2 });
      expect(step(result, 'one_per_name')).toMatchObject({ rowsIn: 8, rowsOut: 7, dropped: 1 });
      expect(result.rowCounts).toEqual({ read: 10, kept: 7, rejected: 0, dropped: 3 });
    });

    it('dedupe keep last keeps the later occurrence', async () => {
      const result = await run([{ id: 'last', transform: 'dedupe', columns: ['name'], keep: 'last' }], { outputs: [{ name: 'out' }] });
      const ids = (await outputRows(engine, result.outputs[0]!.select)).map((row) => row[0]);
      expect(ids).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('cast rejects values that cannot be cast instead of turning them into NULL', async () => {
      const columns = [
        { name: 'n', type: 'VARCHAR' },
        { name: 'd', type: 'VARCHAR' },
      ];
      const rows = [
        ['1', '2024-01-01'],
        ['two', '2024-01-02'],
        [null, 'nope'],
        ['4', null],
      ];
      const result = await run([{ id: 'types', transform: 'cast', columns: { n: 'INTEGER', d: 'DATE' } }], { outputs: [{ name: 'out' }] }, columns, rows);
      expect(step(result, 'types')).toMatchObject({ rowsIn: 4, rowsOut: 2, rejected: 2, status: 'rejected' });
      expect(await outputRows(engine, result.outputs[0]!.select)).toEqual([
        [1, '2024-01-01'],
        [4, null],
      ]);
      const rejects = await engine.query(`SELECT "row", field, reason FROM ${REJECTS_TABLE} ORDER BY "row"`);
      expect(rejects).toEqual([
        { row: 2, field: 'n', reason: 'cannot cast to INTEGER: two' },
        { row: 3, field: 'd', reason: 'cannot cast to DATE: nope' },
      ]);
      expectRowsAddUp(result);
    });

    it('select, drop, rename and derive reshape columns', async () => {
      const result = await run(
        [
          { id: 'keep', transform: 'select', columns: ['age', 'name'] },
          { id: 'ren', transform: 'rename', columns: { age: 'years' } },
          { id: 'months', transform: 'derive', column: 'months', expr: 'years * 12' },
          { id: 'no_name', transform: 'drop', columns: ['name'] },
        ],
        { outputs: [{ name: 'out' }] },
      );
      expect(result.columns.map((column) => column.name)).toEqual(['years', 'months']);
      expect((await outputRows(engine, result.outputs[0]!.select))[0]).toEqual([34, 408]);
    });

    it('a step reading a column that is gone names the step and suggests the column', async () => {
      await expect(
        run([
          { id: 'ren', transform: 'rename', columns: { age: 'years' } },
          { id: 'late', check: 'not_null', column: 'age' },
        ]),
      ).rejects.toThrow(/no column "age" at this step/);
    });

    it('fill_null with mean, median, mode and constant records the value used', async () => {
      const result = await run([
        { id: 'median_age', transform: 'fill_null', column: 'age', strategy: 'median' },
        { id: 'mode_city', transform: 'fill_null', column: 'city', strategy: 'mode' },
      ]);
      // ages without the null: -3 19 28 34 34 34 41 55 150 -> median 34
      expect(step(result, 'median_age').fitted).toEqual({ strategy: 'median', value: 34 });
      // Lisbon and Oslo both occur 3 times: the tie goes to the smallest value.
      expect(step(result, 'mode_city').fitted).toEqual({ strategy: 'mode', value: 'Lisbon' });
      const mean = await run([{ id: 'mean_age', transform: 'fill_null', column: 'age', strategy: 'mean' }]);
      expect(step(mean, 'mean_age').fitted!.value).toBeCloseTo(392 / 9, 12);
    });

    it('normalize fits population z-score and min-max parameters, and a constant column becomes 0', async () => {
      const columns = [
        { name: 'x', type: 'DOUBLE' },
        { name: 'c', type: 'DOUBLE' },
      ];
      const rows = [
        [1, 5],
        [2, 5],
        [3, 5],
        [4, 5],
      ];
      const z = await run([{ id: 'z', transform: 'normalize', columns: ['x', 'c'], method: 'zscore' }], { outputs: [{ name: 'out' }] }, columns, rows);
      const std = Math.sqrt(1.25);
      expect(step(z, 'z').fitted).toEqual({
        method: 'zscore',
        columns: { x: { center: 2.5, scale: std, mean: 2.5, std }, c: { center: 5, scale: 1, mean: 5, std: 0 } },
      });
      const values = await outputRows(engine, z.outputs[0]!.select);
      expect(values.map((row) => row[0] as number)).toEqual([-1.5 / std, -0.5 / std, 0.5 / std, 1.5 / std]);
      expect(values.map((row) => row[1])).toEqual([0, 0, 0, 0]);
      const m = await run([{ id: 'm', transform: 'normalize', columns: ['x'], method: 'minmax' }], { outputs: [{ name: 'out' }] }, columns, rows);
      expect((await outputRows(engine, m.outputs[0]!.select)).map((row) => row[0])).toEqual([0, 1 / 3, 2 / 3, 1]);
    });

    it('encode one-hot and ordinal with the vocabulary in the fitted parameters', async () => {
      const onehot = await run([{ id: 'enc', transform: 'encode', column: 'city', method: 'onehot' }], { outputs: [{ name: 'out' }] });
      expect(step(onehot, 'enc').fitted).toEqual({ method: 'onehot', order: 'code point', vocabulary: ['Lisbon', 'Oslo', 'Paris', 'Rome'] });
      expect(onehot.columns.map((column) => column.name)).toEqual(['id', 'name', 'age', 'city_Lisbon', 'city_Oslo', 'city_Paris', 'city_Rome']);
      const rows = await outputRows(engine, onehot.outputs[0]!.select);
      expect(rows[0]!.slice(3)).toEqual([1, 0, 0, 0]);
      expect(rows[4]!.slice(3)).toEqual([0, 0, 0, 0]);
      const ordinal = await run([{ id: 'enc', transform: 'encode', column: 'city', method: 'ordinal' }], { outputs: [{ name: 'out' }] });
      expect((await outputRows(engine, ordinal.outputs[0]!.select)).map((row) => row[3])).toEqual([0, 1, 1, 2, null, 0, 3, 1, 0, 2]);
    });

    describe('seeded randomness depends on the seed and the rows, never on their order', () => {
      const columns = [
        { name: 'id', type: 'INTEGER' },
        { name: 'group', type: 'VARCHAR' },
        { name: 'label', type: 'VARCHAR' },
      ];
      const rows = Array.from({ length: 2000 }, (_, index) => [index, `g${index % 37}`, index % 4 === 0 ? 'pos' : 'neg']);
      const reversed = [...rows].reverse();
      const parts = async (result: PipelineResult) => {
        const sets: Record<string, number[]> = {};
        for (const output of result.outputs) sets[output.name] = (await outputRows(engine, output.select)).map((row) => row[0] as number).sort((a, b) => a - b);
        return sets;
      };
      const outputs = [
        { name: 'train', from: 'split.train' },
        { name: 'valid', from: 'split.valid' },
        { name: 'test', from: 'split.test' },
      ];

      it('hash split: fractions, a partition of the rows, the same for reversed input', async () => {
        const spec = [{ id: 'split', transform: 'split', method: 'hash', key: ['id'], fractions: { train: 0.8, valid: 0.1, test: 0.1 } }];
        const forward = await parts(await run(spec, { outputs }, columns, rows));
        const backward = await parts(await run(spec, { outputs }, columns, reversed));
        expect(backward).toEqual(forward);
        expect(forward.train!.length + forward.valid!.length + forward.test!.length).toBe(2000);
        expect(forward.train!.length / 2000).toBeGreaterThan(0.76);
        expect(forward.train!.length / 2000).toBeLessThan(0.84);
        const otherSeed = await parts(await run(spec, { outputs, seed: 8 }, columns, rows));
        expect(otherSeed.train).not.toEqual(forward.train);
      });

      it('group split never puts one group in two parts', async () => {
        const spec = [{ id: 'split', transform: 'split', method: 'group', key: ['group'], fractions: { train: 0.8, valid: 0.1, test: 0.1 } }];
        const result = await run(spec, { outputs }, columns, rows);
        const spans = await engine.query(`SELECT "group", count(DISTINCT "__winnow_split_split") AS n FROM ${result.finalTable} GROUP BY ALL HAVING n > 1`);
        expect(spans).toEqual([]);
      });

      it('stratified split keeps each label share in every part', async () => {
        const spec = [{ id: 'split', transform: 'split', method: 'stratified', by: ['label'], fractions: { train: 0.8, valid: 0.1, test: 0.1 } }];
        const result = await run(spec, { outputs }, columns, rows);
        const shares = await engine.query(
          `SELECT "__winnow_split_split" AS part, count(*) FILTER (WHERE label = 'pos') AS pos, count(*) AS n FROM ${result.finalTable} GROUP BY ALL ORDER BY part`,
        );
        expect(shares).toEqual([
          { part: 'test', pos: 50, n: 200 },
          { part: 'train', pos: 400, n: 1600 },
          { part: 'valid', pos: 50, n: 200 },
        ]);
        expect(await parts(await run(spec, { outputs }, columns, reversed))).toEqual(await parts(result));
      });

      it('time split by cutoffs, with rows lacking a time rejected', async () => {
        const timeColumns = [{ name: 'at', type: 'DATE' }];
        const timeRows = [['2024-01-05'], ['2024-03-01'], ['2024-06-30'], [null], ['2024-07-01'], ['2024-12-31']];
        const spec = [{ id: 'split', transform: 'split', method: 'time', column: 'at', cutoffs: { train: '2024-03-01', valid: '2024-07-01', test: null } }];
        const result = await run(spec, { outputs }, timeColumns, timeRows);
        expect(await parts(result)).toBeDefined();
        const byPart = await engine.query(`SELECT "__winnow_split_split" AS part, count(*) AS n FROM ${result.finalTable} GROUP BY ALL ORDER BY part`);
        expect(byPart).toEqual([
          { part: 'test', n: 2 },
          { part: 'train', n: 1 },
          { part: 'valid', n: 2 },
        ]);
        expect(result.rowCounts).toEqual({ read: 6, kept: 5, rejected: 1, dropped: 0 });
      });

      it('sample by fraction and by count picks the same rows whatever the order', async () => {
        const fraction = [{ id: 's', transform: 'sample', fraction: 0.25 }];
        const forward = await parts(await run(fraction, { outputs: [{ name: 'out' }] }, columns, rows));
        expect(await parts(await run(fraction, { outputs: [{ name: 'out' }] }, columns, reversed))).toEqual(forward);
        expect(forward.out!.length).toBeGreaterThan(440);
        expect(forward.out!.length).toBeLessThan(560);
        const count = [{ id: 's', transform: 'sample', count: 100 }];
        const counted = await run(count, { outputs: [{ name: 'out' }] }, columns, rows);
        expect(step(counted, 's')).toMatchObject({ rowsOut: 100, dropped: 1900 });
        expect(await parts(await run(count, { outputs: [{ name: 'out' }] }, columns, reversed))).toEqual(await parts(counted));
      });

      it('shards partition an output by the seeded hash', async () => {
        const result = await run([], { outputs: [{ name: 'all', shards: 4 }] }, columns, rows);
        const plan = result.outputs[0]!;
        const shards = await Promise.all([0, 1, 2, 3].map(async (index) => (await outputRows(engine, plan.shardSelect(index))).map((row) => row[0] as number)));
        expect(shards.flat().sort((a, b) => a - b)).toEqual(rows.map((row) => row[0]));
        for (const shard of shards) expect(shard.length).toBeGreaterThan(400);
      });
    });

    it('the max_reject_fraction gate fails the run', async () => {
      const result = await run([{ id: 'age_ok', check: 'between', column: 'age', min: 0, max: 120, on_fail: 'reject' }], {
        gates: { max_reject_fraction: 0.1 },
      });
      expect(result.gates).toEqual([{ gate: 'max_reject_fraction', limit: 0.1, observed: 0.2, passed: false }]);
      expect(result.status).toBe('failed');
    });

    it('a sql transform adds columns and leaves rows out (counted as dropped), but may not repeat rows', async () => {
      const result = await run([{ id: 'free', transform: 'sql', query: 'SELECT *, age * 12 AS months FROM input WHERE age >= 30' }], {
        outputs: [{ name: 'out' }],
      });
      expect(step(result, 'free')).toMatchObject({ rowsIn: 10, rowsOut: 6, dropped: 4 });
      expect(result.columns.map((column) => column.name)).toEqual(['id', 'name', 'age', 'city', 'months']);
      expect((await outputRows(engine, result.outputs[0]!.select))[0]).toEqual([1, 'ana', 34, 'Lisbon', 408]);
      await expect(run([{ id: 'twice', transform: 'sql', query: 'SELECT * FROM input UNION ALL SELECT * FROM input' }])).rejects.toThrow(/at most once/);
    });

    it('a sql transform cannot invent or duplicate rows: the step stops, named, saying which', async () => {
      const refused: [query: string, message: RegExp][] = [
        [
          'SELECT * FROM input UNION ALL SELECT * REPLACE (__winnow_row + 10 AS __winnow_row) FROM input WHERE age >= 30',
          /no input row has: rows would be invented/,
        ],
        ['SELECT * REPLACE (__winnow_row + 1000 AS __winnow_row) FROM input', /no input row has: rows would be invented/],
        ['SELECT * REPLACE (CAST(NULL AS BIGINT) AS __winnow_row) FROM input', /without its __winnow_row: rows would be invented/],
        ['SELECT a.* FROM input a JOIN input b ON a.city = b.city', /rows would be duplicated/],
      ];
      for (const [query, message] of refused) {
        const error = await run([{ id: 'hostile', transform: 'sql', query }]).catch((caught: unknown) => caught);
        expect(error, query).toMatchObject({ place: { stepId: 'hostile' }, message: expect.stringMatching(message) as unknown });
      }
      const kept = await run([
        { id: 'renumbered', transform: 'sql', query: 'SELECT * REPLACE (__winnow_row AS __winnow_row) FROM input WHERE age >= 30 ORDER BY age DESC' },
      ]);
      expect(step(kept, 'renumbered')).toMatchObject({ rowsIn: 10, rowsOut: 6, dropped: 4 });
    });

    it('a disabled step is skipped', async () => {
      const result = await run([{ id: 'off', check: 'between', column: 'age', min: 0, max: 1, enabled: false }]);
      expect(step(result, 'off').status).toBe('skipped');
      expect(result.status).toBe('passed');
    });

    describe('an output takes the data right after any step', () => {
      /** An output's rows as objects: its columns by name, in order. */
      const rowsOf = async (result: PipelineResult, name: string, shard?: number) => {
        const plan = result.outputs.find((output) => output.name === name)!;
        return engine.query(shard === undefined ? plan.select : plan.shardSelect(shard));
      };
      const pipeline: StepSpec[] = [
        { id: 'months', transform: 'derive', column: 'age_months', expr: 'age * 12' },
        { id: 'adults', check: 'between', column: 'age', min: 0, max: 120, on_fail: 'reject' },
        { id: 'oslo', transform: 'filter', where: "city IS DISTINCT FROM 'Oslo'" },
        { id: 'slim', transform: 'drop', columns: ['name', 'age_months'] },
      ];

      it('after a derive: every row read, with the derived column a later step drops; the final rows as before', async () => {
        const result = await run(pipeline, { outputs: [{ name: 'derived', from: 'months' }, { name: 'checked', from: 'adults' }, { name: 'final' }] });
        const derived = await rowsOf(result, 'derived');
        expect(derived.map((row) => row.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(Object.keys(derived[0]!)).toEqual(['id', 'name', 'age', 'city', 'age_months']);
        expect(derived[0]).toEqual({ id: 1, name: 'ana', age: 34, city: 'Lisbon', age_months: 408 });
        // After the check that rejects: its rejects are gone, the rows a later filter drops are not.
        expect((await rowsOf(result, 'checked')).map((row) => row.id)).toEqual([1, 2, 4, 5, 7, 8, 9, 10]);
        const final = await rowsOf(result, 'final');
        expect(final.map((row) => row.id)).toEqual([1, 4, 5, 7, 9, 10]);
        expect(Object.keys(final[0]!)).toEqual(['id', 'age', 'city']);
        // The row counts are the final table's: an earlier step's output is a view of the data, not more rows.
        expect(result.rowCounts).toEqual({ read: 10, kept: 6, rejected: 2, dropped: 2 });
        expectRowsAddUp(result);
      });

      it('after a dedupe, in shards that partition its rows by the seeded hash', async () => {
        const steps: StepSpec[] = [
          { id: 'unique', transform: 'dedupe', columns: ['name', 'age'] },
          { id: 'old', transform: 'filter', where: 'age > 40' },
        ];
        const result = await run(steps, { outputs: [{ name: 'deduped', from: 'unique', shards: 3 }] });
        const all = await rowsOf(result, 'deduped');
        expect(all.map((row) => row.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10]);
        const shards = await Promise.all([0, 1, 2].map((index) => rowsOf(result, 'deduped', index)));
        expect(
          shards
            .flat()
            .map((row) => row.id)
            .sort((a, b) => Number(a) - Number(b)),
        ).toEqual(all.map((row) => row.id));
        expect(shards.filter((shard) => shard.length > 0).length).toBeGreaterThan(1);
        const again = await run(steps, { outputs: [{ name: 'deduped', from: 'unique', shards: 3 }] });
        expect(await Promise.all([0, 1, 2].map((index) => rowsOf(again, 'deduped', index)))).toEqual(shards);
      });

      it('a split’s id alone takes every part right after it; a part takes that part’s rows that reach the end', async () => {
        const steps: StepSpec[] = [
          { id: 'split', transform: 'split', method: 'hash', key: ['id'], fractions: { train: 0.5, 'it\'s "odd"; --': 0.5 } },
          { id: 'no_paris', transform: 'filter', where: "city IS DISTINCT FROM 'Paris'" },
        ];
        const outputs = [
          { name: 'split_all', from: 'split' },
          { name: 'train', from: 'split.train' },
          { name: 'odd', from: `split.it's "odd"; --` },
        ];
        const result = await run(steps, { outputs });
        expect((await rowsOf(result, 'split_all')).map((row) => row.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        const train = (await rowsOf(result, 'train')).map((row) => row.id);
        const odd = (await rowsOf(result, 'odd')).map((row) => row.id);
        expect([...train, ...odd].sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 5, 6, 7, 8, 9]);
        expect(train.length).toBeGreaterThan(0);
        expect(odd.length).toBeGreaterThan(0);
      });

      it('after a one-hot encode, whose columns depend on the data', async () => {
        const result = await run(
          [
            { id: 'enc', transform: 'encode', column: 'city', method: 'onehot' },
            { id: 'few', transform: 'filter', where: 'id <= 2' },
          ],
          { outputs: [{ name: 'encoded', from: 'enc' }] },
        );
        const encoded = await rowsOf(result, 'encoded');
        expect(encoded).toHaveLength(10);
        expect(Object.keys(encoded[0]!).filter((name) => name.startsWith('city_')).length).toBeGreaterThan(2);
      });

      it('a column named with quotes is quoted, not spliced into the SQL', async () => {
        const result = await run(
          [
            { id: 'weird', transform: 'derive', column: 'a"b; DROP TABLE x; --', expr: '1' },
            { id: 'gone', transform: 'drop', columns: ['a"b; DROP TABLE x; --'] },
          ],
          {
            outputs: [{ name: 'weird', from: 'weird', shards: 2 }],
          },
        );
        expect(Object.keys((await rowsOf(result, 'weird'))[0]!)).toEqual(['id', 'name', 'age', 'city', 'a"b; DROP TABLE x; --']);
        expect((await rowsOf(result, 'weird', 0)).length + (await rowsOf(result, 'weird', 1)).length).toBe(10);
      });

      it('the kept tables go with the next run’s working tables, and a run whose outputs take no step keeps none', async () => {
        const workingTables = async () => (await engine.query(`SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, '__winnow_t')`)).length;
        await run(pipeline, {
          outputs: [
            { name: 'derived', from: 'months' },
            { name: 'checked', from: 'adults' },
          ],
        });
        expect(await workingTables()).toBe(3);
        await run(pipeline, { outputs: [{ name: 'final' }] });
        expect(await workingTables()).toBe(1);
      });
    });
  });
}
