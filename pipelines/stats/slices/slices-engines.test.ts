/**
 * Slices on both engines: the same report to the last bit on a 300,000-row table (three row
 * groups, so native DuckDB aggregates and bootstraps in parallel), and the edge cases the
 * reference fixtures do not reach: an empty table, a table without Winnow's row numbers,
 * non-finite values, scores outside [0, 1], positives of typed labels, options that cannot work;
 * and the tests against the rest of the rows on a region whose model is worse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { engines } from '../../../testing/reference-fixtures';
import { computeSlices, SliceOptionError } from './slices';
import type { SliceOptions, SliceReport } from './types';

/** 300,000 hash-scattered rows with a model whose quality depends on the region. */
const LARGE = `
  CREATE TABLE large AS
  SELECT
    i + 1 AS __winnow_row,
    ['north', 'south', 'east', 'west', NULL][1 + CAST(hash(i, 'r') % 5 AS INTEGER)] AS region,
    CASE WHEN i % 97 = 0 THEN NULL ELSE CAST(hash(i, 'a') % 100000 AS DOUBLE) / 1000 END AS amount,
    CAST(hash(i, 'l') % 3 = 0 AS INTEGER) AS churned,
    CASE WHEN hash(i, 'q') % 100 < (CASE region WHEN 'east' THEN 60 ELSE 85 END) THEN churned ELSE 1 - churned END AS predicted,
    CASE WHEN i % 89 = 0 THEN NULL ELSE least(1.0, greatest(0.0, 0.25 + 0.5 * predicted + (CAST(hash(i, 's') % 1000 AS DOUBLE) - 500) / 2500)) END AS score
  FROM range(300000) r(i)`;

const SMALL = `
  CREATE TABLE small AS
  SELECT * FROM (VALUES
    ('a', 1.5::DOUBLE, 1, 1.0::DOUBLE, 0.9::DOUBLE, true, 1),
    ('a', '-inf'::DOUBLE, 0, 0.0, 0.2, false, 0),
    ('b', 'inf'::DOUBLE, 1, 1.0, 1.5, true, 0),
    ('b', 'nan'::DOUBLE, 0, 1.0, 'nan'::DOUBLE, NULL, 1),
    ('b', 2.5, 1, 0.0, -0.25, false, 1),
    ('c', 3.5, NULL, 1.0, 0.6, true, 1),
    ('c', NULL, 0, 0.0, 0.3, false, 0),
    ('c', 4.5, 1, 1.0, 0.8, true, 1)
  ) t(grp, x, label, label_double, score, flag, predicted)`;

describe('slices on native and wasm', () => {
  const made = new Map<string, Engine>();
  const onEach = async (table: string, options: SliceOptions) => {
    const results = new Map<string, SliceReport>();
    for (const [label, engine] of made) results.set(label, await computeSlices(engine, table, options));
    return results;
  };

  beforeAll(async () => {
    for (const [label, create] of engines) {
      const engine = await create();
      made.set(label, engine);
      await engine.run(LARGE);
      await engine.run(SMALL);
      await engine.run('CREATE TABLE empty AS SELECT * FROM small LIMIT 0');
    }
  });
  afterAll(async () => {
    await Promise.all([...made.values()].map((engine) => engine.close()));
  });

  it('are identical on 300,000 rows, bootstrap included, and flag the region where the model is worse', async () => {
    const reports = await onEach('large', { by: ['region', 'amount'], label: 'churned', prediction: 'predicted', score: 'score', bootstrap: 20, seed: 5 });
    const native = reports.get('native')!;
    expect(reports.get('wasm')).toEqual(native);
    expect(native).toMatchObject({ rows: 300000, task: 'binary', positive: '1', average: 'binary' });
    expect(native.slices).toHaveLength(5 * 6);
    const byRegion = await onEach('large', { by: ['region'], label: 'churned', prediction: 'predicted', bootstrap: 20, seed: 5 });
    expect(byRegion.get('wasm')).toEqual(byRegion.get('native'));
    const east = byRegion.get('native')!.slices.find((slice) => slice.name === 'region=east')!;
    expect(east.worse).toEqual(expect.arrayContaining(['accuracy', 'f1']));
    expect(east.tests.accuracy).toMatchObject({ test: 'fisher-exact', alternative: 'worse', flagged: true });
    expect(east.tests.f1).toMatchObject({ test: 'bootstrap-z', flagged: true });
    expect(
      byRegion
        .get('native')!
        .slices.filter((slice) => slice.worse.includes('accuracy'))
        .map((slice) => slice.name),
    ).toEqual(['region=east']);
    // Five regions (NULL is one), four metrics each: one family of twenty.
    expect(byRegion.get('native')!.familySize).toBe(20);
  });

  it('slice an empty table into nothing, with the whole table at 0 rows', async () => {
    for (const report of (await onEach('empty', { by: ['grp'], label: 'label', prediction: 'predicted', score: 'score' })).values()) {
      expect(report.rows).toBe(0);
      expect(report.slices).toEqual([]);
      expect(report.overall).toMatchObject({ name: 'all', rows: 0, share: 0, worse: [] });
      expect(report.overall.metrics!.accuracy).toEqual({ value: null, lower: null, upper: null, n: 0, interval: null });
    }
  });

  it('bin −∞ with the lowest values, +∞ with the highest, NaN with the missing; a column of few values slices by value', async () => {
    const reports = await onEach('small', { by: ['x'], bins: 2 });
    expect(reports.get('wasm')).toEqual(reports.get('native'));
    const report = reports.get('native')!;
    expect(report.binned).toEqual({ x: [1.5, 3, 4.5] });
    expect(report.slices.map((slice) => [slice.name, slice.rows])).toEqual([
      ['x=[1.5, 3]', 3],
      ['x=(3, 4.5]', 3],
      ['x=null', 2],
    ]);
    const byValue = (await onEach('small', { by: ['x'], bins: 5 })).get('native')!;
    expect(byValue.binned).toEqual({});
    expect(byValue.slices.map((slice) => slice.keys[0]!.value)).toEqual([-Infinity, 1.5, 2.5, 3.5, 4.5, Infinity, NaN, null]);
  });

  it('leave scores outside [0, 1] out of ECE, and take a DOUBLE label’s positive “1” as 1.0', async () => {
    const reports = await onEach('small', { by: ['grp'], label: 'label_double', score: 'score', positive: 1, bootstrap: 0 });
    expect(reports.get('wasm')).toEqual(reports.get('native'));
    const report = reports.get('native')!;
    expect(report).toMatchObject({ task: 'binary', positive: '1.0', classes: ['0.0', '1.0'] });
    // Scores 1.5, NaN and −0.25 are out; five rows remain.
    expect(report.overall.metrics!.ece).toMatchObject({ n: 5, interval: null });
    const hits = [1, 0, 1, 0, 1];
    const scores = [0.9, 0.2, 0.6, 0.3, 0.8];
    const bins = new Map<number, { rows: number; gap: number }>();
    scores.forEach((score, index) => {
      const bin = Math.min(Math.floor(score * 10), 9);
      const entry = bins.get(bin) ?? { rows: 0, gap: 0 };
      bins.set(bin, { rows: entry.rows + 1, gap: entry.gap + hits[index]! - score });
    });
    const expected = [...bins.values()].reduce((sum, bin) => sum + Math.abs(bin.gap), 0) / 5;
    expect(report.overall.metrics!.ece!.value).toBeCloseTo(expected, 15);
    expect(report.overall.positiveRate).toMatchObject({ value: 5 / 8, n: 8, interval: 'wilson' });
  });

  it('bootstrap a table without Winnow’s row numbers by its rows’ content, the same way on both engines', async () => {
    const options: SliceOptions = { by: ['flag'], label: 'label', prediction: 'predicted', bootstrap: 50, seed: 1 };
    const reports = await onEach('small', options);
    expect(reports.get('wasm')).toEqual(reports.get('native'));
    expect((await onEach('small', options)).get('native')).toEqual(reports.get('native'));
    const reseeded = (await onEach('small', { ...options, seed: 2 })).get('native')!;
    expect(reports.get('native')!.overall.metrics!.f1).toMatchObject({ value: 0.75, n: 7, interval: 'bootstrap' });
    expect(reseeded.overall.metrics!.f1!.value).toBe(reports.get('native')!.overall.metrics!.f1!.value);
    expect(reseeded.overall.metrics!.f1).not.toEqual(reports.get('native')!.overall.metrics!.f1);
  });

  it('refuse options that cannot work, naming the option', async () => {
    const engine = made.get('native')!;
    const fails = async (options: SliceOptions, field: string, message: RegExp) => {
      const error = await computeSlices(engine, 'small', options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SliceOptionError);
      expect(error).toMatchObject({ field, message: expect.stringMatching(message) });
    };
    await fails({ by: ['grp', 'x', 'flag'] }, 'by', /one column or two/);
    await fails({ by: ['group'] }, 'by', /no column "group"/);
    await fails({ by: ['grp'], prediction: 'label' }, 'prediction', /needs the label/);
    await fails({ by: ['grp'], label: 'grp', score: 'score' }, 'score', /confidence of the prediction/);
    await fails({ by: ['grp'], label: 'label', positive: 'yes' }, 'positive', /not a INTEGER value/);
    await fails({ by: ['grp'], bins: 1 }, 'bins', /integer from 2/);
    await fails({ by: ['grp'], bootstrap: -1 }, 'bootstrap', /integer from 0/);
    await fails({ by: ['grp'], label: 'label', prediction: 'x' }, 'prediction', /"x" holds (1\.5|-?inf|nan), which no integer of "label" equals/);
    await fails(
      { by: ['grp'], label: 'label', prediction: 'grp' },
      'prediction',
      /"label" is INTEGER \("\d"\) while "grp" is VARCHAR \("[abc]"\): text equals only text/,
    );
    await fails({ by: ['grp'], correction: 'bonferroni' as SliceOptions['correction'] }, 'correction', /holm, bh or none/);
    await fails({ by: ['grp'], alpha: 1 }, 'alpha', /between 0 and 1/);
    await fails({ by: ['grp'], tests: ['ece' as 'f1'] }, 'tests', /ECE is not tested/);
    await fails({ by: ['grp'], tests: ['auc' as 'f1'] }, 'tests', /not auc/);
    const error = await computeSlices(engine, 'large', { by: ['region'], label: 'amount' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ field: 'label', message: expect.stringMatching(/more than 1000 distinct values/) });
  });
});
