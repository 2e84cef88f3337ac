/**
 * Issue 18: a run over a constant column of large values (two rows of 2^53 + 1, of 2^60, of 1e200)
 * stopped with "DOUBLE -nan can't be cast to INT64": the constant column's one bin [v - 0.5, v + 0.5]
 * has width 0 when v is that large, and the bin index divided by it. Every value of a one-bin
 * histogram is in that bin. (numpy.histogram itself fails on these columns with an IndexError.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import reference from '../reference/transforms.json';
import { profileTable } from './profile';
import { engines } from '../../../testing/profile-fixtures';

describe.each(engines)('profile of a constant column of large values on %s', (_name, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(async () => {
    await engine.close();
  });

  it.each(Object.entries(reference.constantMeans))('%s: one bin holding both rows, the mean the value', async (name, { value, mean }) => {
    const type = name === 'large_double' ? 'DOUBLE' : 'BIGINT';
    await engine.run(`CREATE OR REPLACE TABLE constant AS SELECT CAST(x AS ${type}) AS x FROM (VALUES ('${value}'), ('${value}')) t(x)`);
    const [column] = (await profileTable(engine, 'constant')).columns;
    expect(column?.numeric?.mean).toBe(mean);
    expect(column?.numeric?.histogram).toMatchObject({ rule: 'constant', bins: 1, counts: [2] });
  });
});
