/**
 * Test support: the SciPy reference values (pipelines/stats/reference/drift.json, written by
 * drift.py beside it), the fixtures they were computed on, and the tolerances the drift issue
 * sets: exact statistics to 1e-9 relative, p-values to 1e-6 relative.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Engine } from '../pipelines/engine/engine';
import { ident, literal } from '../pipelines/sql';
import type { Relation } from '../pipelines/stats/drift/types';

export const REFERENCE_DIR = fileURLToPath(new URL('../pipelines/stats/reference', import.meta.url));

export interface ReferenceColumn {
  type: 'numeric' | 'categorical';
  baselineCount: number;
  currentCount: number;
  ks?: { statistic: number; pValue: number; method: 'exact' | 'asymp' };
  chi2?: { statistic: number; pValue: number; dof: number };
  wasserstein?: number;
  wassersteinNormalized?: number;
  baselineStd?: number;
  pooledStd?: number;
  edges?: number[];
  categories?: string[];
  baselineBins?: number[];
  currentBins?: number[];
  psi?: number;
  js?: number;
  linf?: number;
}

export interface ReferenceFixture {
  types: Record<string, string>;
  rows: { baseline: number; current: number };
  columns: Record<string, ReferenceColumn>;
}

export interface Reference {
  settings: { bins: number; psiEpsilon: number };
  fixtures: Record<string, ReferenceFixture>;
  ksExact: { n1: number; n2: number; d: number; success: boolean; pValue: number | null }[];
  kstwoSf: { n: number; x: number; sf: number }[];
  smirnovSf: { n: number; x: number; sf: number }[];
}

export const reference: Reference = JSON.parse(readFileSync(join(REFERENCE_DIR, 'drift.json'), 'utf8'));

/** Agreement to `relative` of the expected value (exactly, for 0). */
export function expectRelative(actual: number | null | undefined, expected: number, relative: number, label = ''): void {
  expect(actual, label).not.toBeNull();
  expect(actual, label).not.toBeUndefined();
  const difference = Math.abs((actual as number) - expected);
  if (difference > relative * Math.abs(expected)) {
    expect.fail(`${label}: ${actual} differs from ${expected} by ${difference} (relative ${difference / Math.abs(expected)}, allowed ${relative})`);
  }
}

/** Exact statistics: 1e-9 relative. */
export const expectStatistic = (actual: number | null | undefined, expected: number, label?: string) => expectRelative(actual, expected, 1e-9, label);
/** P-values: 1e-6 relative. */
export const expectPValue = (actual: number | null | undefined, expected: number, label?: string) => expectRelative(actual, expected, 1e-6, label);

/**
 * Loads a fixture's baseline.csv and current.csv into two tables named after the fixture, with
 * the column types drift.py declared.
 */
export async function loadFixture(engine: Engine, name: string): Promise<{ baseline: Relation; current: Relation }> {
  const fixture = reference.fixtures[name];
  if (!fixture) throw new Error(`no fixture ${name}`);
  const columns = Object.entries(fixture.types).map(([column, type]) => ({ name: column, type }));
  const spec = `{${columns.map((column) => `${literal(column.name)}: ${literal(column.type)}`).join(', ')}}`;
  const sides = {} as { baseline: Relation; current: Relation };
  for (const side of ['baseline', 'current'] as const) {
    const table = ident(`${name}_${side}`);
    const path = join(REFERENCE_DIR, 'fixtures', name, `${side}.csv`);
    await engine.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv(${literal(path)}, header = true, columns = ${spec})`);
    sides[side] = { table, columns };
  }
  return sides;
}
