/**
 * Drift against SciPy's reference values (reference/drift.json) on every fixture, on both
 * engines, and the two engines against each other: the same results, bit for bit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { WasmEngine } from '../../engine/wasm-engine';
import { NativeEngine } from '../../node/engine/native-engine';
import { categoryCounts } from './categories';
import { columnDrift, detectDrift } from './drift';
import { kolmogorovSmirnov } from './ks';
import { quantileBins } from './quantile-bins';
import { columnSamples } from './samples';
import { expectPValue, expectStatistic, loadFixture, reference } from '../../../testing/drift-fixtures';
import type { ColumnDrift, Relation } from './types';

const fixtures = Object.keys(reference.fixtures);

function testDriftReference(label: string, create: () => Promise<Engine>): void {
  describe(`drift against SciPy on ${label}`, () => {
    let engine: Engine;
    const loaded: Record<string, { baseline: Relation; current: Relation }> = {};

    beforeAll(async () => {
      engine = await create();
      for (const name of fixtures) loaded[name] = await loadFixture(engine, name);
    });
    afterAll(async () => {
      await engine?.close();
    });

    for (const name of fixtures) {
      for (const [column, expected] of Object.entries(reference.fixtures[name]!.columns)) {
        it(`${name}: ${column}`, async () => {
          const { baseline, current } = loaded[name]!;
          const result = await columnDrift(engine, baseline, current, column);
          expect(result.type).toBe(expected.type);
          expect([result.baselineCount, result.currentCount]).toEqual([expected.baselineCount, expected.currentCount]);
          if (expected.baselineCount === 0 || expected.currentCount === 0) {
            expect(result).toMatchObject({
              statistic: null,
              pValue: null,
              score: null,
              metrics: {},
              drifted: expected.baselineCount !== expected.currentCount,
            });
            return;
          }
          const samples = columnSamples(baseline, current, column, expected.type);
          const { metrics } = result;
          expectStatistic(metrics.psi, expected.psi!, 'psi');
          expectStatistic(metrics.js, expected.js!, 'js');
          if (expected.type === 'numeric') {
            const ks = await kolmogorovSmirnov(engine, samples);
            expect(ks.method).toBe(expected.ks!.method);
            expectStatistic(metrics.ks!.statistic, expected.ks!.statistic, 'ks statistic');
            expectPValue(metrics.ks!.pValue, expected.ks!.pValue, 'ks p-value');
            expectStatistic(metrics.wasserstein, expected.wasserstein!, 'wasserstein');
            expectStatistic(metrics.wassersteinNormalized, expected.wassersteinNormalized!, 'wassersteinNormalized');
            const bins = await quantileBins(engine, samples);
            expect(bins.baseline).toEqual(expected.baselineBins);
            expect(bins.current).toEqual(expected.currentBins);
            bins.edges.forEach((edge, index) => expectStatistic(edge, expected.edges![index]!, `edge ${index}`));
            expect(Object.keys(metrics).sort()).toEqual(['js', 'ks', 'psi', 'wasserstein', 'wassersteinNormalized']);
          } else {
            const counts = (await categoryCounts(engine, samples))!;
            expect(counts.categories).toEqual(expected.categories);
            expect(counts.baseline).toEqual(expected.baselineBins);
            expect(counts.current).toEqual(expected.currentBins);
            expectStatistic(metrics.chi2!.statistic, expected.chi2!.statistic, 'chi2 statistic');
            if (expected.chi2!.statistic === 0) expect(metrics.chi2!.pValue).toBe(1);
            else expectPValue(metrics.chi2!.pValue, expected.chi2!.pValue, 'chi2 p-value');
            expectStatistic(metrics.linf, expected.linf!, 'linf');
            expect(Object.keys(metrics).sort()).toEqual(['chi2', 'js', 'linf', 'psi']);
          }
        });
      }
    }

    it('chooses the documented default method and threshold per column', async () => {
      const flights = await detectDrift(engine, loaded['drift-flights']!.baseline, loaded['drift-flights']!.current);
      // 2,000 and 1,764 values: large enough for effect sizes to decide.
      expect(flights.columns.map((column) => [column.column, column.method, column.threshold])).toEqual([
        ['delay', 'wasserstein', 0.1],
        ['distance', 'wasserstein', 0.1],
        ['origin', 'js', 0.1],
        ['destination', 'js', 0.1],
      ]);
      const seattle = await detectDrift(engine, loaded['drift-seattle']!.baseline, loaded['drift-seattle']!.current);
      // 366 and 365 days: small enough for tests to decide.
      expect(seattle.columns.map((column) => [column.column, column.method, column.drifted])).toEqual([
        ['precipitation', 'ks', false],
        ['temp_max', 'ks', true],
        ['temp_min', 'ks', true],
        ['wind', 'ks', false],
        ['weather', 'chi2', true],
      ]);
      expect(seattle).toMatchObject({ driftShare: 0.6, maxShare: 0.5, drifted: true, skipped: [] });
      const weather = seattle.columns.find((column) => column.column === 'weather')!;
      expect(weather.statistic).toBe(weather.metrics.chi2!.statistic);
      expect(weather.pValue).toBe(weather.metrics.chi2!.pValue);
      expect(weather.score).toBeCloseTo(Math.log(weather.pValue!) / Math.log(0.05), 12);
    });
  });
}

testDriftReference('native', () => NativeEngine.create({ threads: 2 }));
testDriftReference('wasm', () => WasmEngine.createForNode());

describe('drift on native and wasm engines', () => {
  let native: NativeEngine;
  let wasm: WasmEngine;

  beforeAll(async () => {
    [native, wasm] = await Promise.all([NativeEngine.create({ threads: 2 }), WasmEngine.createForNode()]);
  });
  afterAll(async () => {
    await Promise.all([native?.close(), wasm?.close()]);
  });

  async function onBoth<T>(work: (engine: Engine) => Promise<T>): Promise<[T, T]> {
    return [await work(native), await work(wasm)];
  }

  it('give identical results on every fixture', async () => {
    for (const name of fixtures) {
      const [fromNative, fromWasm] = await onBoth(async (engine) => {
        const { baseline, current } = await loadFixture(engine, name);
        return detectDrift(engine, baseline, current);
      });
      expect(fromWasm, name).toEqual(fromNative);
    }
  });

  // Sums over many rows are where parallel aggregation would make the engines differ: 300,000
  // values per side, on two threads natively, one in wasm.
  it('give identical results on large data', async () => {
    const sql = (side: string, seed: number) => `CREATE OR REPLACE TABLE ${side} AS
      SELECT (hash(i + ${seed}) % 1000000) / 7919.0 + (CASE WHEN i % 3 = 0 THEN 40 ELSE 0 END) AS amount,
             (hash(i * 31 + ${seed}) % 4000)::BIGINT AS code,
             ['a', 'b', 'c', 'd', 'e'][(hash(i + ${seed} * 7) % 5)::INTEGER + 1] AS label,
             DATE '2020-01-01' + (hash(i + ${seed} * 3) % 1500)::INTEGER AS day
      FROM range(300000) r(i)`;
    const [fromNative, fromWasm] = await onBoth(async (engine) => {
      await engine.run(`${sql('big_baseline', 1)}; ${sql('big_current', 2)}`);
      const columns = [
        { name: 'amount', type: 'DOUBLE' },
        { name: 'code', type: 'BIGINT' },
        { name: 'label', type: 'VARCHAR' },
        { name: 'day', type: 'DATE' },
      ];
      return detectDrift(engine, { table: 'big_baseline', columns }, { table: 'big_current', columns });
    });
    expect(fromNative.columns.map((column: ColumnDrift) => column.method)).toEqual(['wasserstein', 'wasserstein', 'js', 'wasserstein']);
    expect(fromWasm).toEqual(fromNative);
  });
});
