/**
 * Issue 11: a wide table is profiled COLUMNS_PER_SCAN columns to a query, and the profile is the
 * one a single query over every column gives, on both engines: every kind of type (batches are
 * of one type), nulls, NaN and infinities, constant and empty columns, names that need quoting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { COLUMNS_PER_SCAN, profileTable } from './profile';
import { engines } from '../../../testing/profile-fixtures';

/** 300 columns over 40 rows, cycling through kinds of type and of content. */
function wideTableSql(): string {
  const makers = [
    (i: number) => `CASE WHEN n % 7 = ${i % 7} THEN NULL ELSE CAST(hash(n, ${i}) % 1000 AS INTEGER) - 500 END`,
    (i: number) => `CASE WHEN n % 11 = 0 THEN 'nan'::DOUBLE WHEN n % 13 = 0 THEN 'inf'::DOUBLE ELSE CAST(hash(n, ${i}) % 100000 AS DOUBLE) / 7 END`,
    (i: number) =>
      `CASE WHEN n % 5 = 0 THEN NULL ELSE ['red', 'green', 'blue', 'ann@example.com', '+44 20 7946 0958'][CAST(hash(n, ${i}) % 5 AS INTEGER) + 1] END`,
    (i: number) => `DATE '2024-01-01' + CAST(hash(n, ${i}) % 400 AS INTEGER)`,
    (i: number) => `CASE WHEN n % 3 = 0 THEN NULL ELSE hash(n, ${i}) % 2 = 0 END`,
    (i: number) => `TIMESTAMP '2024-01-01 00:00:00' + to_seconds(CAST(hash(n, ${i}) % 10000000 AS BIGINT))`,
    (i: number) => `CAST(hash(n, ${i}) % 10000 AS DECIMAL(10, 2)) / 100`,
    () => `7`,
    () => `CAST(NULL AS VARCHAR)`,
    (i: number) => `[CAST(hash(n, ${i}) % 3 AS INTEGER)]`,
  ];
  const columns = Array.from({ length: 300 }, (_, index) =>
    `${makers[index % makers.length]!(index)} AS "col ${index}${index % 50 === 0 ? ' "quoted"' : ''}"`.replaceAll('"quoted"', '""quoted""'),
  );
  return `SELECT n AS __winnow_row, ${columns.join(', ')} FROM range(40) r(n)`;
}

describe.each(engines)('a wide table on the %s engine', (_label, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
    await engine.run(`CREATE TABLE wide AS ${wideTableSql()}`);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it(`profiles 300 columns ${COLUMNS_PER_SCAN} (and 7) to a query as one query over all of them does`, async () => {
    const oneQuery = await profileTable(engine, 'wide', undefined, { columnsPerScan: 1000 });
    expect(oneQuery.columns).toHaveLength(300);
    expect(await profileTable(engine, 'wide')).toEqual(oneQuery);
    expect(await profileTable(engine, 'wide', undefined, { columnsPerScan: 7 })).toEqual(oneQuery);
    // Every kind of statistic is there to compare.
    const byName = new Map(oneQuery.columns.map((column) => [column.name, column]));
    expect(byName.get('col 1')?.numeric?.histogram?.counts.length).toBeGreaterThan(1);
    expect(byName.get('col 2')?.patterns?.matches.email).toBeGreaterThan(0);
    expect(byName.get('col 4')?.top?.values.length).toBe(2);
    expect(byName.get('col 5')?.temporal?.histogram).not.toBeNull();
  });

  it('sends no query that grows with the width: each takes a batch of columns', async () => {
    const described = await engine.query('DESCRIBE wide');
    const columns = described.slice(1).map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
    const longestQuery = async (width: number) => {
      let longest = 0;
      const recording: Engine = Object.create(engine);
      recording.query = (sql) => {
        longest = Math.max(longest, sql.length);
        return engine.query(sql);
      };
      // Ten a query: already at 100 columns each type (a tenth of them) fills its batches.
      await profileTable(recording, 'wide', columns.slice(0, width), { columnsPerScan: 10 });
      return longest;
    };
    expect(await longestQuery(300)).toBeLessThan(1.2 * (await longestQuery(100)));
  });

  it('is exact and approximate alike in batches', async () => {
    const approximate = { exactRowLimit: 10, columnsPerScan: 1000 };
    const oneQuery = await profileTable(engine, 'wide', undefined, approximate);
    expect(oneQuery.dataset.exact).toBe(false);
    const batched = await profileTable(engine, 'wide', undefined, { ...approximate, columnsPerScan: 13 });
    // T-Digest quantiles may differ in their last digits with the order values arrive in; the rest may not.
    const withoutQuantiles = (profile: typeof oneQuery) =>
      profile.columns.map(({ numeric, ...column }) => ({
        ...column,
        numeric: numeric && { ...numeric, quantiles: numeric.quantiles.length, histogram: null, std: null },
      }));
    expect(withoutQuantiles(batched)).toEqual(withoutQuantiles(oneQuery));
  });
});
