/**
 * profileTable's edge cases and options, on both engines: empty tables and columns, all-null,
 * constant and one-row columns, every kind of type, awkward column names, Winnow's own columns,
 * and sums that floating point gets wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { fixedPointScale } from './exact-sum';
import { kindOf, profileTable } from './profile';
import { engines } from '../../../testing/profile-fixtures';
import type { ColumnProfile, Profile } from './types';

function column(profile: Profile, name: string): ColumnProfile {
  const found = profile.columns.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

describe('kindOf', () => {
  it('sorts DuckDB types into the kinds the profile knows', () => {
    const kinds = [
      'TINYINT',
      'UBIGINT',
      'HUGEINT',
      'FLOAT',
      'DOUBLE',
      'DECIMAL(18,3)',
      'VARCHAR',
      'BOOLEAN',
      'DATE',
      'TIME',
      'TIMESTAMP_NS',
      'TIMESTAMP WITH TIME ZONE',
      'BLOB',
      'INTEGER[]',
      'STRUCT(a INTEGER)',
      'UUID',
      'INTERVAL',
    ].map(kindOf);
    expect(kinds).toEqual([
      'numeric',
      'numeric',
      'numeric',
      'numeric',
      'numeric',
      'numeric',
      'string',
      'boolean',
      'temporal',
      'temporal',
      'temporal',
      'temporal',
      'other',
      'other',
      'other',
      'other',
      'other',
    ]);
  });
});

describe('fixedPointScale', () => {
  it('brings the largest magnitude just below 2^62', () => {
    for (const largest of [1e-300, 1e-20, 0.1, 1, 3, 2 ** 52, 1e16, 1e300]) {
      const scale = fixedPointScale(largest);
      const scaled = largest * 2 ** Math.trunc(scale / 2) * 2 ** (scale - Math.trunc(scale / 2));
      expect(scaled).toBeLessThan(2 ** 62);
      expect(scaled).toBeGreaterThanOrEqual(2 ** 59);
    }
    expect(fixedPointScale(0)).toBe(0);
  });
});

describe.each(engines)('profileTable on the %s engine', (_label, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
    await engine.run(`
      CREATE TABLE kinds AS SELECT * FROM (VALUES
        (1, 1.5::FLOAT, 12.25::DECIMAL(10, 2), 170141183460469231731687303715884105727::HUGEINT, 'a', TRUE, TIME '10:00:00', TIMESTAMP '2024-01-01 10:00:00.123456', '\\x01'::BLOB, [1, 2], NULL::INTEGER, 7, 1, 'x'),
        (2, -2.5::FLOAT, -0.75::DECIMAL(10, 2), -5::HUGEINT, 'b', FALSE, TIME '23:59:59', TIMESTAMP '2023-06-30 00:00:00', '\\x02'::BLOB, [3], NULL, 7, NULL, 'x'),
        (3, NULL, 0::DECIMAL(10, 2), 0::HUGEINT, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 7, NULL, 'x')
      ) v(__winnow_row, "float", "money", "huge", "text", "flag", "clock", "moment", "bytes", "list", "all_null", "constant", "one_value", "we""ird ✓ name")`);
    await engine.run('CREATE TABLE nothing (n INTEGER, s VARCHAR)');
    await engine.run(`CREATE TABLE cancel AS SELECT * FROM (VALUES (1e16::DOUBLE), (1::DOUBLE), (-1e16::DOUBLE)) v(x)`);
    await engine.run(
      `CREATE TABLE extremes AS SELECT * FROM (VALUES (1e-300::DOUBLE, 1e300::DOUBLE), (3e-300::DOUBLE, -1e300::DOUBLE), (2e-300::DOUBLE, 1e300::DOUBLE)) v(tiny, huge)`,
    );
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('profiles every data column and never Winnow’s own', async () => {
    const profile = await profileTable(engine, 'kinds');
    expect(profile.dataset).toEqual({ rows: 3, columns: 13, exact: true, exactRowLimit: 1_000_000, patternSampleRows: 3, possiblePii: [] });
    expect(profile.columns.map((entry) => [entry.name, entry.kind])).toEqual([
      ['float', 'numeric'],
      ['money', 'numeric'],
      ['huge', 'numeric'],
      ['text', 'string'],
      ['flag', 'boolean'],
      ['clock', 'temporal'],
      ['moment', 'temporal'],
      ['bytes', 'other'],
      ['list', 'other'],
      ['all_null', 'numeric'],
      ['constant', 'numeric'],
      ['one_value', 'numeric'],
      ['we"ird ✓ name', 'string'],
    ]);
  });

  it('keeps exact extremes: big integers as text, times as text, decimals as numbers', async () => {
    const profile = await profileTable(engine, 'kinds');
    expect([column(profile, 'huge').min, column(profile, 'huge').max]).toEqual([-5, '170141183460469231731687303715884105727']);
    expect([column(profile, 'money').min, column(profile, 'money').max, column(profile, 'money').numeric?.mean]).toEqual([-0.75, 12.25, 11.5 / 3]);
    expect([column(profile, 'clock').min, column(profile, 'clock').max]).toEqual(['10:00:00', '23:59:59']);
    expect([column(profile, 'moment').min, column(profile, 'moment').max]).toEqual(['2023-06-30 00:00:00', '2024-01-01 10:00:00.123456']);
    expect(column(profile, 'bytes')).toEqual({
      name: 'bytes',
      type: 'BLOB',
      kind: 'other',
      count: 2,
      nulls: 1,
      nullFraction: 1 / 3,
      distinct: 2,
      distinctExact: true,
      min: null,
      max: null,
    });
    expect(column(profile, 'flag').top).toEqual({
      values: [
        { value: false, count: 1 },
        { value: true, count: 1 },
      ],
      other: 0,
    });
  });

  it('handles an all-null column, a constant column and a column with one value', async () => {
    const profile = await profileTable(engine, 'kinds');
    expect(column(profile, 'all_null')).toMatchObject({ count: 0, nulls: 3, nullFraction: 1, distinct: 0, min: null, max: null });
    expect(column(profile, 'all_null').numeric).toMatchObject({ mean: null, std: null, quantiles: [], histogram: null, zeros: 0, zerosFraction: 0 });
    expect(column(profile, 'constant').numeric).toMatchObject({ mean: 7, std: 0, histogram: { rule: 'constant', bins: 1, edges: [6.5, 7.5], counts: [3] } });
    expect(column(profile, 'constant').numeric!.quantiles.every((quantile) => quantile.value === 7)).toBe(true);
    expect(column(profile, 'one_value').numeric).toMatchObject({ mean: 1, std: null, histogram: { rule: 'constant', counts: [1] } });
    expect(column(profile, 'we"ird ✓ name')).toMatchObject({
      count: 3,
      distinct: 1,
      lengths: { min: 1, max: 1, mean: 1 },
      top: { values: [{ value: 'x', count: 3 }], other: 0 },
    });
  });

  it('profiles an empty table without failing', async () => {
    const profile = await profileTable(engine, 'nothing');
    expect(profile.dataset).toMatchObject({ rows: 0, columns: 2, patternSampleRows: 0 });
    expect(column(profile, 'n')).toMatchObject({
      count: 0,
      nulls: 0,
      nullFraction: 0,
      distinct: 0,
      min: null,
      numeric: { mean: null, std: null, quantiles: [], histogram: null },
    });
    expect(column(profile, 's')).toMatchObject({
      count: 0,
      lengths: null,
      top: { values: [], other: 0 },
      patterns: { sampled: 0, possiblePii: false, dominant: null },
    });
  });

  it('sums exactly where floating point cancels: the mean of 1e16, 1 and -1e16 is 1/3', async () => {
    const x = column(await profileTable(engine, 'cancel'), 'x').numeric!;
    // A double sum gives (1e16 + 1) - 1e16 = 0; pandas reports a mean of 0 here.
    expect(x.mean).toBe(1 / 3);
    expect(x.std).toBe(Math.sqrt(((1e16 - 1 / 3) ** 2 + (1 - 1 / 3) ** 2 + (-1e16 - 1 / 3) ** 2) / 2));
  });

  it('keeps means and deviations of magnitudes near the ends of the double range', async () => {
    const profile = await profileTable(engine, 'extremes');
    const tiny = column(profile, 'tiny').numeric!;
    expect(tiny.mean).toBe(2e-300);
    expect(Math.abs(tiny.std! - 1e-300)).toBeLessThan(1e-315);
    // Squared deviations of 1e-300 underflow and of 1e300 overflow a double: they are scaled first.
    const huge = column(profile, 'huge').numeric!;
    expect(Math.abs(huge.mean! - 1e300 / 3)).toBeLessThan(1e285);
    expect(Math.abs(huge.std! - Math.sqrt(4 / 3) * 1e300)).toBeLessThan(1e285);
  });

  it('takes a column list, a query in parentheses and its options', async () => {
    const profile = await profileTable(
      engine,
      '(SELECT * FROM kinds WHERE __winnow_row < 3)',
      [
        { name: 'float', type: 'FLOAT' },
        { name: 'text', type: 'VARCHAR' },
      ],
      { quantiles: [0.5], topK: 1 },
    );
    expect(profile.dataset.rows).toBe(2);
    expect(column(profile, 'float').numeric).toMatchObject({
      mean: -0.5,
      quantiles: [{ probability: 0.5, value: -0.5 }],
      negatives: 1,
      negativesFraction: 0.5,
    });
    expect(column(profile, 'text').top).toEqual({ values: [{ value: 'a', count: 1 }], other: 1 });
  });

  it('rejects options that make no sense', async () => {
    await expect(profileTable(engine, 'kinds', undefined, { quantiles: [1.5] })).rejects.toThrow(/\[0, 1\]/);
    await expect(profileTable(engine, 'kinds', undefined, { maxBins: 0 })).rejects.toThrow(/maxBins/);
    await expect(profileTable(engine, 'kinds', undefined, { topK: 2.5 })).rejects.toThrow(/topK/);
  });
});
