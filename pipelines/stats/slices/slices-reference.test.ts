/**
 * Every slice case of pipelines/stats/reference/slices.json (written by slices.py with pandas,
 * scikit-learn and scipy) on both engines: counts exactly, every statistic and interval bound to
 * 1e-9 relative, the same slices in the same order, the same flags; and the two engines' reports
 * identical to the last bit.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { ident } from '../../sql';
import { closeTo, engines, loadFixture, REFERENCE_DIR } from '../reference/test-support';
import type { SliceKey } from './binning';
import { POISSON_THRESHOLDS } from './bootstrap';
import { computeSlices } from './slices';
import type { Estimate, Slice, SliceOptions, SliceReport } from './types';
import { Z_95 } from './wilson';

type ReferenceKey = { column: string; bin: number | null } | { column: string; value: string | number | boolean | null };

interface ReferenceSlice extends Omit<Slice, 'keys' | 'name' | 'calibration'> {
  keys: ReferenceKey[];
  calibration?: { bin: number; rows: number; meanScore: number; observed: number }[];
}

interface ReferenceCase {
  name: string;
  fixture: string;
  options: SliceOptions;
  report: Omit<SliceReport, 'by' | 'label' | 'prediction' | 'score' | 'settings' | 'overall' | 'slices'> & { overall: ReferenceSlice; slices: ReferenceSlice[] };
}

const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}slices.json`, 'utf8')) as {
  defaults: SliceReport['settings'];
  z: number;
  poissonThresholds: number[];
  fixtures: Record<string, Record<string, string>>;
  cases: ReferenceCase[];
};

const tableOf = (fixture: string) => fixture.replace(/\.csv$/, '').replaceAll('-', '_');

/** A slice key as slices.py writes it: on a binned column the bin's index (null for missing values), else the value. */
const asReferenceKey =
  (binned: Record<string, number[]>) =>
  (key: SliceKey): ReferenceKey =>
    key.column in binned ? { column: key.column, bin: key.bin?.index ?? null } : { column: key.column, value: key.value };

function expectClose(actual: number | null | undefined, expected: number | null, label: string): void {
  expect(actual, label).not.toBeUndefined();
  expect(closeTo(actual ?? null, expected), `${label}: ${actual} vs ${expected}`).toBe(true);
}

function expectEstimate(actual: Estimate | undefined, expected: Estimate, label: string): void {
  expect(actual, label).toBeDefined();
  expect({ n: actual!.n, interval: actual!.interval }, label).toEqual({ n: expected.n, interval: expected.interval });
  expectClose(actual!.value, expected.value, `${label} value`);
  expectClose(actual!.lower, expected.lower, `${label} lower`);
  expectClose(actual!.upper, expected.upper, `${label} upper`);
}

function expectSlice(actual: Slice, expected: ReferenceSlice, label: string, binned: Record<string, number[]>): void {
  expect(actual.keys.map(asReferenceKey(binned)), label).toEqual(expected.keys);
  expect(actual.rows, `${label} rows`).toBe(expected.rows);
  expectClose(actual.share, expected.share, `${label} share`);
  expect(Object.keys(actual.nullRates)).toEqual(Object.keys(expected.nullRates));
  for (const [column, rate] of Object.entries(expected.nullRates)) expectClose(actual.nullRates[column], rate, `${label} null rate of ${column}`);
  expect(actual.labels?.map(({ value, rows }) => ({ value, rows })), `${label} labels`).toEqual(expected.labels?.map(({ value, rows }) => ({ value, rows })));
  for (const [index, share] of (expected.labels ?? []).entries()) expectClose(actual.labels![index]!.share, share.share, `${label} label share`);
  if (expected.positiveRate) expectEstimate(actual.positiveRate, expected.positiveRate, `${label} positive rate`);
  else expect(actual.positiveRate).toBeUndefined();
  expect(Object.keys(actual.metrics ?? {}).sort(), `${label} metrics`).toEqual(Object.keys(expected.metrics ?? {}).sort());
  for (const [name, estimate] of Object.entries(expected.metrics ?? {})) expectEstimate(actual.metrics![name as keyof Slice['metrics']], estimate, `${label} ${name}`);
  expect(actual.calibration?.map((bin) => [bin.bin, bin.rows]), `${label} calibration`).toEqual(expected.calibration?.map((bin) => [bin.bin, bin.rows]));
  for (const [index, bin] of (expected.calibration ?? []).entries()) {
    expectClose(actual.calibration![index]!.meanScore, bin.meanScore, `${label} calibration bin ${bin.bin} mean score`);
    expectClose(actual.calibration![index]!.observed, bin.observed, `${label} calibration bin ${bin.bin} observed`);
  }
  expect(actual.worse, `${label} worse`).toEqual(expected.worse);
}

const reports = new Map<string, Map<string, SliceReport>>();

describe('slices against pandas, scikit-learn and scipy', () => {
  const made: Engine[] = [];

  beforeAll(async () => {
    for (const [engineName, create] of engines) {
      const engine = await create();
      made.push(engine);
      for (const [fixture, types] of Object.entries(reference.fixtures)) await loadFixture(engine, fixture, tableOf(fixture), types);
      const byCase = new Map<string, SliceReport>();
      for (const item of reference.cases) byCase.set(item.name, await computeSlices(engine, ident(tableOf(item.fixture)), item.options));
      reports.set(engineName, byCase);
    }
  });
  afterAll(async () => {
    await Promise.all(made.map((engine) => engine.close()));
  });

  it('uses the reference’s z, Poisson thresholds and defaults', () => {
    expect(Z_95).toBe(reference.z);
    expect(POISSON_THRESHOLDS).toEqual(reference.poissonThresholds);
    const { settings } = reports.get('native')!.get('penguins-sex-by-species')!;
    expect(settings).toEqual({ ...reference.defaults, confidence: 0.95 });
  });

  for (const [engineName] of engines) {
    describe(`on ${engineName}`, () => {
      for (const item of reference.cases) {
        it(item.name, () => {
          const report = reports.get(engineName)!.get(item.name)!;
          const expected = item.report;
          expect({ rows: report.rows, task: report.task, positive: report.positive, classes: report.classes, average: report.average }).toEqual({
            rows: expected.rows,
            task: expected.task,
            positive: expected.positive,
            classes: expected.classes,
            average: expected.average,
          });
          expect(Object.keys(report.binned)).toEqual(Object.keys(expected.binned));
          for (const [column, edges] of Object.entries(expected.binned)) {
            expect(report.binned[column]).toHaveLength(edges.length);
            edges.forEach((edge, index) => expectClose(report.binned[column]![index], edge, `${column} edge ${index}`));
          }
          expectSlice(report.overall, expected.overall, 'all', report.binned);
          expect(report.slices.map((slice) => slice.keys.map(asReferenceKey(report.binned)))).toEqual(expected.slices.map((slice) => slice.keys));
          report.slices.forEach((slice, index) => expectSlice(slice, expected.slices[index]!, slice.name, report.binned));
        });
      }
    });
  }

  it('gives identical reports on native and wasm, to the last bit', () => {
    expect(reports.get('wasm')).toEqual(reports.get('native'));
  });
});
