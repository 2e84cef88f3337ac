/**
 * The workbench as a person uses it, in browser mode: open the sample, scroll, sort, filter,
 * open a profile, save and reopen the project, recover after the server is killed, and see a
 * readable error for a malformed file. Screenshots go to test-results/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type Winnow } from './shells';

const SHOTS = join('test-results', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

function shot(winnow: Winnow, name: string) {
  return winnow.page.screenshot({ path: join(SHOTS, `${winnow.shell}-${name}.png`) });
}

async function openSample(winnow: Winnow): Promise<Page> {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('button', { name: 'Open sample dataset' }).click();
  await expect(page.getByRole('grid', { name: 'Rows of the dataset' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('20,000 rows');
  return page;
}

function cell(page: Page, row: number, column: number) {
  return page.getByRole('grid').getByRole('row').nth(row).getByRole('gridcell').nth(column);
}

test('open the sample, scroll, sort and filter the grid', async ({ winnow }) => {
  const page = await openSample(winnow);
  const grid = page.getByRole('grid');
  await expect(page.getByRole('columnheader', { name: /delay/ })).toBeVisible();
  await expect(cell(page, 1, 0)).toHaveText('1');
  // Every header draws its column's sketch: bars for delay, the top values for origin.
  await expect(page.getByRole('columnheader', { name: /delay/ }).locator('.mini-histogram rect').first()).toBeVisible();
  await expect(
    page
      .getByRole('columnheader', { name: /origin/ })
      .locator('.mini-histogram rect')
      .first(),
  ).toBeVisible();
  await shot(winnow, 'grid');

  await grid.evaluate((element) => (element.scrollTop = 28 * 10_000));
  await expect(grid.getByRole('row', { name: /^10001\b/ }).or(grid.locator('[aria-rowindex="10002"]'))).toBeVisible();
  await expect(grid.locator('[aria-rowindex="10002"] [role="gridcell"]').first()).toHaveText('10001');

  await grid.evaluate((element) => (element.scrollTop = 0));
  await page.getByRole('button', { name: 'Sort by delay' }).click();
  await page.getByRole('button', { name: 'Sort by delay' }).click();
  await expect(page.getByRole('columnheader', { name: /delay/ })).toHaveAttribute('aria-sort', 'descending');
  const headers = await page.getByRole('columnheader').allTextContents();
  const delayIndex = headers.findIndex((text) => text.startsWith('delay'));
  const topDelay = grid.locator('[aria-rowindex="2"] [role="gridcell"]').nth(delayIndex);
  await expect.poll(async () => Number(await topDelay.textContent())).toBeGreaterThan(500);

  await page.getByRole('textbox', { name: 'Filter origin' }).fill('=SFO');
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText(/^[\d,]+ of 20,000 rows$/);
  await shot(winnow, 'grid-sorted-filtered');
});

test('open a column profile with a histogram and its statistics', async ({ winnow }) => {
  const page = await openSample(winnow);
  await page.getByRole('button', { name: 'Profile of delay' }).click();
  const panel = page.getByRole('complementary', { name: 'Profile of delay' });
  await expect(panel.getByRole('table', { name: 'Statistics of delay' })).toContainText('mean');
  await expect(panel.locator('svg').first()).toBeVisible();
  await expect(panel.getByRole('note')).toHaveText('All 20,000 rows.');
  await shot(winnow, 'profile-delay');

  await page.getByRole('button', { name: 'Profile of origin' }).click();
  await expect(page.getByRole('complementary', { name: 'Profile of origin' }).locator('svg').first()).toBeVisible();

  await page.getByRole('complementary', { name: 'Profile of origin' }).getByRole('button', { name: 'Run on full data' }).click();
  await expect(page.getByRole('complementary', { name: 'Profile of origin' }).getByRole('note')).toHaveText('Full data: 20,000 rows.');
});

test('save the project, reload, and open it again with its view', async ({ winnow }) => {
  const page = await openSample(winnow);
  await page.getByRole('textbox', { name: 'Filter origin' }).fill('=LAX');
  await page.getByRole('button', { name: 'Project' }).click();
  const folder = join(tmpdir(), `winnow-project-${Date.now()}`);
  await page.getByRole('textbox', { name: 'Save to folder' }).fill(folder);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved to' })).toBeVisible();
  expect(readFileSync(join(folder, 'pipeline.winnow.yaml'), 'utf8')).toContain('flights.csv');
  expect(JSON.parse(readFileSync(join(folder, 'winnow-project.json'), 'utf8')).filters).toEqual({ origin: '=LAX' });

  await page.reload();
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('textbox', { name: 'Open project folder' }).fill(folder);
  await page.getByRole('button', { name: 'Open project' }).click();
  await expect(page.getByRole('textbox', { name: 'Filter origin' })).toHaveValue('=LAX');
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('of 20,000 rows');
});

test('opening another dataset while a pipeline is open asks what it is for, and changes nothing on disk until then', async ({ winnow }) => {
  const page = await openSample(winnow);
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByRole('textbox', { name: 'Search steps' }).fill('not null');
  await page.getByRole('button', { name: 'Add check not_null' }).click();
  await page.getByRole('combobox', { name: 'not_null column' }).selectOption('delay');
  const folder = join(tmpdir(), `winnow-choice-${Date.now()}`);
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('textbox', { name: 'Save to folder' }).fill(folder);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved to' })).toBeVisible();
  const saved = readFileSync(join(folder, 'pipeline.winnow.yaml'), 'utf8');
  const penguins = join(process.cwd(), 'examples', 'penguins', 'data', 'penguins.csv');

  // Cancel: nothing changes, and the pipeline's own dataset comes back.
  await page.getByRole('button', { name: 'Open dataset' }).click();
  await page.getByRole('textbox', { name: 'Path or URL' }).fill(penguins);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const choice = page.getByRole('dialog', { name: 'Use the dataset for' });
  await expect(choice).toContainText('Pipeline “flights” is open');
  await shot(winnow, 'dataset-choice');
  await page.keyboard.press('Escape');
  await expect(choice).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('20,000 rows');
  await page.waitForTimeout(2_000);
  expect(readFileSync(join(folder, 'pipeline.winnow.yaml'), 'utf8')).toBe(saved);

  // Use it as the input: the spec reads it, and the step that no longer fits says so at its field.
  await page.getByRole('button', { name: 'Open dataset' }).click();
  await page.getByRole('textbox', { name: 'Path or URL' }).fill(penguins);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await choice.getByRole('button', { name: 'Use as this pipeline’s input' }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('344 rows');
  await expect(page.getByRole('article', { name: 'Step not_null' }).getByRole('alert')).toContainText('delay');
  await expect.poll(() => readFileSync(join(folder, 'pipeline.winnow.yaml'), 'utf8'), { timeout: 10_000 }).toContain('penguins.csv');
  expect(readFileSync(join(folder, 'pipeline.winnow.yaml'), 'utf8')).toBe(saved.replace(/uri: .*flights\.csv/, `uri: ${penguins}`));

  // A new pipeline: the saved project stays as it is.
  const before = readFileSync(join(folder, 'pipeline.winnow.yaml'), 'utf8');
  await page.getByRole('button', { name: 'Open dataset' }).click();
  await page.getByRole('button', { name: 'Open sample dataset' }).click();
  await choice.getByRole('button', { name: 'Start a new pipeline' }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('20,000 rows');
  await expect(page.getByRole('article', { name: /^Step / })).toHaveCount(0);
  await page.waitForTimeout(2_000);
  expect(readFileSync(join(folder, 'pipeline.winnow.yaml'), 'utf8')).toBe(before);
});

test('a filter that matches nothing says so', async ({ winnow }) => {
  const page = await openSample(winnow);
  await page.getByRole('textbox', { name: 'Filter origin' }).fill('=NOWHERE');
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('0 of 20,000 rows');
  await expect(page.getByRole('grid', { name: 'Rows of the dataset' }).locator('..').getByText('No rows match the filters.')).toBeVisible();
});

test('undo and redo a filter', async ({ winnow }) => {
  const page = await openSample(winnow);
  await page.getByRole('textbox', { name: 'Filter origin' }).fill('SEA');
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('of 20,000 rows');
  await page.getByRole('grid').focus();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('textbox', { name: 'Filter origin' })).toHaveValue('');
  await expect(page.getByRole('status', { name: 'Row count' })).toHaveText('20,000 rows');
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByRole('textbox', { name: 'Filter origin' })).toHaveValue('SEA');
});

test('recover unsaved work after the server is killed', async ({ winnow }) => {
  const page = await openSample(winnow);
  await page.getByRole('textbox', { name: 'Filter destination' }).fill('=JFK');
  await expect.poll(() => existsSync(join(winnow.dataDir, 'recovery.json')), { timeout: 10_000 }).toBe(true);
  await winnow.crashAndRestart();
  await winnow.page.getByRole('alertdialog', { name: 'Recover unsaved work' }).getByRole('button', { name: 'Recover' }).click();
  await expect(winnow.page.getByRole('textbox', { name: 'Filter destination' })).toHaveValue('=JFK');
  await expect(winnow.page.getByRole('status', { name: 'Row count' })).toContainText('of 20,000 rows');
  await shot(winnow, 'recovered');
});

test('a reload keeps the pipeline, the view and the dataset, and does not ask to recover', async ({ winnow }) => {
  const page = await openSample(winnow);
  await page.getByRole('textbox', { name: 'Filter destination' }).fill('=JFK');
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByRole('textbox', { name: 'Search steps' }).fill('not null');
  await page.getByRole('button', { name: 'Add check not_null' }).click();
  await expect.poll(() => existsSync(join(winnow.dataDir, 'recovery.json')), { timeout: 10_000 }).toBe(true);
  await page.reload();
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('of 20,000 rows');
  await expect(page.getByRole('textbox', { name: 'Filter destination' })).toHaveValue('=JFK');
  await expect(page.getByRole('article', { name: 'Step not_null' })).toBeVisible();
  await expect(page.getByRole('alertdialog', { name: 'Recover unsaved work' })).toHaveCount(0);
});

test('a malformed file shows a readable error naming the file', async ({ winnow }) => {
  const { page } = winnow;
  const bad = join(tmpdir(), `winnow-truncated-${Date.now()}.parquet`);
  writeFileSync(bad, Buffer.from('PAR1 this is not really parquet'));
  await winnow.open();
  await page.getByRole('textbox', { name: 'Path or URL' }).fill(bad);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(bad);
  await expect(alert).toContainText(/Check that the file exists/);
  await shot(winnow, 'malformed-error');
});

test('the server refuses requests without the token and from other Host names', async ({ winnow, request }) => {
  test.skip(winnow.shell !== 'browser', 'the token and Host checks belong to browser mode');
  const server = winnow.server!;
  const withoutToken = await request.get(server.origin + '/');
  expect(withoutToken.status()).toBe(401);
  const api = await request.post(server.origin + '/api/settings', { data: {}, headers: { 'Content-Type': 'application/json' } });
  expect(api.status()).toBe(401);
  const rebinding = await request.get(server.url, { headers: { Host: 'attacker.example:80' } });
  expect(rebinding.status()).toBe(421);
});
