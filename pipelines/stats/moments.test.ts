/**
 * meanSql is the mean of momentsSql without the standard deviation: it must give the same mean to
 * the last bit (checks and fill_null use it; outliers and normalize use momentsSql), and the same
 * count, on any set of doubles.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NativeEngine } from '../node/engine/native-engine';
import { meanSql, momentsSql } from './moments';

let engine: NativeEngine;
beforeAll(async () => {
  engine = await NativeEngine.create();
});
afterAll(async () => engine.close());

async function both(values: number[]) {
  const source = values.length
    ? `SELECT v FROM (VALUES ${values.map((value) => `(CAST('${value}' AS DOUBLE))`).join(', ')}) AS t(v)`
    : 'SELECT CAST(NULL AS DOUBLE) AS v WHERE FALSE';
  const [full] = await engine.query(momentsSql(source));
  const [mean] = await engine.query(meanSql(source));
  return { full, mean };
}

it('gives momentsSql’s mean and count, bit for bit, on any doubles', async () => {
  const doubles = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 });
  await fc.assert(
    fc.asyncProperty(fc.array(doubles, { maxLength: 40 }), async (values) => {
      const { full, mean } = await both(values);
      expect(mean?.values).toBe(full?.values);
      expect(Object.is(mean?.mean, full?.mean) || mean?.mean === full?.mean).toBe(true);
    }),
    { numRuns: 80, seed: 4 },
  );
});

it('says no mean for no values, 0 for zeros, and the value for one', async () => {
  expect((await both([])).mean).toEqual({ values: 0, mean: null });
  expect((await both([0, 0, 0])).mean).toEqual({ values: 3, mean: 0 });
  expect((await both([-2.5])).mean).toEqual({ values: 1, mean: -2.5 });
  expect((await both([1e308, 1e308])).mean).toEqual({ values: 2, mean: 1e308 });
});
