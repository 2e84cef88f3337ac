/**
 * The rules around the statistics: which columns are compared and how, the default method per
 * kind and sample size, the dataset verdict and the order `winnow drift` prints columns in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../node/engine/native-engine';
import { byDriftScore, columnDrift, comparedKind, defaultMethod, detectDrift, NotComparedError } from './drift';
import { columnKind } from './samples';
import type { ColumnDrift, Relation } from './types';

describe('column kinds', () => {
  it('compares numbers and times as numeric, text, booleans and enums as categorical', () => {
    for (const type of ['INTEGER', 'BIGINT', 'HUGEINT', 'UBIGINT', 'DOUBLE', 'FLOAT', 'DECIMAL(18,3)', 'DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE']) {
      expect(columnKind(type), type).toBe('numeric');
    }
    for (const type of ['VARCHAR', 'BOOLEAN', "ENUM('a', 'b')"]) expect(columnKind(type), type).toBe('categorical');
    for (const type of ['INTEGER[]', 'STRUCT(a INTEGER)', 'BLOB', 'TIME', 'UUID', 'MAP(VARCHAR, INTEGER)']) expect(columnKind(type), type).toBeNull();
  });

  it('says why a column is not compared', () => {
    const relation = (type: string): Relation => ({ table: 't', columns: [{ name: 'x', type }] });
    const reason = (baseline: Relation, current: Relation, column = 'x') => {
      try {
        comparedKind(baseline, current, column);
        return null;
      } catch (error) {
        return (error as NotComparedError).reason;
      }
    };
    expect(reason(relation('BIGINT'), relation('DOUBLE'))).toBeNull();
    expect(reason(relation('BIGINT'), relation('VARCHAR'))).toBe('numeric in the baseline (BIGINT) but categorical in the current data (VARCHAR)');
    expect(reason(relation('INTEGER[]'), relation('INTEGER[]'))).toBe('drift does not compare INTEGER[] columns');
    expect(reason({ table: 't', columns: [] }, relation('DOUBLE'))).toBe('not in the baseline');
    expect(reason(relation('DOUBLE'), { table: 't', columns: [] })).toBe('not in the current data');
  });
});

describe('default method', () => {
  it('is a test while the smaller sample has at most 1,000 values, an effect size beyond', () => {
    expect(defaultMethod('numeric', 1000, 1_000_000)).toBe('ks');
    expect(defaultMethod('numeric', 1001, 1001)).toBe('wasserstein');
    expect(defaultMethod('categorical', 50_000, 999)).toBe('chi2');
    expect(defaultMethod('categorical', 1001, 50_000)).toBe('js');
  });
});

describe('drift order', () => {
  const column = (name: string, drifted: boolean, score: number | null): ColumnDrift => ({
    column: name,
    drifted,
    score,
    type: 'numeric',
    method: 'ks',
    statistic: null,
    pValue: null,
    threshold: 0.05,
    baselineCount: 1,
    currentCount: 1,
    metrics: {},
  });

  it('puts drifted columns first, then by score, a column that lost all its values first', () => {
    const order = byDriftScore([
      column('a', false, 0.2),
      column('b', true, 3),
      column('c', true, null),
      column('d', true, 40),
      column('e', false, null),
      column('f', false, 0.9),
    ]);
    expect(order.map((found) => found.column)).toEqual(['c', 'd', 'b', 'f', 'a', 'e']);
  });
});

describe('dataset drift', () => {
  let engine: NativeEngine;
  const baseline: Relation = {
    table: 'rules_baseline',
    columns: [
      { name: 'steady', type: 'DOUBLE' },
      { name: 'moving', type: 'DOUBLE' },
      { name: 'kind', type: 'VARCHAR' },
      { name: 'tags', type: 'BIGINT[]' },
      { name: 'gone', type: 'DOUBLE' },
      { name: 'empty', type: 'DOUBLE' },
    ],
  };
  const current: Relation = {
    table: 'rules_current',
    columns: [...baseline.columns.filter((column) => column.name !== 'gone'), { name: 'new', type: 'DOUBLE' }],
  };

  beforeAll(async () => {
    engine = await NativeEngine.create({ threads: 2 });
    await engine.run(`
      CREATE TABLE rules_baseline AS SELECT (i % 17)::DOUBLE AS steady, (i % 13)::DOUBLE AS moving, ['x', 'y'][i % 2 + 1] AS kind,
        [i] AS tags, i::DOUBLE AS gone, NULL::DOUBLE AS empty FROM range(200) r(i);
      CREATE TABLE rules_current AS SELECT (i % 17)::DOUBLE AS steady, (i % 13)::DOUBLE + 5 AS moving, ['x', 'y', 'z'][i % 3 + 1] AS kind,
        [i] AS tags, CASE WHEN i < 3 THEN 1.0 END AS empty, i::DOUBLE AS new FROM range(300) r(i)`);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('lists skipped columns with reasons and counts the drifted share of the compared ones', async () => {
    const result = await detectDrift(engine, baseline, current);
    expect(result.columns.map((found) => [found.column, found.drifted])).toEqual([
      ['steady', false],
      ['moving', true],
      ['kind', true],
      ['empty', true],
    ]);
    expect(result.skipped).toEqual([
      { column: 'tags', reason: 'drift does not compare BIGINT[] columns' },
      { column: 'new', reason: 'not in the baseline' },
      { column: 'gone', reason: 'not in the current data' },
    ]);
    expect(result).toMatchObject({ driftShare: 0.75, maxShare: 0.5, drifted: true });
    expect((await detectDrift(engine, baseline, current, { maxShare: 0.75 })).drifted).toBe(false);
    expect((await detectDrift(engine, baseline, current, { columns: ['steady'] })).driftShare).toBe(0);
    await expect(detectDrift(engine, baseline, current, { columns: ['nope'] })).rejects.toThrow('no column "nope" in the baseline or the current data');
  });

  it('reports a side without values as drifted, with no statistic', async () => {
    expect(await columnDrift(engine, baseline, current, 'empty')).toMatchObject({
      statistic: null,
      drifted: true,
      note: 'no values in the baseline',
      metrics: {},
      baselineCount: 0,
      currentCount: 3,
    });
  });

  it('takes thresholds per method and refuses a method of the other kind', async () => {
    const loose = await detectDrift(engine, baseline, current, { columns: ['moving', 'kind'], thresholds: { ks: 1e-300, chi2: 1e-300 } });
    expect(loose.columns.map((found) => [found.threshold, found.drifted])).toEqual([
      [1e-300, false],
      [1e-300, false],
    ]);
    await expect(columnDrift(engine, baseline, current, 'kind', { method: 'wasserstein' })).rejects.toThrow(
      'method wasserstein does not apply to the categorical column "kind"',
    );
  });

  it('skips a categorical column with more categories than the limit', async () => {
    const result = await detectDrift(engine, baseline, current, { columns: ['kind'], maxCategories: 2 });
    expect(result.skipped).toEqual([{ column: 'kind', reason: 'more than 2 categories' }]);
  });
});
