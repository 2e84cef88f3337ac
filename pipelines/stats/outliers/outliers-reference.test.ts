/**
 * Every outlier case of pipelines/stats/reference/outliers.json (written by outliers.py with
 * numpy, scipy and pandas) on both engines: the statistics to 1e-9 relative, the flagged rows
 * exactly, and the two engines' results identical.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { ROW } from '../../table/rejects';
import { ident } from '../../sql';
import { closeTo, engines, loadFixture, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { iqrOutliers, iqrSql } from './iqr';
import { madOutliers, madSql } from './mad';
import type { OutlierMethod, OutlierSql, OutlierSummary } from './outliers';
import { zscoreOutliers, zscoreSql } from './zscore';

interface ReferenceCase {
  fixture: string;
  column: string;
  method: OutlierMethod;
  threshold: number | null;
  parameter: number;
  values: number;
  outliers: number;
  statistics: Record<string, number | null>;
  lower: number | null;
  upper: number | null;
  flagged: number[];
}

const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}outliers.json`, 'utf8')) as {
  fixtures: Record<string, Record<string, string>>;
  cases: ReferenceCase[];
};

/** A table name per fixture file: outliers-flights.csv -> outliers_flights. */
const tableOf = (fixture: string) => fixture.replace(/\.csv$/, '').replaceAll('-', '_');

/** The rule's summary and the row numbers its row condition flags. */
async function evaluate(engine: Engine, { fixture, column, method, threshold }: ReferenceCase): Promise<{ summary: OutlierSummary; flagged: number[] }> {
  const table = ident(tableOf(fixture));
  const option = threshold ?? undefined;
  let summary: OutlierSummary;
  let sql: OutlierSql;
  if (method === 'zscore')
    [summary, sql] = [await zscoreOutliers(engine, table, column, { threshold: option }), zscoreSql(table, column, { threshold: option })];
  else if (method === 'iqr') [summary, sql] = [await iqrOutliers(engine, table, column, { k: option }), iqrSql(table, column, { k: option })];
  else [summary, sql] = [await madOutliers(engine, table, column, { threshold: option }), madSql(table, column, { threshold: option })];
  const rows = await engine.query(`SELECT ${ident(ROW)} AS r FROM ${table} WHERE coalesce((${sql.domain}) AND (${sql.failing}), FALSE) ORDER BY r`);
  return { summary, flagged: rows.map((row) => Number(row.r)) };
}

const results = new Map<string, Map<string, Awaited<ReturnType<typeof evaluate>>>>();
const label = (item: ReferenceCase) => `${item.fixture} ${item.column} ${item.method}${item.threshold === null ? '' : ` ${item.threshold}`}`;

describe('outlier rules against numpy, scipy and pandas', () => {
  const made: [string, Engine][] = [];

  beforeAll(async () => {
    for (const [name, create] of engines) {
      const engine = await create();
      made.push([name, engine]);
      for (const [fixture, types] of Object.entries(reference.fixtures)) await loadFixture(engine, fixture, tableOf(fixture), types);
      const byCase = new Map<string, Awaited<ReturnType<typeof evaluate>>>();
      for (const item of reference.cases) byCase.set(label(item), await evaluate(engine, item));
      results.set(name, byCase);
    }
  });
  afterAll(async () => {
    await Promise.all(made.map(([, engine]) => engine.close()));
  });

  for (const [engineName] of engines) {
    describe(`on ${engineName}`, () => {
      for (const item of reference.cases) {
        it(label(item), () => {
          const { summary, flagged } = results.get(engineName)!.get(label(item))!;
          expect(flagged).toEqual(item.flagged);
          expect(summary).toMatchObject({ method: item.method, column: item.column, threshold: item.parameter, values: item.values, outliers: item.outliers });
          for (const [name, expected] of Object.entries(item.statistics)) {
            expect(closeTo(summary.statistics[name] ?? null, expected), `${name}: ${summary.statistics[name]} vs ${expected}`).toBe(true);
          }
          expect(closeTo(summary.lower, item.lower), `lower: ${summary.lower} vs ${item.lower}`).toBe(true);
          expect(closeTo(summary.upper, item.upper), `upper: ${summary.upper} vs ${item.upper}`).toBe(true);
        });
      }
    });
  }

  it('gives identical results on native and wasm, to the last bit', () => {
    expect(results.get('wasm')).toEqual(results.get('native'));
  });
});
