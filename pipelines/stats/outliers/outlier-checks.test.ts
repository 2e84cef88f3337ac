/**
 * The outlier checks in a spec (zscore_outliers, iqr_outliers, mad_outliers), run by the executor
 * on both engines over the real flights fixture: counts as the reference says, `mostly`,
 * `on_fail: reject` sending exactly the flagged rows to the rejects, parameters, and a clear
 * error for a text column.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { REJECTS_TABLE } from '../../table/rejects';
import type { PipelineResult } from '../../run/execute';
import { runOnRows } from '../../../testing/rows-kit';
import type { StepSpec } from '../../spec/types';
import { engines, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { fixtureRows } from '../../../testing/slice-fixtures';

const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}outliers.json`, 'utf8')) as {
  cases: { fixture: string; column: string; method: string; threshold: number | null; outliers: number; values: number; flagged: number[] }[];
};
const flagged = (column: string, method: string, threshold: number | null = null) =>
  reference.cases.find((item) => item.fixture === 'outliers-flights.csv' && item.column === column && item.method === method && item.threshold === threshold)!;

const flights = fixtureRows('outliers-flights.csv', { delay: 'BIGINT', distance: 'BIGINT' });
const withCarrier = {
  columns: [...flights.columns, { name: 'carrier', type: 'VARCHAR' }],
  rows: flights.rows.map((row, index) => [...row, ['AA', 'UA', 'DL'][index % 3]]),
};

function step(result: PipelineResult, id: string) {
  return result.steps.find((candidate) => candidate.id === id)!;
}

for (const [label, create] of engines) {
  describe(`outlier checks on ${label}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });
    const run = (steps: StepSpec[], data = flights) => runOnRows(engine, { seed: 1, steps, outputs: [] }, data.columns, data.rows);

    it('count the values each rule flags, as numpy, scipy and pandas do', async () => {
      const result = await run([
        { id: 'z', check: 'zscore_outliers', column: 'delay', on_fail: 'warn' },
        { id: 'z25', check: 'zscore_outliers', column: 'delay', threshold: 2.5, on_fail: 'warn' },
        { id: 'iqr', check: 'iqr_outliers', column: 'distance', on_fail: 'warn' },
        { id: 'iqr3', check: 'iqr_outliers', column: 'delay', k: 3, on_fail: 'warn' },
        { id: 'mad', check: 'mad_outliers', column: 'delay', on_fail: 'warn' },
        { id: 'mad5', check: 'mad_outliers', column: 'delay', threshold: 5, on_fail: 'warn' },
      ]);
      const expected: [string, number][] = [
        ['z', flagged('delay', 'zscore').outliers],
        ['z25', flagged('delay', 'zscore', 2.5).outliers],
        ['iqr', flagged('distance', 'iqr').outliers],
        ['iqr3', flagged('delay', 'iqr', 3).outliers],
        ['mad', flagged('delay', 'mad').outliers],
        ['mad5', flagged('delay', 'mad', 5).outliers],
      ];
      for (const [id, outliers] of expected) {
        expect(step(result, id), id).toMatchObject({ status: 'warned', success: false, elementCount: 2000, unexpectedCount: outliers });
      }
      const examples = step(result, 'z').examples;
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) expect(flagged('delay', 'zscore').flagged).toContain(example.row);
    });

    it('pass when the share of outliers is within mostly', async () => {
      const share = 1 - flagged('delay', 'mad').outliers / 2000;
      const result = await run([
        { id: 'loose', check: 'mad_outliers', column: 'delay', mostly: Math.floor(share * 100) / 100 },
        { id: 'strict', check: 'mad_outliers', column: 'delay', mostly: Math.ceil(share * 100) / 100, on_fail: 'warn' },
      ]);
      expect(step(result, 'loose')).toMatchObject({ success: true, status: 'passed' });
      expect(step(result, 'strict')).toMatchObject({ success: false, status: 'warned' });
    });

    it('send exactly the flagged rows to the rejects with on_fail: reject, and later steps see the rest', async () => {
      const result = await run([
        { id: 'tukey', check: 'iqr_outliers', column: 'delay', on_fail: 'reject' },
        { id: 'after', check: 'not_null', column: 'delay' },
      ]);
      const expected = flagged('delay', 'iqr');
      expect(step(result, 'tukey')).toMatchObject({ status: 'rejected', rejected: expected.outliers });
      expect(result.rowCounts).toMatchObject({ read: 2000, rejected: expected.outliers, kept: 2000 - expected.outliers });
      expect(step(result, 'after')).toMatchObject({ elementCount: 2000 - expected.outliers });
      const rejects = await engine.query(`SELECT "row", step, field, reason FROM ${REJECTS_TABLE} ORDER BY "row"`);
      expect(rejects.map((row) => row.row)).toEqual(expected.flagged);
      expect(rejects[0]).toMatchObject({ step: 'tukey', field: 'delay', reason: 'iqr_outliers failed' });
    });

    it('refuse a text column with an error that names the step and field', async () => {
      await expect(run([{ id: 'bad', check: 'zscore_outliers', column: 'carrier' }], withCarrier)).rejects.toThrow(
        expect.objectContaining({
          place: expect.objectContaining({ stepId: 'bad', field: 'column' }),
          message: expect.stringMatching(/numeric column; "carrier" is VARCHAR/),
        }),
      );
    });

    it('reject a threshold that is not positive when the spec is parsed', async () => {
      await expect(run([{ id: 'bad', check: 'mad_outliers', column: 'delay', threshold: 0 }])).rejects.toThrow(/threshold/);
    });
  });
}
