/**
 * Great Expectations suites to specs and back: every mapped expectation keeps its kwargs, mostly
 * and notes; what cannot be carried over is listed with its reason; `winnow import gx` exits 0
 * with warnings and 2 for a file that is not a suite; the imported spec runs.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../spec/parse';
import { exportGxSuite, gxMappingTable, importGxSuite, parseGxSuite } from './mapping';
import { winnow } from '../../testing/cli-kit';

const suite = {
  name: 'orders suite',
  meta: { great_expectations_version: '1.3.0' },
  expectations: [
    { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'id', mostly: 0.95 }, meta: { owner: 'data-eng' }, notes: 'ids come from the shop' },
    { type: 'expect_column_values_to_be_between', kwargs: { column: 'amount', min_value: 0, max_value: 1000, strict_min: true } },
    { type: 'expect_column_values_to_be_in_set', kwargs: { column: 'status', value_set: ['new', 'paid'] } },
    { type: 'expect_column_values_to_match_regex', kwargs: { column: 'code', regex: '^[A-Z]{3}$', mostly: 0.9 } },
    { type: 'expect_column_values_to_be_unique', kwargs: { column: 'id' } },
    { type: 'expect_compound_columns_to_be_unique', kwargs: { column_list: ['id', 'status'] } },
    { type: 'expect_column_mean_to_be_between', kwargs: { column: 'amount', min_value: 10 } },
    { type: 'expect_table_row_count_to_be_between', kwargs: { min_value: 1, max_value: 100 } },
    { type: 'expect_table_row_count_to_equal', kwargs: { value: 4 } },
    { type: 'expect_column_proportion_of_unique_values_to_be_between', kwargs: { column: 'id', min_value: 0.5 } },
    { type: 'expect_column_to_exist', kwargs: { column: 'status', column_index: 2 } },
    { type: 'expect_column_values_to_be_of_type', kwargs: { column: 'amount', type_: 'DOUBLE' } },
    { type: 'expect_column_quantile_values_to_be_between', kwargs: { column: 'amount', quantile_ranges: { quantiles: [0.5], value_ranges: [[1, 500]] } } },
    { type: 'expect_column_values_to_be_between', kwargs: { column: 'amount' } },
    { type: 'expect_column_mean_to_be_between', kwargs: { column: 'amount', min_value: 1, mostly: 0.5 } },
    { type: 'expect_column_kl_divergence_to_be_less_than', kwargs: { column: 'amount' } },
  ],
};
const data = 'id,amount,status,code\n1,10.5,new,ABC\n2,20,paid,DEF\n3,30,paid,GHI\n4,40,new,JKL\n';

describe('importGxSuite', () => {
  const imported = importGxSuite(parseGxSuite(JSON.stringify(suite), 'suite.json'), { source: 'orders.csv' });

  it('carries kwargs, mostly and bounds over to the checks', () => {
    expect(imported.spec.steps.map(({ id, ...step }) => (id ? step : step))).toEqual([
      { check: 'not_null', column: 'id', mostly: 0.95 },
      { check: 'between', column: 'amount', min: 0, max: 1000, strict_min: true },
      { check: 'in_set', column: 'status', values: ['new', 'paid'] },
      { check: 'regex', column: 'code', pattern: '^[A-Z]{3}$', mostly: 0.9 },
      { check: 'unique', column: 'id' },
      { check: 'unique', columns: ['id', 'status'] },
      { check: 'mean_between', column: 'amount', min: 10 },
      { check: 'row_count_between', min: 1, max: 100 },
      { check: 'row_count_between', min: 4, max: 4 },
      { check: 'unique_proportion_between', column: 'id', min: 0.5 },
      { check: 'column_exists', column: 'status', index: 2 },
      { check: 'of_type', column: 'amount', type: 'DOUBLE' },
      { check: 'quantile_between', column: 'amount', quantile: 0.5, min: 1, max: 500 },
    ]);
    expect(new Set(imported.spec.steps.map((step) => step.id)).size).toBe(imported.spec.steps.length);
  });

  it('lists each expectation it cannot carry over, with the reason', () => {
    expect(imported.unmapped).toEqual([
      { name: 'expect_column_values_to_be_between', reason: expect.stringContaining('GX refuses this expectation') },
      { name: 'expect_column_mean_to_be_between', reason: 'mostly 0.5 does not apply to mean_between' },
      { name: 'expect_column_kl_divergence_to_be_less_than', reason: 'Winnow has no check for it' },
    ]);
  });

  it('writes a valid spec whose steps keep their notes and meta as comments', () => {
    expect(parseSpec(imported.yaml, 'imported.winnow.yaml').steps).toHaveLength(13);
    expect(imported.yaml).toContain(
      '  # GX: expect_column_values_to_not_be_null\n  # ids come from the shop\n  # meta: {"owner":"data-eng"}\n  - id: not_null_id',
    );
    expect(imported.yaml).toContain('#   expect_column_kl_divergence_to_be_less_than: Winnow has no check for it');
  });

  it('reads a 0.x suite (expectation_suite_name, expectation_type)', () => {
    const old = {
      expectation_suite_name: 'legacy',
      expectations: [{ expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'id' }, meta: {} }],
    };
    expect(importGxSuite(parseGxSuite(JSON.stringify(old), 'old.json')).spec).toMatchObject({
      name: 'legacy',
      steps: [{ id: 'not_null_id', check: 'not_null', column: 'id' }],
    });
  });

  it('refuses what is not a suite, in one line naming the file', () => {
    expect(() => parseGxSuite('{"expectations": 3}', 'x.json')).toThrow('not a GX expectation suite: expected an object with an "expectations" list');
    expect(() => parseGxSuite('not json', 'x.json')).toThrow(/not JSON/);
    expect(() => parseGxSuite('{"expectations": [{"kwargs": {}}]}', 'x.json')).toThrow(/expectation 1 has no "type"/);
  });

  it('carries over what GX runs though it cannot fail or pass: no bounds on an aggregate, an empty value_set, an empty regex', () => {
    const edge = {
      name: 'edge',
      expectations: [
        { type: 'expect_column_mean_to_be_between', kwargs: { column: 'amount' } },
        { type: 'expect_table_row_count_to_be_between', kwargs: {} },
        { type: 'expect_column_proportion_of_unique_values_to_be_between', kwargs: { column: 'id', min_value: null, max_value: null } },
        {
          type: 'expect_column_quantile_values_to_be_between',
          kwargs: { column: 'amount', quantile_ranges: { quantiles: [0.5], value_ranges: [[null, null]] } },
        },
        { type: 'expect_column_values_to_be_in_set', kwargs: { column: 'status', value_set: [] } },
        { type: 'expect_column_values_to_match_regex', kwargs: { column: 'code', regex: '' } },
      ],
    };
    const { spec, yaml, unmapped } = importGxSuite(parseGxSuite(JSON.stringify(edge), 'edge.json'));
    expect(unmapped).toEqual([]);
    expect(spec.steps.map(({ id: _id, ...step }) => step)).toEqual([
      { check: 'mean_between', column: 'amount' },
      { check: 'row_count_between' },
      { check: 'unique_proportion_between', column: 'id' },
      { check: 'quantile_between', column: 'amount', quantile: 0.5 },
      { check: 'in_set', column: 'status', values: [] },
      { check: 'regex', column: 'code', pattern: '' },
    ]);
    expect(parseSpec(yaml, 'edge.winnow.yaml').steps).toHaveLength(6);
  });

  it('a hostile column name or pattern stays data: quoted in YAML, never SQL in the spec', () => {
    const hostile = {
      name: 'x',
      expectations: [{ type: 'expect_column_values_to_match_regex', kwargs: { column: "a'; DROP TABLE t; --", regex: "'); COPY t TO '/tmp/x" } }],
    };
    const { yaml, spec } = importGxSuite(parseGxSuite(JSON.stringify(hostile), 'h.json'));
    expect(parseSpec(yaml, 'h.winnow.yaml').steps[0]).toMatchObject({ column: "a'; DROP TABLE t; --", pattern: "'); COPY t TO '/tmp/x" });
    expect(spec.steps[0]!.id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
  });
});

describe('exportGxSuite', () => {
  it('gives back the expectations a suite was imported from', () => {
    const imported = importGxSuite(parseGxSuite(JSON.stringify(suite), 'suite.json'));
    const { suite: exported, unmapped } = exportGxSuite(imported.spec);
    expect(unmapped).toEqual([]);
    const mappable = suite.expectations.slice(0, 13);
    expect(exported.expectations.map(({ type, kwargs }) => ({ type, kwargs }))).toEqual(
      mappable.map(({ type, kwargs }) => ({
        type: type === 'expect_table_row_count_to_equal' ? 'expect_table_row_count_to_be_between' : type,
        kwargs:
          type === 'expect_table_row_count_to_equal'
            ? { min_value: 4, max_value: 4 }
            : type === 'expect_column_quantile_values_to_be_between'
              ? { column: 'amount', quantile_ranges: { quantiles: [0.5], value_ranges: [[1, 500]] } }
              : kwargs,
      })),
    );
  });

  it('lists transforms and checks GX has no expectation for', () => {
    const { unmapped } = exportGxSuite({
      name: 's',
      steps: [
        { id: 'f', transform: 'filter', where: 'x > 1' },
        { id: 'p', check: 'pii', columns: ['a'] },
      ],
    });
    expect(unmapped).toEqual([
      { name: 'f (transform filter)', reason: 'GX suites hold expectations, not transforms' },
      { name: 'p (pii)', reason: 'GX has no expectation for it' },
    ]);
  });

  it('the table in docs/gx.md lists every mapped expectation', async () => {
    const doc = await readFile(join(process.cwd(), 'docs', 'gx.md'), 'utf8');
    for (const { expectation, check } of gxMappingTable) expect(doc).toContain(`| \`${expectation}\` | \`${check}\``);
  });
});

describe('winnow import gx / export gx', () => {
  it('imports with warnings (exit 0), the spec runs, and exports back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'winnow-gx-'));
    await writeFile(join(dir, 'suite.json'), JSON.stringify(suite));
    await writeFile(join(dir, 'orders.csv'), data);
    const specPath = join(dir, 'specs', 'orders.winnow.yaml');
    const imported = await winnow('import', 'gx', join(dir, 'suite.json'), '--source', join(dir, 'orders.csv'), '--out', specPath);
    expect(imported.code).toBe(0);
    expect(imported.err).toContain('3 expectation(s) not carried over');
    expect(await readFile(specPath, 'utf8')).toContain('uri: ../orders.csv');
    const run = await winnow('run', specPath, '--out', join(dir, 'out'));
    expect(run.code).toBe(0);
    const again = await winnow('import', 'gx', join(dir, 'suite.json'), '--out', specPath);
    expect(again).toMatchObject({ code: 2, err: expect.stringContaining('exists; pass --force') });

    const exported = await winnow('export', 'gx', specPath);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out).expectations).toHaveLength(13);
  });

  it('exit 2 for a file that is not a suite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'winnow-gx-'));
    await writeFile(join(dir, 'not-a-suite.json'), '[1, 2]');
    const result = await winnow('import', 'gx', join(dir, 'not-a-suite.json'));
    expect(result.code).toBe(2);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toContain('not-a-suite.json');
  });
});
