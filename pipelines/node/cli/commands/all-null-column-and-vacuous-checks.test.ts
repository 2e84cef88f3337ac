/**
 * Issue 14, end to end through `winnow`: a column whose values are all null exists whatever the
 * file format, and behaves as Great Expectations says (value checks hold over no values, not_null
 * fails every row, the mean of no values fails); a check that holds for any value (no bounds) or
 * for none (an empty set) is valid, and `winnow validate` says so as a warning, exit 0.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../engine/native-engine';
import { literal } from '../../../sql';
import { winnow } from '../../../../testing/cli-kit';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-all-null-'));
  // "note" has no value in any row, in every format.
  await writeFile(
    join(folder, 'rows.json'),
    JSON.stringify([
      { id: 1, amount: 10, note: null },
      { id: 2, amount: 30, note: null },
      { id: 3, amount: null, note: null },
    ]),
  );
  await writeFile(join(folder, 'rows.ndjson'), '{"id":1,"amount":10,"note":null}\n{"id":2,"amount":30,"note":null}\n{"id":3,"amount":null,"note":null}\n');
  await writeFile(join(folder, 'rows.csv'), 'id,amount,note\n1,10,\n2,30,\n3,,\n');
  const engine = await NativeEngine.create({ threads: 1 });
  try {
    await engine.run(
      `COPY (SELECT * FROM (VALUES (1, 10.0, NULL::VARCHAR), (2, 30.0, NULL), (3, NULL, NULL)) v(id, amount, note)) TO ${literal(join(folder, 'rows.parquet'))} (FORMAT parquet)`,
    );
  } finally {
    await engine.close();
  }
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function specFile(name: string, uri: string, steps: string[]): Promise<string> {
  const path = join(folder, `${name}.winnow.yaml`);
  await writeFile(
    path,
    ['version: 1', `name: ${name}`, 'sources:', '  data:', `    uri: ${uri}`, 'steps:', ...steps.map((step) => `  - ${step}`), 'outputs: []', ''].join('\n'),
  );
  return path;
}

const allNullSteps = [
  '{ id: set, check: in_set, column: note, values: [a, "it\'s"] }',
  '{ id: pattern, check: regex, column: note, pattern: "^x" }',
  '{ id: present, check: not_null, column: note, on_fail: warn }',
  '{ id: mean, check: mean_between, column: note, min: 0, on_fail: warn }',
];

describe('a column whose values are all null', () => {
  it.each(['json', 'ndjson', 'csv', 'parquet'])('exists when read from %s, and the checks on it behave as GX says', async (format) => {
    const path = await specFile(`all-null-${format}`, `rows.${format}`, allNullSteps);
    const out = join(folder, `out-${format}`);
    const result = await winnow('run', path, '--out', out);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    // Text, as read_csv types a column of empty fields (JSON gave JSON, which no text value could be compared with).
    expect(manifest.inputs[0].schema).toContainEqual({ name: 'note', type: 'VARCHAR' });
    const byId = Object.fromEntries(manifest.steps.map((step: { id: string }) => [step.id, step]));
    expect(byId.set).toMatchObject({ status: 'passed', elementCount: 0, unexpectedCount: 0 });
    expect(byId.pattern).toMatchObject({ status: 'passed', elementCount: 0, unexpectedCount: 0 });
    expect(byId.present).toMatchObject({ status: 'warned', elementCount: 3, unexpectedCount: 3 });
    expect(byId.mean).toMatchObject({ status: 'warned', success: false, observed: { mean: null } });
  });
});

describe('checks that hold for any value or for none', () => {
  const steps = [
    '{ id: rows, check: row_count_between }',
    '{ id: mean, check: mean_between, column: amount }',
    '{ id: none, check: in_set, column: amount, values: [], on_fail: warn }',
    "{ id: anything, check: regex, column: id, pattern: '' }",
  ];

  it('winnow validate accepts them, prints one warning line each with its place, and exits 0', async () => {
    const path = await specFile('vacuous', 'rows.csv', steps);
    for (const args of [[path], [path, '--no-data']]) {
      const result = await winnow('validate', ...args);
      expect(result.code).toBe(0);
      expect(result.out).toContain('valid');
      expect(result.err.trim().split('\n')).toEqual([
        `warning: ${path}, step "rows", field "min": neither min nor max is set: the check holds for any value`,
        `warning: ${path}, step "mean", field "min": neither min nor max is set: the check holds for any value`,
        `warning: ${path}, step "none", field "values": the set is empty: every non-null value fails`,
        `warning: ${path}, step "anything", field "pattern": the pattern is empty: it matches every value`,
      ]);
    }
  });

  it('winnow run runs them as GX would, and its summary repeats the warnings', async () => {
    const path = await specFile('vacuous-run', 'rows.csv', steps);
    const result = await winnow('run', path, '--out', join(folder, 'out-vacuous'));
    expect(result.code).toBe(0);
    expect(result.out).toContain('warning: step "rows": neither min nor max is set: the check holds for any value');
    expect(result.out).toContain('warning: step "none": the set is empty: every non-null value fails');
    const report = await readFile(join(folder, 'out-vacuous', 'report.html'), 'utf8');
    expect(report).toContain('<div class="step-warning">warning: the pattern is empty: it matches every value</div>');
    const manifest = JSON.parse(await readFile(join(folder, 'out-vacuous', 'manifest.json'), 'utf8'));
    expect(manifest.steps.map((step: { id: string; status: string }) => [step.id, step.status])).toEqual([
      ['rows', 'passed'],
      ['mean', 'passed'],
      ['none', 'warned'],
      ['anything', 'passed'],
    ]);
  });

  it('between with neither bound is still refused, as GX refuses it', async () => {
    const path = await specFile('no-bounds-between', 'rows.csv', ['{ id: b, check: between, column: amount }']);
    const result = await winnow('validate', path, '--no-data');
    expect(result.code).toBe(2);
    expect(result.err).toContain('step "b", field "min/max": expected "min" or "max"');
  });
});
