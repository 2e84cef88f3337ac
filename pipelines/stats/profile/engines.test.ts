/**
 * The same profile on the native and the wasm engine, down to the last bit, on tables large enough
 * for native DuckDB to aggregate in parallel (several row groups of 122,880 rows), with every
 * kind of column and the edge cases: NaN and infinities, nulls, empty and constant columns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { profileTable } from './profile';
import { engines } from '../../../testing/profile-fixtures';
import type { Profile } from './types';

/** 150,000 rows (two row groups) of hash-scattered values: the same rows on every engine. */
const WIDE = `
  CREATE TABLE wide AS
  SELECT
    i + 1 AS __winnow_row,
    CAST(hash(i) % 1000 AS INTEGER) - 500 AS small_int,
    CASE WHEN i % 11 = 0 THEN NULL ELSE hash(i, 'b') END AS big_unsigned,
    CASE i % 1000 WHEN 1 THEN 'nan'::DOUBLE WHEN 2 THEN 'inf'::DOUBLE WHEN 3 THEN '-inf'::DOUBLE WHEN 4 THEN NULL
      ELSE ln(1 + hash(i, 'c') % 100000) * 1000.5 - 3000 END AS skewed,
    CAST((hash(i, 'd') % 2000000) AS DECIMAL(12, 2)) / 100 - 5000 AS money,
    CAST(hash(i, 'e') % 3 AS INTEGER) * 0.5 AS three_values,
    CAST(NULL AS DOUBLE) AS no_values,
    42 AS constant,
    ['red', 'green', 'blue', 'black', NULL][1 + CAST(hash(i, 'f') % 5 AS INTEGER)] AS colour,
    CASE hash(i, 'g') % 4 WHEN 0 THEN 'user' || (i % 997) || '@example.org' WHEN 1 THEN '+1 206 555 ' || lpad(CAST(i % 10000 AS VARCHAR), 4, '0')
      WHEN 2 THEN md5(CAST(i AS VARCHAR)) ELSE NULL END AS contact,
    hash(i, 'h') % 3 = 0 AS flag,
    DATE '2020-01-01' + CAST(hash(i, 'i') % 2000 AS INTEGER) AS day,
    TIMESTAMP '2020-01-01 00:00:00' + to_microseconds(CAST(hash(i, 'j') % 100000000000000 AS BIGINT)) AS moment,
    to_timestamp(1577836800 + CAST(hash(i, 'k') % 100000000 AS BIGINT)) AS moment_tz,
    [i % 3, i % 5] AS pair
  FROM range(150000) r(i)`;

describe('profiles on native and wasm', () => {
  const made = new Map<string, Engine>();
  let wide: Map<string, Profile>;
  const run = async (sql: string) => Promise.all([...made.values()].map((engine) => engine.run(sql)));
  const profileOn = async (table: string, options = {}) => {
    const results = new Map<string, Profile>();
    for (const [label, engine] of made) results.set(label, await profileTable(engine, table, undefined, options));
    return results;
  };

  beforeAll(async () => {
    for (const [label, create] of engines) made.set(label, await create());
    await run(WIDE);
    wide = await profileOn('wide');
  });
  afterAll(async () => {
    await Promise.all([...made.values()].map((engine) => engine.close()));
  });

  it('are identical on a 150,000-row table of every column kind (exact below the limit)', () => {
    const native = wide.get('native')!;
    expect(wide.get('wasm')).toEqual(native);
    expect(native.dataset).toMatchObject({ rows: 150000, columns: 14, exact: true });
    expect(native.columns.map((column) => [column.name, column.kind])).toEqual([
      ['small_int', 'numeric'],
      ['big_unsigned', 'numeric'],
      ['skewed', 'numeric'],
      ['money', 'numeric'],
      ['three_values', 'numeric'],
      ['no_values', 'numeric'],
      ['constant', 'numeric'],
      ['colour', 'string'],
      ['contact', 'string'],
      ['flag', 'boolean'],
      ['day', 'temporal'],
      ['moment', 'temporal'],
      ['moment_tz', 'temporal'],
      ['pair', 'other'],
    ]);
    // JSON-serialisable as it is: no bigint, NaN or Infinity anywhere.
    expect(JSON.parse(JSON.stringify(native))).toEqual(native);
  });

  // A floating-point sum (even a compensated one) changes in the last bits here from run to run.
  it('are the same run after run on the parallel native engine', async () => {
    for (let run = 0; run < 3; run++) expect(await profileTable(made.get('native')!, 'wide')).toEqual(wide.get('native'));
  });

  it('keep NaN and infinities out of the statistics, and count them', () => {
    const skewed = wide.get('wasm')!.columns.find((column) => column.name === 'skewed')!;
    expect(skewed).toMatchObject({ count: 149850, nulls: 150 });
    expect(skewed.numeric?.nonFinite).toBe(450);
    expect(skewed.numeric?.histogram?.counts.reduce((sum, count) => sum + count, 0)).toBe(149400);
    expect(Number.isFinite(skewed.min) && Number.isFinite(skewed.max) && Number.isFinite(skewed.numeric?.mean)).toBe(true);
  });

  it('give integers beyond 2^53 as decimal strings', () => {
    const column = wide.get('native')!.columns.find((candidate) => candidate.name === 'big_unsigned')!;
    expect(typeof column.max).toBe('string');
    expect(BigInt(column.max as string)).toBeGreaterThan(2n ** 53n);
  });

  it('are identical when approximate (HyperLogLog, T-Digest) on a table of one row group', async () => {
    await run('CREATE OR REPLACE TABLE part AS SELECT * FROM wide WHERE __winnow_row <= 100000');
    const profiles = await profileOn('part', { exactRowLimit: 50000 });
    const native = profiles.get('native')!;
    expect(native.dataset.exact).toBe(false);
    expect(native.columns.every((column) => !column.distinctExact && (column.numeric?.quantilesExact ?? false) === false)).toBe(true);
    expect(profiles.get('wasm')).toEqual(native);
  });

  it('sample the same rows for patterns on both engines', async () => {
    const profiles = await profileOn('wide', { patternSampleRows: 3000 });
    const native = profiles.get('native')!;
    expect(profiles.get('wasm')).toEqual(native);
    // About 3,000 rows: a hash threshold, not a LIMIT.
    expect(native.dataset.patternSampleRows).toBeGreaterThan(2700);
    expect(native.dataset.patternSampleRows).toBeLessThan(3300);
    const contact = native.columns.find((column) => column.name === 'contact')!.patterns!;
    expect(contact.sampled).toBeLessThan(native.dataset.patternSampleRows);
    // A third each of emails and phone numbers among the non-null values.
    expect(contact.matches.email / contact.sampled).toBeCloseTo(1 / 3, 1);
    expect(contact.matches.phone / contact.sampled).toBeCloseTo(1 / 3, 1);
    expect(contact.pii).toEqual(['email', 'phone']);
    expect(native.dataset.possiblePii).toEqual(['contact']);
  });
});
