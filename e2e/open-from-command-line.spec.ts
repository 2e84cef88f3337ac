/**
 * `winnow serve --open SPEC` (what a failing run's report.html says to type): the page opens on
 * the pipeline, on its input, with every cell run; a project folder the same. A path that cannot
 * open stops the server before it listens, with one line naming what is wrong.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { expect, test } from './shells';
import { ROOT, startServer } from './winnow-server';

const FLIGHTS_SPEC = join(ROOT, 'examples', 'flights', 'flights.winnow.yaml');

function cellIds(page: Page) {
  return page.getByRole('article', { name: /^Step / }).evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label')!.slice(5)));
}

test.beforeEach(({ shell }) => {
  test.skip(shell === 'electron', "browser mode's --open; the desktop app's argument logic is tested in electron/host/open-target.test.ts");
});

test('winnow serve --open the flights spec: its cells, run on its input', async ({ page }) => {
  const server = await startServer(undefined, { args: ['--open', 'examples/flights/flights.winnow.yaml'] });
  try {
    expect(server.url).toContain(`&spec=${encodeURIComponent(FLIGHTS_SPEC)}`);
    await page.goto(server.url);
    const steps = (parse(readFileSync(FLIGHTS_SPEC, 'utf8')) as { steps: { id: string }[] }).steps.map((step) => step.id);
    await expect.poll(() => cellIds(page)).toEqual(steps);
    // On its input: the schema check holds on flights.csv, and the row count is the file's.
    await expect(page.getByLabel('Status of columns', { exact: true })).toHaveText(/pass/);
    await expect(page.getByLabel('Status of rows_expected', { exact: true })).toHaveText(/pass/);
  } finally {
    await server.stop();
  }
});

test('winnow serve --open a project folder: the saved project, on its input', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'winnow-open-project-'));
  mkdirSync(join(folder, 'data'));
  copyFileSync(join(ROOT, 'examples', 'flights', 'data', 'flights.csv'), join(folder, 'data', 'flights.csv'));
  writeFileSync(
    join(folder, 'pipeline.winnow.yaml'),
    'version: 1\nname: saved\nsources:\n  flights:\n    uri: data/flights.csv\nsteps:\n  - { id: has_origin, check: not_null, column: origin }\n',
  );
  const server = await startServer(undefined, { args: ['--open', folder] });
  try {
    await page.goto(server.url);
    await expect.poll(() => cellIds(page)).toEqual(['has_origin']);
    await expect(page.getByLabel('Status of has_origin', { exact: true })).toHaveText(/pass/);
  } finally {
    await server.stop();
  }
});

test('a path that cannot open stops the server before it listens, in one line', () => {
  const folder = mkdtempSync(join(tmpdir(), 'winnow-open-bad-'));
  writeFileSync(join(folder, 'bad.winnow.yaml'), 'version: 1\nname: bad\nsources:\n  data:\n    uri: nowhere/data.csv\nsteps: []\n');
  for (const [path, expected] of [
    [join(folder, 'missing.winnow.yaml'), `${join(folder, 'missing.winnow.yaml')}: no such file or folder`],
    [join(folder, 'bad.winnow.yaml'), `field "sources.data.uri": input source "data" cannot be read: nowhere/data.csv: no such file or folder`],
  ]) {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'winnow.mjs'), 'serve', '--open', path!], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(2);
    expect(result.stdout).not.toContain('running at');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(expected);
  }
});
