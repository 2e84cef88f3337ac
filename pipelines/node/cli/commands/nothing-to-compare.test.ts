/**
 * Issue 17 through `winnow`, as a new user met it: two unrelated files (iris measurements as the
 * baseline, penguins as the current data). `winnow drift` with nothing to compare exits 2 with
 * one line naming both files and why; a drift_share check over them is not evaluated, fails the
 * run under on_fail fail and says so in the summary, manifest and report; `winnow validate`
 * warns when a drift check's column is not in its baseline.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../../../../testing/cli-kit';

let folder: string;
let iris: string;
let penguins: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-nothing-to-compare-'));
  iris = join(folder, 'iris.csv');
  penguins = join(folder, `pen"guins'.csv`);
  await writeFile(
    iris,
    ['sepal_length,species', ...Array.from({ length: 12 }, (_, index) => `${4.5 + (index % 5) / 4},${['setosa', 'virginica'][index % 2]}`)].join('\n') + '\n',
  );
  await writeFile(
    penguins,
    ['bill_length,island', ...Array.from({ length: 12 }, (_, index) => `${38 + (index % 7)},${['Biscoe', 'Dream'][index % 2]}`)].join('\n') + '\n',
  );
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('winnow drift with nothing to compare', () => {
  it('exits 2 with one line naming both files when they share no column', async () => {
    for (const json of [[], ['--json']]) {
      const { code, out, err } = await winnow('drift', iris, penguins, ...json);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toBe(`nothing to compare between baseline ${iris} and current ${penguins}: no column is in both the baseline and the current data\n`);
    }
  });

  it('exits 2 naming the shared columns when none is of a type it compares on both sides', async () => {
    const textual = join(folder, 'textual.csv');
    await writeFile(textual, 'sepal_length,colour\nlong,red\nshort,blue\n');
    const { code, err } = await winnow('drift', iris, textual);
    expect(code).toBe(2);
    expect(err).toBe(
      `nothing to compare between baseline ${iris} and current ${textual}: no shared column can be compared: "sepal_length" (numeric in the baseline (DOUBLE) but categorical in the current data (VARCHAR))\n`,
    );
  });

  it('with some columns skipped, lists them and says how many were compared out of how many', async () => {
    const partly = join(folder, 'partly.csv');
    await writeFile(
      partly,
      ['sepal_length,petal_width', ...Array.from({ length: 12 }, (_, index) => `${4.5 + (index % 5) / 4},${index / 10}`)].join('\n') + '\n',
    );
    const { code, out } = await winnow('drift', iris, partly);
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n').slice(-4)).toEqual([
      '0 of 1 columns drifted (0%), at most 50%: no dataset drift.',
      'compared 1 of 3 columns; skipped 2:',
      'skipped petal_width: not in the baseline',
      'skipped species: not in the current data',
    ]);
  });
});

async function specFile(name: string, steps: string[]): Promise<string> {
  const path = join(folder, `${name}.winnow.yaml`);
  const lines = [
    'version: 1',
    `name: ${name}`,
    'sources:',
    '  data:',
    `    uri: ${JSON.stringify(penguins)}`,
    '  base:',
    `    uri: ${JSON.stringify(iris)}`,
    'input: data',
    'steps:',
    ...steps.map((step) => `  - ${step}`),
    'outputs: []',
    '',
  ];
  await writeFile(path, lines.join('\n'));
  return path;
}

describe('a drift_share check over files with no shared column', () => {
  it('is not evaluated and fails the run under on_fail fail, in the summary, manifest and report', async () => {
    const spec = await specFile('gate', ['{ id: share, check: drift_share, baseline: base, max: 0.3, on_fail: fail }']);
    const out = join(folder, 'out-gate');
    const result = await winnow('run', spec, '--out', out);
    expect(result.code).toBe(1);
    const reason = 'baseline "base": no column is in both the baseline and the current data';
    expect(result.out).toMatch(/^share +drift_share +NOT EVALUATED +12 +12/m);
    expect(result.out).toContain(`not evaluated: step "share": ${reason} (fails the run)`);
    expect(result.out).toContain(`failed: step "share" (drift_share) not evaluated: ${reason}`);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('failed');
    expect(manifest.steps[0]).toMatchObject({ id: 'share', status: 'not_evaluated', success: false, reason, failsRun: true });
    const report = await readFile(join(out, 'report.html'), 'utf8');
    expect(report).toContain('<span class="badge not_evaluated"><span class="sym" aria-hidden="true">∅</span>not evaluated</span>');
    expect(report).toContain(`nothing to measure: ${reason.replaceAll('"', '&quot;')} · fails the run`);
  });

  it('under on_fail warn is a warning: the run passes and the summary says not evaluated', async () => {
    const spec = await specFile('warn', ['{ id: share, check: drift_share, baseline: base, on_fail: warn }']);
    const result = await winnow('run', spec, '--out', join(folder, 'out-warn'));
    expect(result.code).toBe(0);
    expect(result.out).toContain('not evaluated: step "share": baseline "base": no column is in both the baseline and the current data (a warning)');
  });
});

describe('winnow validate', () => {
  it('warns when a drift check’s column is not in its baseline, naming both', async () => {
    const spec = await specFile('missing', [
      '{ id: bill, check: drift, column: bill_length, baseline: base }',
      '{ id: some, check: drift_share, baseline: base, columns: [island, bill_length] }',
    ]);
    const { code, out, err } = await winnow('validate', spec);
    expect(code).toBe(0);
    expect(err.trimEnd().split('\n')).toEqual([
      `warning: ${spec}, step "bill", field "column": column "bill_length" is not in baseline "base", so the check will not be evaluated`,
      `warning: ${spec}, step "some", field "columns": column "island" is not in baseline "base", so the check will not be evaluated`,
      `warning: ${spec}, step "some", field "columns": column "bill_length" is not in baseline "base", so the check will not be evaluated`,
    ]);
    expect(out).toContain('valid (2 steps');
  });
});
