/**
 * "Open from S3…" as a person uses it, in browser mode, against a real S3-compatible server
 * (s3rver): browse to a prefix of partitions and open it; open one key; see why an open failed
 * next to where the source was picked (a key that is gone, a store that is down) and retry from
 * there. The server gets the AWS settings a person would export; the secret key must never reach
 * the page. Screenshots go to /tmp/shots/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { s3ServerEnv, startS3Server, type TestS3Server } from '../testing/s3rver-server';
import { electronUnavailable, expect, test as shellTest } from './shells';
import { startServer } from './winnow-server';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

const BUCKET = 'flight-logs';
const PARTS = {
  'logs/2026-01/part-0.csv': 'day,origin,delay\n2026-01-03,SFO,12\n2026-01-04,LAX,-3\n2026-01-05,SEA,41\n',
  'logs/2026-02/part-1.csv': 'day,origin,delay\n2026-02-01,JFK,7\n2026-02-02,BOS,0\n',
};
// s3rver takes any secret with the access key S3RVER; a distinctive one can be searched for.
const SECRET = `winnow-e2e-secret-${randomUUID()}`;

interface S3World {
  page: Page;
  s3: TestS3Server;
  /** Loads the app in the page. */
  open(): Promise<void>;
  /** Everything the page received from the server so far, and the requests it sent, as text. */
  seenByPage(): Promise<string[]>;
}

const test = shellTest.extend<{ world: S3World }>({
  world: async ({ shell, page }, use, testInfo) => {
    testInfo.skip(shell === 'electron', `Electron: ${electronUnavailable() ?? 'this test sets the S3 environment of browser mode’s server'}`);
    const scratch = mkdtempSync(join(tmpdir(), 'winnow-e2e-s3-'));
    const s3 = await startS3Server([BUCKET, 'model-inputs']);
    for (const [key, body] of Object.entries(PARTS)) await s3.put(BUCKET, key, body);
    await s3.put(BUCKET, 'logs/_SUCCESS', '');
    const server = await startServer(join(scratch, 'data'), { env: s3ServerEnv(s3, join(scratch, 'cache'), SECRET) });

    const seen: Promise<string>[] = [];
    page.on('request', (request) => seen.push(Promise.resolve(`${request.url()} ${request.postData() ?? ''}`)));
    page.on('response', (response) =>
      seen.push(
        response.body().then(
          (body) => body.toString('latin1'),
          () => '',
        ),
      ),
    );

    await use({
      page,
      s3,
      open: async () => {
        await page.goto(server.url);
      },
      seenByPage: async () => [...(await Promise.all(seen)), await page.content()],
    });
    await server.stop().catch(() => undefined);
    await s3.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  },
});

function s3Browser(page: Page) {
  return page.getByRole('navigation', { name: 'S3' });
}

async function browseTo(page: Page, ...names: string[]) {
  await page.getByRole('button', { name: 'Open from S3…' }).click();
  const browser = s3Browser(page);
  for (const name of names) {
    await browser.getByRole('button', { name, exact: true }).click();
    await expect(browser.getByRole('button', { name: 'Open this prefix as a dataset' })).toBeEnabled();
  }
  return browser;
}

function rowCells(page: Page, rowIndex: number) {
  return page.getByRole('grid', { name: 'Rows of the dataset' }).locator(`[aria-rowindex="${rowIndex}"] [role="gridcell"]`);
}

async function expectNoSecret(world: S3World) {
  const seen = await world.seenByPage();
  // The check must have looked at the host's answers, the S3 listings among them.
  expect(seen.some((text) => text.includes(`s3://${BUCKET}/logs/`))).toBe(true);
  expect(seen.filter((text) => text.includes(SECRET))).toEqual([]);
}

test('browse to a prefix of partitions and open it whole', async ({ world }) => {
  const { page } = world;
  await world.open();
  await page.getByRole('button', { name: 'Open from S3…' }).click();
  const browser = s3Browser(page);
  await expect(browser.getByRole('button', { name: 'model-inputs', exact: true })).toBeVisible();
  await browser.screenshot({ path: join(SHOTS, 's3-buckets.png') });
  await browser.getByRole('button', { name: BUCKET, exact: true }).click();
  await expect(browser.locator('code')).toHaveText(`s3://${BUCKET}/`);
  await browser.getByRole('button', { name: 'logs/', exact: true }).click();
  await expect(browser.locator('code')).toHaveText(`s3://${BUCKET}/logs/`);
  await expect(browser.getByRole('listitem')).toHaveText([/^2026-01\/$/, /^2026-02\/$/, /^_SUCCESS\s*0 B$/]);
  await page.screenshot({ path: join(SHOTS, 's3-browse.png') });

  await browser.getByRole('button', { name: 'Open this prefix as a dataset' }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toHaveText('5 rows');
  await expect(page.locator('.dataset-title')).toHaveText('logs');
  await expect(rowCells(page, 2)).toHaveText(['1', '2026-01-03', 'SFO', '12']);
  await expect(rowCells(page, 4)).toHaveText(['3', '2026-01-05', 'SEA', '41']);
  await expect(rowCells(page, 6)).toHaveText(['5', '2026-02-02', 'BOS', '0']);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: join(SHOTS, 's3-open.png') });
  await expectNoSecret(world);
});

test('an open that fails says why next to where the source was picked, and can be retried there', async ({ world }) => {
  const { page, s3 } = world;
  await world.open();

  // One key, picked in the browser.
  const browser = await browseTo(page, BUCKET, 'logs/', '2026-01/');
  await browser.getByRole('button', { name: /^part-0\.csv/ }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toHaveText('3 rows');
  await expect(rowCells(page, 3)).toHaveText(['2', '2026-01-04', 'LAX', '-3']);

  // A key typed in the path field that is not there: the error sits under the field, which keeps the text.
  await page.getByRole('button', { name: 'Open dataset' }).click();
  const missing = `s3://${BUCKET}/missing.csv`;
  const pathField = page.getByRole('textbox', { name: 'Path or URL' });
  await pathField.fill(missing);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const pathProblem = page.locator('form.open-path').getByRole('alert');
  await expect(pathProblem).toContainText('no such key');
  await expect(pathProblem).toContainText(missing);
  await expect(pathProblem).toContainText('AWS settings of the machine running Winnow');
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(pathField).toHaveValue(missing);
  await expect(pathField).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: join(SHOTS, 's3-error-path.png') });

  // A key that vanished between the listing and the click: the error sits in the S3 browser, which stays where it was.
  const gone = `s3://${BUCKET}/logs/2026-02/part-1.csv`;
  await browseTo(page, BUCKET, 'logs/', '2026-02/');
  await s3.remove(BUCKET, 'logs/2026-02/part-1.csv');
  await browser.getByRole('button', { name: /^part-1\.csv/ }).click();
  const browserProblem = browser.getByRole('alert');
  await expect(browserProblem).toContainText('no such key');
  await expect(browserProblem).toContainText(gone);
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(browser.locator('code')).toHaveText(`s3://${BUCKET}/logs/2026-02/`);
  await page.screenshot({ path: join(SHOTS, 's3-error.png') });
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await page.screenshot({ path: join(SHOTS, 's3-error-dark.png') });
  await page.evaluate(() => delete document.documentElement.dataset.theme);

  // Going up a level lists again, and the error about where the browser was goes.
  await browser.getByRole('button', { name: 'Up one level' }).click();
  await expect(browser.locator('code')).toHaveText(`s3://${BUCKET}/logs/`);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The store is down: opening says it cannot be reached, in the browser.
  await s3.kill();
  await browser.getByRole('button', { name: 'Open this prefix as a dataset' }).click();
  await expect(browserProblem).toContainText('cannot reach the S3 endpoint');
  await expect(browserProblem).toContainText(`s3://${BUCKET}/logs/`);
  await expect(page.getByRole('alert')).toHaveCount(1);
  await page.screenshot({ path: join(SHOTS, 's3-unreachable.png') });

  // Back up: the same click opens what is left under the prefix (the session's second dataset, so the engine swaps its working set).
  await s3.restart();
  await browser.getByRole('button', { name: 'Open this prefix as a dataset' }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toHaveText('3 rows');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectNoSecret(world);
});
