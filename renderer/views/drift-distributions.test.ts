import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WasmEngine } from '../../pipelines/engine/wasm-engine';
import { ksStatisticSql } from '../../pipelines/stats/drift/ks';
import { columnSamples } from '../../pipelines/stats/drift/samples';
import type { Relation } from '../../pipelines/stats/drift/types';
import { queryOne } from '../../pipelines/table/column';
import { categoryShares, ecdfCurves, numericHistograms, planBins, sparklineShares } from '../../pipelines/charts/drift-distributions';
import { splitRelations, splitValues } from './split-relations';

let engine: WasmEngine;

beforeAll(async () => {
  engine = await WasmEngine.createForNode();
  // Whole numbers 1..100 against 51..150; hash-scattered doubles with a long upper tail; categories.
  await engine.run(`
    CREATE TABLE base AS SELECT i AS n, (hash(i) % 1000) / 10.0 + CASE WHEN i % 97 = 0 THEN 5000 ELSE 0 END AS x, ['a', 'a', 'a', 'b'][i % 4 + 1] AS c, 'train' AS part
      FROM range(1, 101) r(i);
    CREATE TABLE cur AS SELECT i + 50 AS n, (hash(i + 7) % 1000) / 8.0 AS x, ['a', 'b', 'c', 'c'][i % 4 + 1] AS c, 'test' AS part FROM range(1, 101) r(i);
    CREATE TABLE both_parts AS SELECT * FROM base UNION ALL SELECT * FROM cur;
  `);
});

afterAll(async () => {
  await engine?.close();
});

const columns = [
  { name: 'n', type: 'BIGINT' },
  { name: 'x', type: 'DOUBLE' },
  { name: 'c', type: 'VARCHAR' },
  { name: 'part', type: 'VARCHAR' },
];
const baseline: Relation = { table: 'base', columns };
const current: Relation = { table: 'cur', columns };

describe('planning shared bins', () => {
  it('gives whole numbers over a short range one bin per value', () => {
    expect(planBins({ count: 10, min: 1, max: 7, lowQuantile: 1, highQuantile: 7, integral: true }, 30)).toEqual({
      start: 0.5,
      width: 1,
      count: 7,
      openLow: false,
      openHigh: false,
    });
  });

  it('folds a long tail into the outer bin and keeps whole-number bins whole', () => {
    const plan = planBins({ count: 1000, min: -120, max: 1500, lowQuantile: -30, highQuantile: 270, integral: true }, 30);
    expect(plan).toEqual({ start: -30, width: 10, count: 31, openLow: true, openHigh: true });
  });

  it('keeps short tails and gives a constant one bin', () => {
    expect(planBins({ count: 5, min: 0, max: 1, lowQuantile: 0.01, highQuantile: 0.99, integral: false }, 4)).toEqual({
      start: 0,
      width: 0.25,
      count: 4,
      openLow: false,
      openHigh: false,
    });
    expect(planBins({ count: 5, min: 2.5, max: 2.5, lowQuantile: 2.5, highQuantile: 2.5, integral: false }, 4)).toEqual({
      start: 2,
      width: 1,
      count: 1,
      openLow: false,
      openHigh: false,
    });
  });
});

describe('drift distributions in SQL', () => {
  it('bins both sides on shared edges, every value in a bin, shares summing to 1', async () => {
    const histograms = await numericHistograms(engine, columnSamples(baseline, current, 'x', 'numeric'), { bins: 20 });
    expect(histograms.baseline.map((bin) => bin.x1)).toEqual(histograms.current.map((bin) => bin.x1));
    expect(histograms.baseline.reduce((sum, bin) => sum + bin.count, 0)).toBe(100);
    expect(histograms.current.reduce((sum, bin) => sum + bin.count, 0)).toBe(100);
    expect(histograms.current.reduce((sum, bin) => sum + bin.share, 0)).toBeCloseTo(1, 12);
    // The one value of 5,000-odd is a long tail: folded into the last bin, not stretching the axis.
    expect(histograms.baseline.at(-1)).toMatchObject({ openHigh: true });
    expect(histograms.baseline.at(-1)!.x2).toBeLessThan(200);
  });

  it('gives whole numbers whole bins', async () => {
    const histograms = await numericHistograms(engine, columnSamples(baseline, current, 'n', 'numeric'), { bins: 30 });
    expect(histograms.baseline[0]).toMatchObject({ x1: 1, x2: 6, count: 5 });
    expect(histograms.current.find((bin) => bin.x1 === 51)).toMatchObject({ count: 5 });
  });

  it('marks the KS distance where the ECDFs are furthest apart, equal to the KS statistic', async () => {
    const samples = columnSamples(baseline, current, 'n', 'numeric');
    const curves = await ecdfCurves(engine, samples);
    // D = 0.5 all the way from 50 to 100: the first such value is marked.
    expect(curves.ks).toEqual({ x: 50, baseline: 0.5, current: 0, distance: 0.5 });
    expect(curves.baseline.at(-1)).toEqual({ x: 150, p: 1 });
    expect(curves.current[0]).toEqual({ x: 1, p: 0 });

    const scattered = columnSamples(baseline, current, 'x', 'numeric');
    const thinned = await ecdfCurves(engine, scattered, { points: 20 });
    const { statistic } = await queryOne(engine, ksStatisticSql(scattered));
    expect(thinned.ks!.distance).toBe(Number(statistic));
    expect(thinned.baseline.length).toBeLessThan(40);
    expect(thinned.baseline.some((point) => point.x === thinned.ks!.x)).toBe(true);
  });

  it('has no ECDFs or KS mark when a side is empty', async () => {
    const empty = { table: '(SELECT * FROM base WHERE false)', columns };
    expect(await ecdfCurves(engine, columnSamples(empty, current, 'x', 'numeric'))).toEqual({ baseline: [], current: [], ks: null });
    expect((await numericHistograms(engine, columnSamples(empty, current, 'x', 'numeric'))).baseline.every((bin) => bin.count === 0)).toBe(true);
  });

  it('shares categories on both sides, the rest as other', async () => {
    const samples = columnSamples(baseline, current, 'c', 'categorical');
    const all = await categoryShares(engine, samples);
    expect(all.baseline).toEqual([
      { category: 'a', count: 75, share: 0.75 },
      { category: 'c', count: 0, share: 0 },
      { category: 'b', count: 25, share: 0.25 },
    ]);
    expect(all.current.map((entry) => entry.share)).toEqual([0.25, 0.5, 0.25]);
    const top = await categoryShares(engine, samples, { limit: 1 });
    expect(top.current).toEqual([
      { category: 'a', count: 25, share: 0.25 },
      { category: '(other 2)', count: 75, share: 0.75 },
    ]);
    expect(await sparklineShares(engine, samples)).toEqual({ baseline: [0.75, 0, 0.25], current: [0.25, 0.5, 0.25] });
  });
});

describe('a split of one table', () => {
  it('lists the values and makes two views without the split column', async () => {
    expect(await splitValues(engine, 'both_parts', 'part')).toEqual([
      { value: 'test', rows: 100 },
      { value: 'train', rows: 100 },
    ]);
    const sides = await splitRelations(engine, { table: 'both_parts', columns }, 'part', 'train', 'test');
    expect(sides.baseline.columns.map((column) => column.name)).toEqual(['n', 'x', 'c']);
    expect(await engine.query(`SELECT min(n) AS lo, max(n) AS hi FROM ${sides.current.table}`)).toEqual([{ lo: 51, hi: 150 }]);
    const again = await splitRelations(engine, { table: 'both_parts', columns }, 'part', 'test', "it's");
    expect(await engine.query(`SELECT count(*) AS n FROM ${again.current.table}`)).toEqual([{ n: 0 }]);
  });
});
