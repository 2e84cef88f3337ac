/**
 * The whole story, as a person tells it: open the sample, add three checks and two transforms
 * through the UI, look at drift between two files, run the pipeline on the full data, export,
 * split the rows and declare outputs (with shards) and a gate in the app, export, run the
 * printed command in a fresh shell, and find the CLI's check results and output rows equal to
 * what the app showed, and `winnow verify` passing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Manifest } from '../pipelines/manifest/manifest';
import { expect, test } from './shells';
import { ROOT } from './winnow-server';

async function addStep(page: Page, search: string, kind: string): Promise<void> {
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByRole('textbox', { name: 'Search steps' }).fill(search);
  await page.getByRole('button', { name: kind }).click();
}

function unexpectedIn(page: Page, stepId: string) {
  return page.getByRole('article', { name: `Step ${stepId}` }).getByLabel(`Unexpected in ${stepId}`);
}

test('build a pipeline in cells, export it, and the CLI agrees with the cells on full data', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('button', { name: 'Open sample dataset' }).click();
  await expect(page.getByRole('grid')).toBeVisible();

  await addStep(page, 'not null', 'Add check not_null');
  await page.getByRole('combobox', { name: 'not_null column' }).selectOption('delay');

  await addStep(page, 'between', 'Add check between');
  await page.getByRole('combobox', { name: 'between column' }).selectOption('delay');
  await page.getByRole('textbox', { name: 'between min' }).fill('-30');
  await page.getByRole('textbox', { name: 'between max' }).fill('180');

  await addStep(page, 'regex', 'Add check regex');
  await page.getByRole('combobox', { name: 'regex column' }).selectOption('origin');
  await page.getByRole('textbox', { name: 'regex pattern' }).fill('^[A-Z]{3}$');

  await addStep(page, 'row count', 'Add check row_count_between');
  await page.getByRole('textbox', { name: 'row_count_between min' }).fill('1000');
  // What a check observed reads as words, not JSON.
  await expect(page.getByLabel('Observed by row_count_between')).toContainText(/rows\s*20,000/i);
  await expect(page.getByLabel('Observed by row_count_between')).not.toContainText('{');

  await addStep(page, 'derive', 'Add transform derive');
  await page.getByRole('textbox', { name: 'derive column' }).fill('delay_hours');
  await page.getByRole('textbox', { name: 'derive expr' }).fill('delay / 60.0');

  await addStep(page, 'filter', 'Add transform filter');
  await page.getByRole('textbox', { name: 'filter where' }).fill('distance > 300');

  // Live results on the working set (here the whole sample: it fits the memory budget).
  await expect(page.getByRole('status', { name: 'Pipeline result' })).toContainText('all rows: read 20,000');
  await expect(unexpectedIn(page, 'between')).toContainText(/unexpected [\d,]+ \(/);
  await expect(page.getByRole('article', { name: 'Step filter' }).getByText(/dropped [\d,]+/)).toBeVisible();

  // Look at drift between the sample and another file of flights, as the story goes.
  await page.getByRole('tab', { name: 'Drift' }).click();
  const drift = page.getByRole('region', { name: 'Drift', exact: true });
  await drift.getByRole('textbox', { name: 'Baseline path or URL' }).fill(join(ROOT, 'examples', 'flights', 'data', 'flights-baseline.parquet'));
  await drift.getByRole('button', { name: 'Open baseline' }).click();
  await expect(drift.getByRole('status', { name: 'Drift summary' })).toContainText(/\d+ of 6 columns drifted/, { timeout: 60_000 });
  await expect(drift.getByRole('table', { name: 'Drift by column' }).locator('tbody tr')).toHaveCount(6);
  await page.getByRole('tab', { name: 'Data' }).click();

  await page.getByRole('button', { name: 'Run on full data' }).click();
  await expect(page.getByRole('status', { name: 'Full run result' })).toContainText('Full data passed', { timeout: 60_000 });
  const shown: Record<string, number> = {};
  for (const stepId of ['not_null', 'between', 'regex']) {
    const text = (await unexpectedIn(page, stepId).textContent()) ?? '';
    shown[stepId] = Number(/unexpected ([\d,]+)/.exec(text)![1]!.replaceAll(',', ''));
  }
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.frameLocator('iframe[title="Run report"]').getByText('PASSED').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Run report' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show report' })).toBeFocused();
  const droppedText =
    (await page
      .getByRole('article', { name: 'Step filter' })
      .getByText(/dropped [\d,]+/)
      .textContent()) ?? '';
  await page.screenshot({ path: join('test-results', 'screenshots', `${winnow.shell}-story-cells.png`) });

  // Split the rows and declare where they go, in the app: outputs with shards, and a gate.
  await addStep(page, 'split', 'Add transform split');
  await expect(page.getByRole('article', { name: 'Step split' }).getByLabel('Status of split')).toHaveText('done');
  await page.getByRole('button', { name: 'Pipeline settings' }).click();
  const settings = page.getByRole('complementary', { name: 'Pipeline settings' });
  await expect(settings.getByText('No output takes split.train, split.valid, split.test')).toBeVisible();
  await settings.getByRole('button', { name: 'One output per split part' }).click();
  await settings.getByRole('textbox', { name: 'Output train shards' }).fill('2');
  await settings.getByRole('textbox', { name: 'seed (splits, samples, shards)' }).fill('7');
  await settings.getByRole('textbox', { name: 'min rows kept' }).fill('1000');
  await expect(settings.getByRole('listitem').filter({ hasText: 'min_rows' })).toContainText('passes');
  const rowsShown: Record<string, number> = {};
  for (const name of ['train', 'valid', 'test']) {
    const cell = settings.getByLabel(`Rows of output ${name}`);
    await expect(cell).toHaveText(/^[\d,]+/);
    rowsShown[name] = Number(/^([\d,]+)/.exec((await cell.textContent()) ?? '')![1]!.replaceAll(',', ''));
  }
  await expect(settings.getByLabel('Rows of output train')).toHaveText(/\(([\d,]+) \/ ([\d,]+)\)/);
  // An output may take the data right after any step: here the rows after the derive, before the filter drops some.
  await settings.getByRole('button', { name: '+ Add output' }).click();
  const rowsFrom = settings.getByRole('combobox', { name: 'Output data rows from' });
  await expect(rowsFrom.locator('option')).toContainText(['every row kept', 'split.train', 'after not_null', 'after derive', 'after filter', 'after split']);
  await expect(rowsFrom.locator('option[value="derive"]')).toHaveText('after derive · 20,000 rows');
  await rowsFrom.selectOption('derive');
  await expect(settings.getByLabel('Rows of output data')).toHaveText('20,000');
  rowsShown.data = 20_000;
  expect(rowsShown.data).toBeGreaterThan(rowsShown.train! + rowsShown.valid! + rowsShown.test!);
  await settings.getByRole('region', { name: 'Outputs' }).screenshot({ path: join('test-results', 'screenshots', `${winnow.shell}-story-outputs.png`) });
  await page.screenshot({ path: join('test-results', 'screenshots', `${winnow.shell}-story-settings.png`) });
  await page.getByRole('button', { name: 'Close pipeline settings' }).click();

  // The data after a step: its rows in the grid, new columns marked, each split part's size.
  await page.getByRole('button', { name: 'Data after split' }).click();
  const after = page.getByRole('region', { name: 'Data after a step' });
  await expect(after).toContainText(`Data after step “split”: ${(rowsShown.train! + rowsShown.valid! + rowsShown.test!).toLocaleString('en-US')} rows`);
  await expect(after.getByLabel('Parts of split')).toContainText(`train ${rowsShown.train!.toLocaleString('en-US')}`);
  await expect(after).toContainText('new: delay_hours');
  await expect(page.getByRole('columnheader', { name: /delay_hours/ })).toContainText('new');
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText(
    `${(rowsShown.train! + rowsShown.valid! + rowsShown.test!).toLocaleString('en-US')} rows`,
  );
  await page.screenshot({ path: join('test-results', 'screenshots', `${winnow.shell}-story-data-after.png`) });
  await page.getByRole('button', { name: 'Back to the input' }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('20,000 rows');

  const folder = mkdtempSync(join(tmpdir(), 'winnow-export-'));
  await page.getByRole('button', { name: 'Export pipeline' }).click();
  await page.getByRole('textbox', { name: 'Folder' }).fill(folder);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  // The sample lies outside the export folder: the app says so and copies it in on request.
  await expect(page.getByRole('alert', { name: 'Inputs outside the folder' })).toContainText('data lies outside the export folder');
  await page.getByRole('button', { name: 'Copy it in and export again' }).click();
  await expect(page.getByRole('region', { name: 'Export result' })).toContainText('copied in');
  await expect(page.getByRole('alert', { name: 'Inputs outside the folder' })).toHaveCount(0);
  const command = await page.getByRole('textbox', { name: /Run it headlessly/ }).inputValue();
  expect(command).toBe(`cd ${folder} && winnow run pipeline.winnow.yaml --snapshot snapshot.json --out out`);
  await page.screenshot({ path: join('test-results', 'screenshots', `${winnow.shell}-story-export.png`) });

  // The spec names no path of this machine: the folder alone is the pipeline.
  const exported = readFileSync(join(folder, 'pipeline.winnow.yaml'), 'utf8');
  expect(exported).not.toContain(ROOT);
  expect(exported).toContain('uri: data/data/flights.csv');

  // The printed command, as printed, in a fresh shell where `winnow` is installed (on PATH), from anywhere.
  const bin = mkdtempSync(join(tmpdir(), 'winnow-bin-'));
  symlinkSync(join(ROOT, 'bin', 'winnow.mjs'), join(bin, 'winnow'));
  const shell = { cwd: tmpdir(), env: { PATH: [bin, dirname(process.execPath), '/usr/bin', '/bin'].join(':'), HOME: tmpdir() }, stdio: 'pipe' as const };
  execFileSync('/bin/sh', ['-c', command], shell);
  execFileSync('/bin/sh', ['-c', `cd ${folder} && winnow verify out/manifest.json`], shell);

  const manifest = JSON.parse(readFileSync(join(folder, 'out', 'manifest.json'), 'utf8')) as Manifest;
  expect(manifest.status).toBe('passed');
  expect(manifest.seed).toBe(7);
  expect(manifest.gates?.map((gate) => gate.gate)).toEqual(['min_rows']);
  for (const [stepId, count] of Object.entries(shown)) {
    expect(manifest.steps.find((step) => step.id === stepId)?.unexpectedCount, stepId).toBe(count);
  }
  const filterStep = manifest.steps.find((step) => step.id === 'filter')!;
  expect(droppedText).toBe(`dropped ${filterStep.dropped.toLocaleString('en-US')}`);
  // The working set here is the whole sample, so the outputs' rows are the ones the app showed.
  for (const [name, rows] of Object.entries(rowsShown)) {
    const output = manifest.outputs.find((candidate) => candidate.name === name)!;
    expect(output.files.length, name).toBe(name === 'train' ? 2 : 1);
    expect(output.rows, name).toBe(rows);
  }
  expect(manifest.outputs.find((output) => output.name === 'data')?.from).toBe('derive');
});
