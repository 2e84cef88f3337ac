/**
 * Profiles agree with pandas and numpy to the last digits: the values in
 * pipelines/stats/reference/profile.json were computed by pipelines/stats/reference/profile.py
 * (Debian's python3-pandas 1.5.3, numpy 1.24.2) over committed fixtures and real data from
 * vega-datasets. Exact statistics must agree to 1e-9 relative; counts, bins and top values exactly.
 * Every case runs on both engines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { patternNamed, PATTERNS, type PatternName } from './patterns';
import { profileTable } from './profile';
import { engines, loadDataset, ROOT } from '../../../testing/profile-fixtures';
import type { ColumnProfile, Profile } from './types';

interface ReferenceColumn {
  kind: string;
  count: number;
  nulls: number;
  distinct: number;
  min?: number | string | null;
  max?: number | string | null;
  mean?: number | null;
  std?: number | null;
  quantiles?: Record<string, number | null>;
  zeros?: number;
  negatives?: number;
  histogram?: { bins: number; edges: number[]; counts: number[] } | null;
  lengths?: { min: number; max: number; mean: number } | null;
  top?: { values: { value: string | boolean; count: number }[]; other: number };
  patterns?: Record<PatternName, number>;
}

interface Reference {
  quantiles: number[];
  maxBins: number;
  topK: number;
  patterns: Record<string, string>;
  datasets: Record<string, { path: string; rows: number; columns: Record<string, ReferenceColumn> }>;
}

const reference = JSON.parse(readFileSync(join(ROOT, 'pipelines/stats/reference/profile.json'), 'utf8')) as Reference;

const RELATIVE = 1e-9;

/** |actual - expected| <= 1e-9 * max(|actual|, |expected|); nulls must match. */
function expectClose(actual: number | string | null | undefined, expected: number | string | null | undefined, label: string): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, label).toBeNull();
    return;
  }
  if (typeof expected === 'string') {
    expect(actual, label).toBe(expected);
    return;
  }
  expect(typeof actual, label).toBe('number');
  const value = actual as number;
  expect(Math.abs(value - expected), `${label}: ${value} vs pandas ${expected}`).toBeLessThanOrEqual(RELATIVE * Math.max(Math.abs(value), Math.abs(expected)));
}

function compareColumn(actual: ColumnProfile, expected: ReferenceColumn, label: string): void {
  expect(actual.kind, `${label} kind`).toBe(expected.kind);
  expect({ count: actual.count, nulls: actual.nulls, distinct: actual.distinct }, label).toEqual({
    count: expected.count,
    nulls: expected.nulls,
    distinct: expected.distinct,
  });
  expect(actual.distinctExact).toBe(true);
  if ('min' in expected) expectClose(actual.min, expected.min, `${label} min`);
  if ('max' in expected) expectClose(actual.max, expected.max, `${label} max`);
  if (expected.kind === 'numeric') {
    const numeric = actual.numeric!;
    expectClose(numeric.mean, expected.mean, `${label} mean`);
    expectClose(numeric.std, expected.std, `${label} std`);
    expect(numeric.quantilesExact).toBe(true);
    const quantiles = Object.entries(expected.quantiles ?? {});
    expect(numeric.quantiles).toHaveLength(quantiles.length);
    for (const [probability, value] of quantiles) {
      expectClose(numeric.quantiles.find((quantile) => quantile.probability === Number(probability))?.value, value, `${label} quantile ${probability}`);
    }
    expect({ zeros: numeric.zeros, negatives: numeric.negatives }, label).toEqual({ zeros: expected.zeros, negatives: expected.negatives });
    if (expected.histogram === null) expect(numeric.histogram).toBeNull();
    else {
      const histogram = numeric.histogram!;
      expect(histogram.bins, `${label} bins`).toBe(expected.histogram!.bins);
      expect(histogram.counts, `${label} bin counts`).toEqual(expected.histogram!.counts);
      expected.histogram!.edges.forEach((edge, index) => expectClose(histogram.edges[index], edge, `${label} edge ${index}`));
    }
  }
  if (expected.kind === 'string') {
    if (expected.lengths === null) expect(actual.lengths).toBeNull();
    else {
      expect([actual.lengths?.min, actual.lengths?.max], `${label} lengths`).toEqual([expected.lengths!.min, expected.lengths!.max]);
      expectClose(actual.lengths?.mean, expected.lengths!.mean, `${label} mean length`);
    }
    expect(actual.patterns?.matches, `${label} patterns`).toEqual(expected.patterns);
  }
  if (expected.top) expect(actual.top, `${label} top values`).toEqual(expected.top);
}

it('the reference script uses the same pattern expressions as patterns.ts', () => {
  expect(reference.patterns).toEqual(Object.fromEntries(PATTERNS.map((pattern) => [pattern.name, patternNamed(pattern.name).regex])));
});

const profiles = new Map<string, Map<string, Profile>>();

describe.each(engines)('profiles agree with pandas on the %s engine', (label, create) => {
  let engine: Engine;
  const byDataset = new Map<string, Profile>();
  profiles.set(label, byDataset);

  beforeAll(async () => {
    engine = await create();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it.each(Object.entries(reference.datasets))('%s', async (name, dataset) => {
    const table = await loadDataset(engine, dataset.path, `reference_${name}`);
    const profile = await profileTable(engine, table, undefined, { quantiles: reference.quantiles, maxBins: reference.maxBins, topK: reference.topK });
    byDataset.set(name, profile);
    expect(profile.dataset.rows).toBe(dataset.rows);
    expect(profile.columns.map((column) => column.name)).toEqual(Object.keys(dataset.columns));
    for (const column of profile.columns) compareColumn(column, dataset.columns[column.name]!, `${name}.${column.name}`);
  });
});

describe('the reference profiles', () => {
  it('are identical on the native and the wasm engine', () => {
    const native = profiles.get('native')!;
    const wasm = profiles.get('wasm')!;
    expect(native.size).toBe(Object.keys(reference.datasets).length);
    for (const name of native.keys()) expect(wasm.get(name), name).toEqual(native.get(name));
  });
});
