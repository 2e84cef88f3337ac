/**
 * Long work in the app: a cell whose query runs on and on shows how long it has run and a Cancel
 * button; Cancel stops the query, the cell says it was cancelled and the steps before it keep
 * their results. A Parquet dataset's row count is known from its footers before it is read, and
 * the cells of a large dataset say they show a sample.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from '@playwright/test';
import { expect, test } from './shells';

const SHOTS = join('test-results', 'screenshots');

async function addStep(page: Page, search: string, kind: string): Promise<void> {
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByRole('textbox', { name: 'Search steps' }).fill(search);
  await page.getByRole('button', { name: kind }).click();
}

test('a cell that runs long shows its time and Cancel; cancelling stops it and keeps the steps before it', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('button', { name: 'Open sample dataset' }).click();
  await addStep(page, 'not null', 'Add check not_null');
  await expect(page.getByRole('article', { name: 'Step not_null' }).getByLabel('Unexpected in not_null')).toBeVisible();

  // A query that never ends by itself (a sum over 10^14 numbers): only Cancel stops it, however busy the machine.
  await addStep(page, 'derive', 'Add transform derive');
  await page.getByRole('textbox', { name: 'derive column' }).fill('endless');
  await page.getByRole('textbox', { name: 'derive expr' }).fill('(SELECT sum(range) FROM range(100000000000000))');
  const derive = page.getByRole('article', { name: 'Step derive' });
  const running = derive.getByRole('status', { name: 'Running derive' });
  await expect(running).toContainText(/for \d+\.\d s/);
  await expect(page.getByLabel('Status of derive')).toHaveText('…');
  await page.screenshot({ path: join(SHOTS, `${winnow.shell}-cell-running.png`) });

  await running.getByRole('button', { name: 'Cancel: Running derive' }).click();
  await expect(derive.getByRole('status', { name: 'Cancelled derive' })).toContainText('Cancelled after');
  await expect(page.getByLabel('Status of derive')).toHaveText('cancelled');
  await expect(page.getByRole('status', { name: 'Pipeline result' })).toHaveText('cancelled at step “derive”');
  await expect(running).toHaveCount(0);
  await expect(page.getByRole('article', { name: 'Step not_null' }).getByLabel('Unexpected in not_null')).toBeVisible();
  await expect(page.getByLabel('Status of not_null')).toHaveText(/pass|warn/);
  // The grid still answers: the engine is free again.
  await page.getByRole('textbox', { name: 'Filter origin' }).fill('= SEA');
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText(/^[\d,]+ of 20,000 rows$/);
  await page.screenshot({ path: join(SHOTS, `${winnow.shell}-cell-cancelled.png`) });

  // An edit runs it again: a cheap expression gives the cell its result.
  await page.getByRole('textbox', { name: 'derive expr' }).fill('delay / 60');
  await expect(page.getByLabel('Status of derive')).toHaveText('done');
  await expect(derive.getByRole('status', { name: 'Cancelled derive' })).toHaveCount(0);
});

test('a Parquet dataset’s row count comes from its metadata, before the dataset is read; cells on a large one say they show a sample', async ({ winnow }) => {
  const { page } = winnow;
  const folder = mkdtempSync(join(tmpdir(), 'winnow-rows-'));
  const file = join(folder, 'events.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT range AS id, hash(range) % 1000 AS score, md5(range::VARCHAR) AS code FROM range(1500000)) TO '${file}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();

  try {
    await winnow.open();
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/openDataset'));
    await page.getByRole('textbox', { name: 'Path or URL' }).fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    // The answer to the open request carries the count, while the whole read has not finished.
    const opening = (await (await answer).json()) as { rows?: number; ready: unknown };
    expect(opening.rows).toBe(1_500_000);
    expect(opening.ready).toBeNull();
    await expect(page.getByRole('status', { name: 'Row count' })).toHaveText(/^1,500,000 rows$/);
    await page.screenshot({ path: join(SHOTS, `${winnow.shell}-parquet-row-count.png`) });
    await expect(page.getByRole('grid', { name: 'Rows of the dataset', exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('status', { name: 'Row count' })).toHaveText('1,500,000 rows');

    // 1.5M rows are 42M px of rows, more than a browser scrolls: the grid still reaches the last
    // row (Ctrl+End), and a key press from there moves by one page, not by a share of the table.
    const grid = page.getByRole('grid', { name: 'Rows of the dataset', exact: true });
    const numberAt = (index: number) => grid.locator(`[aria-rowindex="${index + 1}"] [role="gridcell"]`).first();
    /** The row numbers wholly in view below the header. */
    const inView = () =>
      grid.evaluate((element) => {
        const bottom = element.getBoundingClientRect().top + element.clientHeight;
        const top = element.querySelector('.grid-head')!.getBoundingClientRect().bottom;
        return [...element.querySelectorAll('.grid-body [role="row"]')]
          .filter((row) => row.getBoundingClientRect().top >= top - 1 && row.getBoundingClientRect().bottom <= bottom + 1)
          .map((row) => Number(row.getAttribute('aria-rowindex')) - 1)
          .sort((a, b) => a - b);
      });
    await grid.focus();
    await page.keyboard.press('Control+End');
    await expect(numberAt(1_500_000)).toHaveText('1500000');
    await expect.poll(async () => (await inView()).at(-1)).toBe(1_500_000);
    const end = await inView();
    await page.keyboard.press('PageUp');
    // The row at the top before is at the bottom now, give or take the one only partly in view.
    await expect.poll(async () => Math.abs((await inView()).at(-1)! - end[0]!)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(SHOTS, `${winnow.shell}-grid-last-rows.png`) });
    await page.keyboard.press('Control+Home');
    await expect(numberAt(1)).toHaveText('1');

    // The cells run on the working set's live sample, and say so; the full data is one click away.
    await addStep(page, 'not null', 'Add check not_null');
    const result = page.getByRole('region', { name: 'Result of not_null' });
    await expect(result).toContainText(/on a sample of [\d,]+ rows/);
    await expect(page.getByRole('status', { name: 'Pipeline result' })).toContainText(
      /^on a sample of [\d,]+ of the working set's 1,500,000 rows: read [\d,]+ = kept/,
    );
    await expect(page.getByRole('button', { name: 'Run on full data' })).toBeEnabled();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
