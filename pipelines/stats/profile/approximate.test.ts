/**
 * Where the profile is approximate on purpose (tables above the exact row limit), the error stays
 * within the bounds docs/statistics.md#column-profiles states:
 *   distinct counts: DuckDB's HyperLogLog has 64 registers, a relative standard error of
 *   1.04 / sqrt(64) = 13%; the test holds every estimate to 3 standard errors (39%);
 *   quantiles: T-Digest, within 1% of the rank on these distributions.
 * The inputs are fixed, so each estimate is too: the test is deterministic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { profileTable } from './profile';
import { engines } from '../../../testing/profile-fixtures';

const STANDARD_ERROR = 1.04 / Math.sqrt(64);

describe.each(engines)('approximate statistics on the %s engine', (_label, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
    await engine.run(
      `CREATE TABLE uniform AS SELECT i AS n, i % 10 AS d10, i % 100 AS d100, i % 1000 AS d1000, i % 10000 AS d10000, CAST(i % 5000 AS VARCHAR) || '-text' AS t5000 FROM range(100000) r(i)`,
    );
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('distinct counts are within 3 standard errors (39%) of the exact count, and say they are approximate', async () => {
    const approximate = await profileTable(engine, 'uniform', undefined, { exactRowLimit: 0 });
    const exact = await profileTable(engine, 'uniform');
    expect(approximate.dataset.exact).toBe(false);
    const errors = approximate.columns.map((column, index) => {
      expect(column.distinctExact).toBe(false);
      const truth = exact.columns[index]!.distinct;
      return Math.abs(column.distinct - truth) / truth;
    });
    expect(exact.columns.map((column) => column.distinct)).toEqual([100000, 10, 100, 1000, 10000, 5000]);
    for (const error of errors) expect(error).toBeLessThanOrEqual(3 * STANDARD_ERROR);
  });

  it('quantiles are within 1% of the rank of the exact ones', async () => {
    const approximate = await profileTable(
      engine,
      'uniform',
      ['n'].map((name) => ({ name, type: 'BIGINT' })),
      { exactRowLimit: 0, quantiles: [0.01, 0.25, 0.5, 0.75, 0.99] },
    );
    const numeric = approximate.columns[0]!.numeric!;
    expect(numeric.quantilesExact).toBe(false);
    // n is 0 .. 99,999: its value is its rank.
    for (const { probability, value } of numeric.quantiles) expect(Math.abs(value - probability * 99999)).toBeLessThanOrEqual(1000);
  });

  it('exact: true makes them exact whatever the limit', async () => {
    const profile = await profileTable(engine, 'uniform', undefined, { exactRowLimit: 0, exact: true });
    expect(profile.dataset.exact).toBe(true);
    expect(profile.columns.map((column) => [column.distinct, column.distinctExact, column.numeric?.quantilesExact ?? true])).toEqual([
      [100000, true, true],
      [10, true, true],
      [100, true, true],
      [1000, true, true],
      [10000, true, true],
      [5000, true, true],
    ]);
  });
});
