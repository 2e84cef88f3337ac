/**
 * describeObserved on the observed objects the checks produce: each is made by running the check
 * (runOnRows, on duckdb-wasm), so a change to a check's `observed` shows here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../pipelines/engine/engine';
import { WasmEngine } from '../../pipelines/engine/wasm-engine';
import { runOnRows } from '../../testing/rows-kit';
import type { StepResult } from '../../pipelines/run/results';
import type { StepSpec } from '../../pipelines/spec/types';
import type { Column } from '../../pipelines/table/column';
import { describeObserved, type ObservedEntry } from './observed';

const columns: Column[] = [
  { name: 'id', type: 'INTEGER' },
  { name: 'delay', type: 'DOUBLE' },
  { name: 'origin', type: 'VARCHAR' },
  { name: 'contact', type: 'VARCHAR' },
  { name: 'departed', type: 'TIMESTAMP' },
  { name: 'label', type: 'VARCHAR' },
  { name: 'predicted', type: 'VARCHAR' },
  { name: 'ann', type: 'VARCHAR' },
  { name: 'bob', type: 'VARCHAR' },
];
const origins = ['ORD', 'SFO', 'JFK', 'SEA'];
const rows = Array.from({ length: 40 }, (_, index) => [
  index + 1,
  index % 10 === 0 ? null : (index * 7) % 23,
  origins[index % 4],
  index % 4 === 0 ? `person${index}@example.org` : `note ${index}`,
  `2026-11-${String(1 + (index % 20)).padStart(2, '0')} 08:30:00`,
  index % 3 === 0 ? 'cat' : 'dog',
  index % 3 === 0 || index % 4 === 1 ? 'cat' : 'dog',
  index % 2 ? 'cat' : 'dog',
  index % 3 ? 'cat' : 'dog',
]);
const baseline = {
  columns: [
    { name: 'delay', type: 'DOUBLE' },
    { name: 'origin', type: 'VARCHAR' },
    { name: 'blob', type: 'BLOB' },
  ],
  rows: Array.from({ length: 40 }, (_, index) => [100 + index, index % 2 ? 'ORD' : 'LAX', null]),
};

const steps: StepSpec[] = [
  { id: 'schema', check: 'schema', columns: { id: 'VARCHAR', delay: 'DOUBLE', gate: 'VARCHAR' }, strict: true },
  { id: 'row_count_between', check: 'row_count_between', min: 1000 },
  { id: 'mean_between', check: 'mean_between', column: 'delay', min: 0 },
  { id: 'between', check: 'between', column: 'delay', min: 0 },
  { id: 'unique_proportion_between', check: 'unique_proportion_between', column: 'origin', min: 0.5 },
  { id: 'null_fraction', check: 'null_fraction', column: 'delay', max: 0.05 },
  { id: 'quantile_between', check: 'quantile_between', column: 'delay', quantile: 0.95, max: 100 },
  { id: 'freshness', check: 'freshness', column: 'departed', max_age: '1 day' },
  { id: 'drift', check: 'drift', column: 'delay', baseline: 'baseline', method: 'ks' },
  { id: 'drift_psi', check: 'drift', column: 'origin', baseline: 'baseline', method: 'psi', max: 0.2 },
  { id: 'drift_share', check: 'drift_share', baseline: 'baseline' },
  { id: 'slice_metric', check: 'slice_metric', by: 'origin', metric: 'accuracy', label: 'label', prediction: 'predicted', min: 0.8, min_rows: 5 },
  { id: 'class_balance', check: 'class_balance', label: 'label', max_ratio: 1.5 },
  { id: 'agreement', check: 'agreement', annotators: ['ann', 'bob'], min_kappa: 0.5 },
  { id: 'pii', check: 'pii', column: 'contact' },
  { id: 'pii_everywhere', check: 'pii', patterns: ['ip'] },
  { id: 'column_exists', check: 'column_exists', column: 'origin' },
  { id: 'in_set', check: 'in_set', column: 'origin', values: ['ORD'] },
  { id: 'not_null', check: 'not_null', column: 'delay' },
  { id: 'iqr_outliers', check: 'iqr_outliers', column: 'delay' },
  { id: 'label_conflicts', check: 'label_conflicts', features: ['origin'], label: 'label' },
  { id: 'near_duplicates', check: 'near_duplicates', column: 'contact' },
].map((step) => ({ ...step, on_fail: 'warn' }));

/** The entries as `label: value` lines, easy to read in a failing test. */
const lines = (entries: ObservedEntry[]) => entries.map(({ label, value }) => `${label}: ${value}`);

describe('describeObserved on what the checks observe', () => {
  let engine: Engine;
  const results = new Map<string, StepResult>();
  const described = (id: string) => {
    const result = results.get(id)!;
    return lines(describeObserved(result.kind, result.observed));
  };

  beforeAll(async () => {
    engine = await WasmEngine.createForNode();
    const run = await runOnRows(engine, { seed: 1, steps, outputs: [] }, columns, rows, { asOf: new Date('2026-11-24T12:00:00Z'), sources: { baseline } });
    for (const step of run.steps) results.set(step.id, step);
  });
  afterAll(() => engine.close());

  it('ran every check of the test', () => {
    expect([...results.keys()]).toEqual(steps.map((step) => step.id));
  });

  it('never shows JSON or [object Object], for any check', () => {
    for (const [id, result] of results) {
      for (const { label, value } of describeObserved(result.kind, result.observed)) {
        expect(`${label}: ${value}`, id).not.toMatch(/[{}[\]"]|object Object|undefined$|NaN/);
        expect(label, id).toMatch(/^([a-z0-9]|Cohen|Fleiss|Krippendorff)[^_]*$/);
      }
    }
  });

  it('schema: missing, unexpected and changed columns in one line', () => {
    expect(described('schema')).toEqual([
      'differences: missing: gate; unexpected: origin, contact, departed, label, predicted and 2 more; type changed: id (VARCHAR → INTEGER)',
    ]);
  });

  it('row counts, means, unique shares, null fractions and quantiles as rounded numbers and percents', () => {
    expect(described('row_count_between')).toEqual(['rows: 40']);
    expect(described('mean_between')).toEqual([
      `mean: ${String(Number((rows.filter((row) => row[1] !== null).reduce((sum, row) => sum + (row[1] as number), 0) / 36).toPrecision(4)))}`,
    ]);
    expect(described('unique_proportion_between')).toEqual(['unique: 10%', 'distinct values: 4']);
    expect(described('null_fraction')).toEqual(['nulls: 10%']);
    expect(described('quantile_between')).toEqual(['95th percentile: 21.25']);
  });

  it('freshness: the newest value without a zone, its age in words, the as-of time in UTC', () => {
    expect(described('freshness')).toEqual(['newest value: 2026-11-20 08:30', 'age: 4 days 3 hours', 'as of: 2026-11-24 12:00 UTC']);
  });

  it('drift by a test: the verdict, the p-value in exponent form and its threshold, the counts, the other measures', () => {
    const shown = described('drift');
    expect(shown.slice(0, 2)).toEqual(['result: drifted', 'method: Kolmogorov–Smirnov test']);
    expect(shown[2]).toMatch(/^p-value: \d(\.\d)?e-\d+ \(drift below 0\.05\)$/);
    expect(shown.slice(3)).toEqual([
      'statistic: 1',
      'compared as: numbers',
      'values compared: baseline 40 · current 36',
      expect.stringMatching(/^other measures: PSI [\d.]+ · JS distance [\d.]+ · Wasserstein [\d.]+ · Wasserstein relative to spread [\d.]+$/),
    ]);
  });

  it('drift by a distance: the distance and the largest that passes', () => {
    const shown = described('drift_psi');
    expect(shown.slice(0, 2)).toEqual(['result: drifted', 'method: population stability index (PSI)']);
    expect(shown[2]).toMatch(/^distance: [\d.]+ \(drift above 0\.2\)$/);
    expect(shown[3]).toBe('compared as: categories');
    expect(shown.at(-1)).toMatch(/^other measures: chi-square [\d.]+ \(p [\de.-]+\) · JS distance [\d.]+ · L∞ [\d.]+$/);
  });

  it('drift_share: which columns drifted, of how many, the share against its maximum, what was not compared', () => {
    expect(described('drift_share')).toEqual([
      'drifted columns: 2 of 2 columns drifted: delay, origin',
      'drift share: 100% (at most 50% passes)',
      'not compared: not in the baseline: id, contact, departed, label, predicted and 2 more; not in the current data: blob',
    ]);
  });

  it('slice_metric: overall and worst values as percents, the failing slices by name', () => {
    const shown = described('slice_metric');
    expect(shown[0]).toMatch(/^overall accuracy: \d+(\.\d)?%$/);
    expect(shown[1]).toBe('slices judged: 4');
    expect(shown[2]).toMatch(/^worst slice: origin=(ORD|SFO|JFK|SEA) \d+(\.\d)?% \(10 rows\)$/);
    expect(shown[3]).toMatch(/^failing slices: \d of 4: origin=\w+ \d+(\.\d)?% \(10 rows\)/);
  });

  it('slice_metric: flagged slices are named as tested, against the rest of the rows (not all rows, which include the slice)', () => {
    const shown = lines(
      describeObserved('slice_metric', { metric: 'recall', overall: 0.94, judged: 4, skipped: 0, worst: null, failing: [], significantlyWorse: ['site=B'] }),
    );
    expect(shown).toContain('significantly worse than the rest of the rows: site=B');
  });

  it('class_balance: the ratio, the normalised entropy, the classes largest first with their shares', () => {
    expect(described('class_balance')).toEqual([
      'largest / smallest class: 1.857×',
      expect.stringMatching(/^balance \(normalised entropy\): 0\.9\d+ \(1 is perfectly balanced\)$/),
      'classes: 2 classes: dog 26 (65%), cat 14 (35%)',
    ]);
  });

  it('agreement: named coefficients, the items, and the least agreed items in words', () => {
    const shown = described('agreement');
    expect(shown[0]).toMatch(/^Cohen’s kappa: -?[\d.]+$/);
    expect(shown[1]).toMatch(/^Krippendorff’s alpha: -?[\d.]+$/);
    expect(shown.slice(2, 4)).toEqual(['annotators: 2', 'items: 40 (40 rated at least twice)']);
    expect(shown[4]).toBe(
      'least agreed items: 3 (0.0% of pairs agree, mostly cat); 4 (0.0% of pairs agree, mostly cat); 5 (0.0% of pairs agree, mostly cat); 9 (0.0% of pairs agree, mostly cat); 10 (0.0% of pairs agree, mostly cat)',
    );
  });

  it('pii: the columns looked at, and per column what share of values look personal, by shape', () => {
    expect(described('pii')).toEqual(['columns looked at: contact', 'personal data in contact: 10 of 40 values (25%): email 10']);
    expect(described('pii_everywhere')).toEqual(['columns looked at: origin, contact, label, predicted, ann and 1 more', 'personal data: none found']);
  });

  it('column_exists: present, at its position', () => {
    expect(described('column_exists')).toEqual(['present: yes, position 2 (counting from 0)']);
  });

  it('row checks observe nothing of their own: an empty list; in_set says the type it compares in', () => {
    for (const id of ['between', 'not_null', 'iqr_outliers', 'label_conflicts', 'near_duplicates']) expect(described(id), id).toEqual([]);
    expect(described('in_set')).toEqual(['compared as: VARCHAR']);
  });
});

describe('describeObserved on shapes a run rarely gives', () => {
  it('writes p-values below 0.001 in exponent form, and shows a drift with an empty side by its note', () => {
    const observed = {
      drifted: true,
      type: 'numeric',
      method: 'ks',
      statistic: null,
      pValue: null,
      threshold: 0.05,
      score: null,
      baselineCount: 0,
      currentCount: 12,
      note: 'no values in the baseline',
      metrics: {},
    };
    expect(lines(describeObserved('drift', observed))).toEqual([
      'result: drifted',
      'method: Kolmogorov–Smirnov test',
      'compared as: numbers',
      'values compared: baseline 0 · current 12',
      'note: no values in the baseline',
    ]);
    const tiny = describeObserved('drift', {
      ...observed,
      statistic: 0.4,
      pValue: 2.5e-7,
      note: undefined,
      metrics: { ks: { statistic: 0.4, pValue: 2.5e-7 }, psi: 0.31 },
    });
    expect(lines(tiny)).toContain('p-value: 2.5e-7 (drift below 0.05)');
    expect(lines(tiny)).toContain('other measures: PSI 0.31');
  });

  it('says when nothing drifted, and a schema that matches', () => {
    expect(lines(describeObserved('drift_share', { driftShare: 0, max: 0.3, drifted: [], compared: 3, skipped: [] }))).toEqual([
      'drifted columns: 0 of 3 columns drifted',
      'drift share: 0.0% (at most 30% passes)',
    ]);
    expect(lines(describeObserved('schema', { missing: [], mismatched: [], extra: [] }))).toEqual(['differences: none']);
  });

  it('tells undefined coefficients, a missing column and an empty freshness column in words', () => {
    expect(
      lines(describeObserved('agreement', { kappa: null, method: 'fleiss', alpha: null, annotators: 3, items: 1, pairableItems: 0, lowestItems: [] })),
    ).toEqual([
      'Fleiss’ kappa: undefined (no item rated twice, or one label throughout)',
      'Krippendorff’s alpha: undefined (no item rated twice, or one label throughout)',
      'annotators: 3',
      'items: 1 (0 rated at least twice)',
    ]);
    expect(lines(describeObserved('column_exists', { present: false, index: null }))).toEqual(['present: no']);
    expect(lines(describeObserved('freshness', { newest: null, ageSeconds: null, asOf: '2026-11-24T00:00:00.000Z' }))).toEqual([
      'newest value: none (no values)',
      'as of: 2026-11-24 00:00 UTC',
    ]);
    expect(lines(describeObserved('pii', { columns: [] }))).toEqual(['columns looked at: none (no text columns)', 'personal data: none found']);
  });

  it('flattens keys no describer knows, nested objects included, under readable labels', () => {
    const observed = {
      pairableItems: 4,
      nested: { innerValue: 0.123456, list: ['a', 'b'], deeper: { flag: true } },
      rows: [{ slice: 'x', value: 1 }],
      nothing: null,
    };
    expect(lines(describeObserved('some_new_check', observed))).toEqual([
      'pairable items: 4',
      'nested inner value: 0.1235',
      'nested list: a, b',
      'nested deeper flag: yes',
      'rows: slice x, value 1',
      'nothing: —',
    ]);
    expect(lines(describeObserved('mean_between', { mean: 2.5, sampled: true }))).toEqual(['mean: 2.5', 'sampled: yes']);
  });

  it('summarises long lists', () => {
    const drifted = Array.from({ length: 9 }, (_, index) => `c${index}`);
    expect(lines(describeObserved('drift_share', { driftShare: 0.75, max: 0.5, drifted, compared: 12, skipped: [] }))[0]).toBe(
      'drifted columns: 9 of 12 columns drifted: c0, c1, c2, c3, c4 and 4 more',
    );
  });
});
