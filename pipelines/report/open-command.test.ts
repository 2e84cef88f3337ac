/**
 * A failing run's report.html says how to open the pipeline in the workbench (`winnow serve
 * --open SPEC`), with the spec's path relative to the report and quoted for the shell, however
 * the spec file is named. A passing run's report does not.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../node/cli/cli';
import { escapeHtml } from './markup';

const spec = (onFail: string) => `version: 1
name: open-command
sources:
  cities:
    uri: data/cities.csv
steps:
  - { id: known, check: in_set, column: city, values: [Oslo, Rome], on_fail: ${onFail} }
`;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-open-command-'));
  await mkdir(join(folder, 'data'));
  await writeFile(join(folder, 'data', 'cities.csv'), 'id,city\n1,Oslo\n2,Rome\n3,Lima\n');
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function reportOf(specName: string, onFail: string): Promise<string> {
  const out = join(folder, `out-${onFail}`);
  await writeFile(join(folder, specName), spec(onFail));
  await main(['run', join(folder, specName), '--out', out], { out: () => {}, err: () => {}, isTTY: false });
  return readFile(join(out, 'report.html'), 'utf8');
}

describe("report.html's command to open a failing pipeline", () => {
  it('names the spec relative to the report', async () => {
    const report = await reportOf('pipeline.winnow.yaml', 'fail');
    expect(report).toContain('<strong>FAILED</strong>');
    expect(report).toContain('<code>winnow serve --open ../pipeline.winnow.yaml</code>');
  });

  it('quotes a hostile spec name for the shell and escapes it for HTML', async () => {
    const report = await reportOf("it's <b>$(rm -rf ~)<i>.winnow.yaml", 'fail');
    expect(report).toContain(`<code>winnow serve --open ${escapeHtml(`'../it'\\''s <b>$(rm -rf ~)<i>.winnow.yaml'`)}</code>`);
    expect(report).not.toContain('<b>$(rm');
  });

  it('is not there when the run passed', async () => {
    const report = await reportOf('passing.winnow.yaml', 'warn');
    expect(report).toContain('<strong>PASSED</strong>');
    expect(report).not.toContain('winnow serve --open');
  });
});
