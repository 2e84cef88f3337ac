// The workbench's e2e timings (printed, never asserted): time from opening a large Parquet file
// in the app to its first rows on screen (goal < 1 s), and to its full-data profile.
// WINNOW_BENCH_PARQUET_GB sets the file size (default 1). Uses Debian's Chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { chromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gigabytes = Number(process.env.WINNOW_BENCH_PARQUET_GB ?? 1);
const dataDir = join(root, 'bench', 'data');
const parquet = join(dataDir, `app-${gigabytes}gb.parquet`);

async function makeParquet() {
  if (existsSync(parquet)) return;
  mkdirSync(dataDir, { recursive: true });
  // About 26 bytes a row compressed with these columns: rows chosen to land near the size asked.
  const rows = Math.round((gigabytes * 1024 ** 3) / 26);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const started = performance.now();
  await connection.run(`COPY (
    SELECT range AS id,
           (hash(range, 1) % 100000) / 100.0 AS amount,
           (hash(range, 2) % 1000)::INTEGER AS score,
           ['north','south','east','west','centre'][(hash(range, 3) % 5)::INTEGER + 1] AS region,
           TIMESTAMP '2024-01-01' + INTERVAL (hash(range, 4) % 31536000) SECOND AS at,
           CASE WHEN hash(range, 5) % 50 = 0 THEN NULL ELSE md5(range::VARCHAR)[1:12] END AS code
    FROM range(${rows})) TO '${parquet}' (FORMAT parquet, COMPRESSION zstd)`);
  process.stdout.write(`generated ${parquet}: ${rows.toLocaleString()} rows, ${(statSync(parquet).size / 1024 ** 3).toFixed(2)} GB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  connection.closeSync();
  instance.closeSync();
}

async function startServer(dataHome) {
  const child = spawn(process.execPath, [join(root, 'dist', 'server.mjs')], { cwd: root, env: { ...process.env, WINNOW_DATA_DIR: dataHome }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /running at (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, url };
}

await makeParquet();
const { child, url } = await startServer(mkdtempSync(join(tmpdir(), 'winnow-bench-')));
const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Path or URL' }).fill(parquet);
  const opened = performance.now();
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.locator('[role="grid"] [aria-rowindex="2"] [role="gridcell"]').first().filter({ hasText: /^\d+$/ }).waitFor({ timeout: 30 * 60_000 });
  const firstRows = (performance.now() - opened) / 1000;
  await page.getByRole('grid', { name: 'Rows of the dataset', exact: true }).waitFor({ timeout: 30 * 60_000 });
  const allRows = (performance.now() - opened) / 1000;
  const sample = (await page.locator('.badge.sampled').count()) ? (await page.locator('.badge.sampled').innerText()) : 'all rows in the working set';
  await page.getByRole('button', { name: 'Profile of amount' }).click();
  const profileStarted = performance.now();
  await page.getByRole('button', { name: 'Run on full data' }).first().click();
  await page.getByRole('note').filter({ hasText: 'Full data' }).waitFor({ timeout: 30 * 60_000 });
  const fullProfile = (performance.now() - profileStarted) / 1000;
  const size = statSync(parquet).size / 1024 ** 3;
  process.stdout.write(
    [
      '',
      `app: open a ${size.toFixed(2)} GB Parquet file (${sample})`,
      `  first rows on screen   ${firstRows.toFixed(2)} s   (goal < 1 s)`,
      `  working set ready      ${allRows.toFixed(2)} s   (grid sorts, filters and scrolls all rows)`,
      `  full-data profile      ${fullProfile.toFixed(2)} s   (after the rows were on screen)`,
      '',
    ].join('\n'),
  );
} finally {
  await browser.close();
  child.kill('SIGTERM');
}
