/**
 * The analysis views as a person uses them, in browser mode: drift of the flights sample
 * against its baseline file (table by drift score, a column's histograms and ECDFs, "Add as
 * check"), slices of the flights by origin and of the penguins by species, and the labels of the
 * penguins and of a small annotated file. Screenshots, light and dark, go to
 * test-results/screenshots/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type Winnow } from './shells';
import { ROOT } from './winnow-server';

const SHOTS = join('test-results', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

/** One screenshot per theme of the view on screen. */
async function shots(winnow: Winnow, name: string) {
  const { page } = winnow;
  for (const theme of ['light', 'dark']) {
    await page.evaluate((value) => (document.documentElement.dataset.theme = value), theme);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${winnow.shell}-${name}-${theme}.png`) });
  }
  await page.evaluate(() => delete document.documentElement.dataset.theme);
}

async function openPath(winnow: Winnow, path: string, rows: string): Promise<Page> {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('textbox', { name: 'Path or URL' }).fill(path);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText(rows);
  return page;
}

async function openSample(winnow: Winnow): Promise<Page> {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('button', { name: 'Open sample dataset' }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('20,000 rows');
  return page;
}

async function showView(page: Page, name: 'Drift' | 'Slices' | 'Labels') {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
}

test('drift of the flights against their baseline: most drifted first, a column’s distributions, add as check', async ({ winnow }) => {
  const page = await openSample(winnow);
  await showView(page, 'Drift');
  const view = page.getByRole('region', { name: 'Drift', exact: true });
  await view.getByRole('textbox', { name: 'Baseline path or URL' }).fill(join(ROOT, 'examples', 'flights', 'data', 'flights-baseline.parquet'));
  await view.getByRole('button', { name: 'Open baseline' }).click();

  const summary = view.getByRole('status', { name: 'Drift summary' });
  await expect(summary).toContainText(/\d+ of 6 columns drifted/, { timeout: 60_000 });
  const table = view.getByRole('table', { name: 'Drift by column' });
  await expect(table.getByRole('columnheader', { name: /Drift score/ })).toHaveAttribute('aria-sort', 'descending');
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(6);
  // Drifted columns first, then by score: the id column (its ranges barely overlap) leads.
  await expect(rows.first().getByRole('rowheader')).toHaveText('id');
  const scores = (await rows.evaluateAll((elements) => elements.map((row) => row.querySelectorAll('td')[5]?.textContent ?? ''))).map((text) =>
    Number(text.replaceAll(',', '')),
  );
  const drifted = await rows.evaluateAll((elements) => elements.map((row) => row.textContent?.includes('▲ drifted') ?? false));
  for (let index = 1; index < scores.length; index += 1) {
    if (drifted[index] === drifted[index - 1]) expect(scores[index]!).toBeLessThanOrEqual(scores[index - 1]!);
    else expect(drifted[index - 1]).toBe(true);
  }
  await expect(table.getByRole('figure', { name: 'Distributions of delay' })).toBeVisible();

  await table.getByRole('button', { name: 'Show drift of delay' }).click();
  const detail = view.getByRole('region', { name: 'Drift of delay' });
  await expect(detail.getByRole('figure', { name: 'Histograms of delay' }).locator('svg')).toBeVisible();
  const ecdf = detail.getByRole('figure', { name: 'ECDFs of delay' });
  await expect(ecdf.locator('svg')).toBeVisible();
  await expect(ecdf).toContainText(/D = 0\.\d+/);
  await expect(detail.getByRole('table', { name: 'Drift statistics of delay' })).toContainText('KS distance D');
  await shots(winnow, 'drift-delay');

  await detail.getByRole('button', { name: 'Add as check' }).click();
  await expect(detail.getByRole('status').filter({ hasText: 'Added step drift_delay' })).toBeVisible();

  await table.getByRole('button', { name: 'Show drift of origin' }).click();
  await expect(view.getByRole('region', { name: 'Drift of origin' }).getByRole('figure', { name: 'Category shares of origin' }).locator('svg')).toBeVisible();
  await shots(winnow, 'drift-origin');
});

test('the Drift tab computes at any cell, and the check it adds goes there and shows the same numbers', async ({ winnow }) => {
  const page = await openSample(winnow);
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByRole('textbox', { name: 'Search steps' }).fill('filter');
  await page.getByRole('button', { name: 'Add transform filter' }).click();
  await page.getByRole('textbox', { name: 'filter where' }).fill('distance > 300');
  await expect(page.getByRole('article', { name: 'Step filter' }).getByText(/dropped [\d,]+/)).toBeVisible();

  await showView(page, 'Drift');
  await page.getByRole('combobox', { name: 'Rows' }).selectOption('filter');
  const picker = page.getByRole('group', { name: 'Rows the view computes on' });
  await expect(picker).toContainText('15,382 rows');
  const view = page.getByRole('region', { name: 'Drift', exact: true });
  await expect(view).toContainText('after step “filter”');
  await view.getByRole('textbox', { name: 'Baseline path or URL' }).fill(join(ROOT, 'examples', 'flights', 'data', 'flights-baseline.parquet'));
  await view.getByRole('button', { name: 'Open baseline' }).click();
  const table = view.getByRole('table', { name: 'Drift by column' });
  await table.getByRole('button', { name: 'Show drift of delay' }).click({ timeout: 60_000 });
  const detail = view.getByRole('region', { name: 'Drift of delay' });
  const statistics = detail.getByRole('table', { name: 'Drift statistics of delay' });
  await expect(statistics).toContainText('15,382 current');
  await expect(view.getByLabel('Rows compared')).toContainText(/^Computed on 15,382 rows of .+ after step “filter” against [\d,]+ rows of flights-baseline/);
  await expect(view.getByLabel('Rows compared')).toContainText('A check added here goes at this point of the pipeline');
  const tabP = /KS distance D[^(]*\(p ([^)]+)\)/.exec((await statistics.textContent()) ?? '')![1]!;
  await detail.getByRole('button', { name: 'Add as check' }).click();

  await page.getByRole('tab', { name: 'Data' }).click();
  const ids = await page.getByRole('article', { name: /^Step / }).evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label')!.slice(5)));
  expect(ids).toEqual(['filter', 'drift_delay']);
  await expect(page.getByRole('combobox', { name: 'drift_delay on_fail' })).toHaveValue('warn');
  const cell = page.getByRole('article', { name: 'Step drift_delay' });
  await expect(cell).toContainText('rows 15,382 → 15,382');
  const observed = cell.getByLabel('Observed by drift_delay');
  await expect(observed).toContainText('current 15,382');
  await expect(observed).toContainText(`(p ${tabP})`);
});

test('drift between two splits of the same data', async ({ winnow }) => {
  const page = await openSample(winnow);
  await showView(page, 'Drift');
  const view = page.getByRole('region', { name: 'Drift', exact: true });
  await view.getByRole('radio', { name: 'A split of this data' }).check();
  await view.getByRole('combobox', { name: 'Split column' }).selectOption('origin');
  await expect(view.getByRole('combobox', { name: 'Baseline value' })).toHaveValue('=DFW');
  await expect(view.getByRole('status', { name: 'Drift summary' })).toContainText(/of 5 columns drifted/, { timeout: 60_000 });
  await view.getByRole('button', { name: 'Show drift of distance' }).click();
  const detail = view.getByRole('region', { name: 'Drift of distance' });
  await expect(detail.getByRole('figure', { name: 'ECDFs of distance' }).locator('svg')).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Add as check' })).toBeDisabled();
});

test('slices of the flights by origin: bars with intervals beside a sortable table', async ({ winnow }) => {
  const page = await openSample(winnow);
  await showView(page, 'Slices');
  const view = page.getByRole('region', { name: 'Slices', exact: true });
  await view.getByRole('combobox', { name: 'Slice by' }).selectOption('origin');
  await expect(view.getByRole('status', { name: 'Slices summary' })).toContainText(/\d+ slices of 20,000 rows by origin/, { timeout: 60_000 });
  const table = view.getByRole('table', { name: 'Slices table' });
  await expect(table.getByRole('columnheader', { name: /Rows/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.locator('tbody tr').first().getByRole('rowheader')).toHaveText('origin=DFW');
  await expect(view.getByRole('figure', { name: 'share of rows per slice' }).locator('svg')).toBeVisible();
  await shots(winnow, 'slices-origin');

  await table.getByRole('button', { name: /^Slice/ }).click();
  await expect(table.getByRole('columnheader', { name: /Slice/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.locator('tbody tr').first().getByRole('rowheader')).toHaveText(/^origin=A/);
});

test('a view keeps its settings and results across tab switches, and its settings in the saved project', async ({ winnow }) => {
  const page = await openSample(winnow);
  await showView(page, 'Slices');
  const view = page.getByRole('region', { name: 'Slices', exact: true });
  await view.getByRole('combobox', { name: 'Slice by' }).selectOption('origin');
  const summary = view.getByRole('status', { name: 'Slices summary' });
  await expect(summary).toContainText(/\d+ slices of 20,000 rows by origin/, { timeout: 60_000 });
  await showView(page, 'Drift');
  await showView(page, 'Slices');
  // Still there, without computing again.
  await expect(summary).toContainText(/\d+ slices of 20,000 rows by origin/, { timeout: 1_000 });

  const folder = join(tmpdir(), `winnow-views-${Date.now()}`);
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('textbox', { name: 'Save to folder' }).fill(folder);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved to' })).toBeVisible();
  await winnow.crashAndRestart();
  await winnow.page
    .getByRole('alertdialog', { name: 'Recover unsaved work' })
    .getByRole('button', { name: 'Discard' })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await winnow.page.getByRole('button', { name: 'Project' }).click();
  await winnow.page.getByRole('textbox', { name: 'Open project folder' }).fill(folder);
  await winnow.page.getByRole('button', { name: 'Open project' }).click();
  await showView(winnow.page, 'Slices');
  await expect(winnow.page.getByRole('region', { name: 'Slices', exact: true }).getByRole('combobox', { name: 'Slice by' })).toHaveValue('origin');
});

test('slices of the penguins: a positive rate per species, added as a check', async ({ winnow }) => {
  const page = await openPath(winnow, join(ROOT, 'examples', 'penguins', 'data', 'penguins.csv'), '344 rows');
  await showView(page, 'Slices');
  const view = page.getByRole('region', { name: 'Slices', exact: true });
  await view.getByRole('combobox', { name: 'Slice by' }).selectOption('species');
  await view.getByRole('combobox', { name: 'Label' }).selectOption('sex');
  await view.getByRole('combobox', { name: 'Positive class' }).fill('MALE');
  await view.getByRole('combobox', { name: 'Metric' }).selectOption('positive_rate');
  await expect(view.getByRole('status', { name: 'Slices summary' })).toContainText('3 slices of 344 rows by species; label sex (positive: MALE)');
  const chart = view.getByRole('figure', { name: 'positive rate per slice' });
  await expect(chart.locator('svg')).toBeVisible();
  // A whisker's two end ticks per slice.
  await expect(chart.locator('g[aria-label="tick"] line')).toHaveCount(6);
  await view.getByRole('button', { name: 'Add as check' }).click();
  await expect(view.getByRole('status').filter({ hasText: 'Added step slice_positive_rate_by_species' })).toBeVisible();
  await shots(winnow, 'slices-penguins');
});

test('two-way slices: whole labels on the chart and every column of the table in view', async ({ winnow }) => {
  const page = await openPath(winnow, join(ROOT, 'examples', 'penguins', 'data', 'penguins.csv'), '344');
  await showView(page, 'Slices');
  const view = page.getByRole('region', { name: 'Slices', exact: true });
  await view.getByRole('combobox', { name: 'Slice by' }).selectOption('species');
  await view.getByRole('combobox', { name: 'and by' }).selectOption('island');
  await expect(view.getByRole('status', { name: 'Slices summary' })).toContainText('5 slices of 344 rows by species and island');
  const chart = view.getByRole('figure', { name: 'share of rows per slice' });
  await expect(chart.locator('svg text').filter({ hasText: 'species=Chinstrap, island=Dream' })).toHaveCount(1);
  const table = view.getByRole('table', { name: 'Slices table' });
  const tableBox = (await view.boundingBox())!;
  for (const header of await table.getByRole('columnheader').all()) {
    const box = (await header.boundingBox())!;
    expect(box.x + box.width, (await header.textContent()) ?? '').toBeLessThanOrEqual(tableBox.x + tableBox.width + 1);
  }
  await shots(winnow, 'slices-two-way');
});

test('labels of the penguins: class balance, conflicting labels, add as check', async ({ winnow }) => {
  const page = await openPath(winnow, join(ROOT, 'examples', 'penguins', 'data', 'penguins.csv'), '344 rows');
  await showView(page, 'Labels');
  const view = page.getByRole('region', { name: 'Labels', exact: true });
  await view.getByRole('combobox', { name: 'Label column' }).selectOption('species');
  const balance = view.getByRole('region', { name: 'Class balance' });
  await expect(balance.getByRole('figure', { name: 'Class balance of species' }).locator('svg')).toBeVisible();
  await expect(balance.getByRole('definition').first()).toHaveText('3');

  const features = view.getByRole('group', { name: /Features/ });
  await features.getByRole('checkbox', { name: 'island' }).check();
  await features.getByRole('checkbox', { name: 'sex' }).check();
  const conflicts = view.getByRole('region', { name: 'Conflicting labels' }).getByRole('table', { name: 'Conflicting labels' });
  await expect(conflicts.locator('tbody tr').first()).toContainText('Biscoe');
  await shots(winnow, 'labels-penguins');

  await balance.getByRole('button', { name: 'Add class balance as check' }).click();
  await expect(view.getByRole('status').filter({ hasText: 'Added step class_balance_species' })).toBeVisible();
});

test('labels with annotators: the agreement heatmap and the least agreed items', async ({ winnow }) => {
  const labels = ['pos', 'neg', 'neu'];
  const lines = ['item,ann,bob,cy'];
  for (let index = 0; index < 40; index += 1) {
    const truth = labels[index % 3]!;
    const other = labels[(index + 1) % 3]!;
    lines.push(`t${index + 1},${truth},${index % 5 === 0 ? other : truth},${index % 3 === 0 ? other : truth}`);
  }
  const file = join(tmpdir(), `winnow-ratings-${Date.now()}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const page = await openPath(winnow, file, '40 rows');
  await showView(page, 'Labels');
  const view = page.getByRole('region', { name: 'Labels', exact: true });
  await view.getByRole('radio', { name: 'A column per annotator' }).check();
  const annotators = view.getByRole('group', { name: 'Annotator columns' });
  for (const name of ['ann', 'bob', 'cy']) await annotators.getByRole('checkbox', { name }).check();
  await view.getByRole('combobox', { name: 'Item column' }).selectOption('item');
  const card = view.getByRole('region', { name: 'Annotator agreement' });
  await expect(card.getByRole('figure', { name: 'Agreement between annotators' }).locator('svg g[aria-label="cell"] rect')).toHaveCount(9);
  await expect(card.getByRole('table', { name: 'Least agreed items' }).locator('tbody tr').first()).toContainText('t1');
  await shots(winnow, 'labels-agreement');
  await card.getByRole('button', { name: 'Add agreement as check' }).click();
  await expect(view.getByRole('status').filter({ hasText: 'Added step agreement' })).toBeVisible();
});
