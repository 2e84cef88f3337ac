/**
 * Dropping a file on the landing page in browser mode, where the page cannot tell where the file
 * lives: the file is copied into the server's data folder (with progress and a line saying so) and
 * the copy opens; a file that is not data, or too large, is refused beside the drop area.
 * Screenshots go to /tmp/shots/upload-*.png.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { electronUnavailable, expect, test } from './shells';
import { startServer } from './winnow-server';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

const CSV = 'id,city,temp\n1,Oslo,3.5\n2,Lima,19.25\n3,Pune,31\n';

test.skip(
  ({ shell }) => shell === 'electron',
  `Electron: ${electronUnavailable() ?? 'Electron knows where a dropped file lives and opens it there; nothing is copied'}`,
);

/** Drags a file made in the page onto the landing page and drops it, as a person would. */
async function dropFile(page: Page, name: string, content: string, type: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, content, type }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], name, { type }));
      return transfer;
    },
    { name, content, type },
  );
  await page.dispatchEvent('main.landing', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main.landing', 'dragover', { dataTransfer });
  await page.dispatchEvent('main.landing', 'drop', { dataTransfer });
}

function rowCells(page: Page, rowIndex: number) {
  return page.getByRole('grid', { name: 'Rows of the dataset' }).locator(`[aria-rowindex="${rowIndex}"] [role="gridcell"]`);
}

test('a dropped file is copied into the data folder, with progress, and opens', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  await expect(page.getByRole('button', { name: 'Open sample dataset' })).toBeVisible();

  // Hold the upload until the progress has been looked at.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/upload?**', async (route) => {
    await held;
    await route.continue();
  });
  await dropFile(page, 'drop-test.csv', CSV, 'text/csv');
  const copying = page.getByRole('status').filter({ hasText: 'Copying drop-test.csv into Winnow…' });
  await expect(copying).toBeVisible();
  await expect(page.getByText('copies it into its data folder; the spec will name that copy')).toBeVisible();
  await page.locator('.landing-card').screenshot({ path: join(SHOTS, 'upload-copying.png') });
  release();

  await expect(page.getByRole('status', { name: 'Row count' })).toHaveText('3 rows');
  await expect(rowCells(page, 2)).toHaveText(['1', '1', 'Oslo', '3.5']);
  await expect(rowCells(page, 3)).toHaveText(['2', '2', 'Lima', '19.25']);
  await expect(rowCells(page, 4)).toHaveText(['3', '3', 'Pune', '31']);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The copy is content-addressed under the server's data folder, and the dataset is that copy.
  const sha256 = createHash('sha256').update(CSV).digest('hex');
  const copy = join(winnow.dataDir, 'uploads', sha256.slice(0, 16), 'drop-test.csv');
  expect(existsSync(copy)).toBe(true);
  expect(readFileSync(copy, 'utf8')).toBe(CSV);
  await expect(page.locator('.dataset-title')).toHaveAttribute('title', copy);
  await page.screenshot({ path: join(SHOTS, 'upload-open.png') });
});

test('a dropped file that is not data is refused beside the drop area, naming it', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  await expect(page.getByRole('button', { name: 'Open sample dataset' })).toBeVisible();
  await dropFile(page, 'notes.txt', 'remember the milk\n', 'text/plain');

  const problem = page.locator('.landing-card > .problem');
  await expect(problem).toHaveText('“notes.txt” is not a data file Winnow reads: drop a CSV, TSV, JSON, NDJSON, Parquet or Arrow file (also .gz or .zst)');
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(page.getByRole('status')).toHaveCount(0);
  expect(existsSync(join(winnow.dataDir, 'uploads'))).toBe(false);
  await page.screenshot({ path: join(SHOTS, 'upload-not-data.png') });

  // A data file dropped next clears the error and opens.
  await dropFile(page, 'drop-test.csv', CSV, 'text/csv');
  await expect(page.getByRole('status', { name: 'Row count' })).toHaveText('3 rows');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a dropped file over WINNOW_UPLOAD_MAX_BYTES is refused with its size and the limit', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'winnow-e2e-upload-'));
  const server = await startServer(dataDir, { env: { WINNOW_UPLOAD_MAX_BYTES: '20' } });
  try {
    await page.goto(server.url);
    await expect(page.getByRole('button', { name: 'Open sample dataset' })).toBeVisible();
    await dropFile(page, 'drop-test.csv', CSV, 'text/csv');
    await expect(page.getByRole('alert')).toHaveText(
      `“drop-test.csv” is ${Buffer.byteLength(CSV)} B; Winnow in a browser copies files up to 20 B (WINNOW_UPLOAD_MAX_BYTES raises that): type its path instead`,
    );
    await page.locator('.landing-card').screenshot({ path: join(SHOTS, 'upload-too-large.png') });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
