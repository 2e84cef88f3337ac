// Issue 11's scale cases, run by `npm run bench` after the 5M-row comparison (or alone:
// `node bench/scale-bench.mjs`): time and peak memory (RSS) of whole `winnow` processes on
//   - a wide table, 5,000 columns x 1,000 rows: `winnow profile` of it as Parquet and as CSV,
//     and `winnow run` of a one-check spec over it (its report.html profiles every column);
//   - a long spec, 1,000 row checks (not_null, between, in_set, sql; all on_fail: warn, most of
//     them failing, so every pass also looks up examples) over 1M rows x 10 columns.
// The targets are under 30 s and 2 GB each on the 2-core machine. This prints; it asserts nothing.
// WINNOW_BENCH_CLI names another build of the CLI's module (see bench/peak-rss.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = join(root, 'bench', 'data', 'scale');
const TARGET_SECONDS = 30;
const TARGET_BYTES = 2 * 1024 ** 3;
/** Bump when the data below changes, so old files are not reused. */
const GENERATOR_VERSION = 1;
const WIDE = { columns: 5_000, rows: 1_000 };
const LONG = { columns: 10, rows: 1_000_000, checks: 1_000 };

/** Columns cycling through integers, doubles, short texts, dates and booleans, with some nulls. */
function wideColumn(index) {
  const h = `hash(i, ${index})`;
  switch (index % 5) {
    case 0:
      return `CASE WHEN ${h} % 20 = 0 THEN NULL ELSE CAST(${h} % 100000 AS BIGINT) END AS c${index}`;
    case 1:
      return `CAST(${h} % 1000000 AS DOUBLE) / 1000 AS c${index}`;
    case 2:
      return `['red', 'green', 'blue', 'ann@example.com', 'n/a'][CAST(${h} % 5 AS INTEGER) + 1] AS c${index}`;
    case 3:
      return `DATE '2024-01-01' + CAST(${h} % 700 AS INTEGER) AS c${index}`;
    default:
      return `${h} % 3 = 0 AS c${index}`;
  }
}

function longSpec() {
  const steps = [];
  for (let index = 0; index < LONG.checks; index++) {
    const column = `c${index % LONG.columns}`;
    const kind = index % 4;
    if (kind === 0) steps.push(`  - { id: n${index}, check: not_null, column: ${column}, on_fail: warn }`);
    else if (kind === 1) steps.push(`  - { id: b${index}, check: between, column: ${column}, min: ${index % 7}, max: ${1000 + index}, on_fail: warn }`);
    else if (kind === 2)
      steps.push(
        `  - { id: s${index}, check: in_set, column: ${column}, values: [${Array.from({ length: 20 }, (_, k) => k + (index % 5)).join(', ')}], on_fail: warn }`,
      );
    else steps.push(`  - { id: q${index}, check: sql, predicate: '${column} IS NULL OR ${column} % ${2 + (index % 5)} <> 1', on_fail: warn }`);
  }
  return [
    '# Written by bench/scale-bench.mjs.',
    'version: 1',
    'name: scale-long',
    'sources:',
    '  data:',
    '    uri: long.parquet',
    'steps:',
    ...steps,
    'outputs: []',
    '',
  ].join('\n');
}

const wideSpec = [
  '# Written by bench/scale-bench.mjs.',
  'version: 1',
  'name: scale-wide',
  'sources:',
  '  data:',
  '    uri: wide.parquet',
  'steps:',
  '  - { id: ids, check: not_null, column: c0, on_fail: warn }',
  'outputs: []',
  '',
].join('\n');

async function ensureData() {
  await mkdir(dataDir, { recursive: true });
  const metaPath = join(dataDir, 'meta.json');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const version = (await connection.runAndReadAll('SELECT version()')).getRows()[0][0];
    const meta = JSON.stringify({ generator: GENERATOR_VERSION, wide: WIDE, long: LONG, duckdb: version });
    const files = ['wide.parquet', 'wide.csv', 'long.parquet'].map((name) => join(dataDir, name));
    if (existsSync(metaPath) && (await readFile(metaPath, 'utf8')) === meta && files.every(existsSync)) {
      console.log(`scale data: reusing ${relative(root, dataDir)}/`);
    } else {
      await rm(metaPath, { force: true });
      const wide = `SELECT ${Array.from({ length: WIDE.columns }, (_, index) => wideColumn(index)).join(', ')} FROM range(${WIDE.rows}) r(i) ORDER BY i`;
      await connection.run(`COPY (${wide}) TO '${files[0]}' (FORMAT parquet, COMPRESSION zstd)`);
      await connection.run(`COPY (SELECT * FROM read_parquet('${files[0]}')) TO '${files[1]}' (FORMAT csv, HEADER true)`);
      const long = `SELECT ${Array.from({ length: LONG.columns }, (_, j) => `CASE WHEN hash(i, ${j}) % 50 = 0 THEN NULL ELSE CAST(hash(i, ${j}) % 2000 AS BIGINT) END AS c${j}`).join(', ')} FROM range(${LONG.rows}) r(i) ORDER BY i`;
      await connection.run(`COPY (${long}) TO '${files[2]}' (FORMAT parquet, COMPRESSION zstd)`);
      await writeFile(metaPath, meta);
      console.log(`scale data: generated into ${relative(root, dataDir)}/`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  await writeFile(join(dataDir, 'wide.winnow.yaml'), wideSpec);
  await writeFile(join(dataDir, 'long.winnow.yaml'), longSpec());
}

/**
 * Runs `winnow ...args` in a process of its own and measures it: wall clock from spawn to exit,
 * CPU time (user + sys) and the peak resident memory, which bench/peak-rss.mjs reads from the
 * process's own resource usage as it exits (DuckDB's native memory included).
 */
function measure(args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [join(root, 'bench', 'peak-rss.mjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  const usage = /^winnow-bench-usage (.*)$/m.exec(child.stderr);
  if (child.status !== 0 && child.status !== 1) throw new Error(`winnow ${args.join(' ')} exited ${child.status}:\n${child.stderr.slice(0, 2000)}`);
  const { maxRSS, cpuMs } = JSON.parse(usage[1]);
  return { ms, cpuMs, rssBytes: maxRSS * 1024 };
}

const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;
const gb = (bytes) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  '))
    .join('\n');
}

export async function scaleBench() {
  if (!process.env.WINNOW_BENCH_CLI && !existsSync(join(root, 'dist', 'winnow.mjs')))
    throw new Error('the CLI is not built: run `npm run bench` (it builds first) or `npm run build`');
  await ensureData();
  const out = join(dataDir, 'out');
  const cases = [
    [`profile, ${WIDE.columns} columns x ${WIDE.rows} rows, Parquet`, ['profile', join(dataDir, 'wide.parquet'), '--json']],
    [`profile, ${WIDE.columns} columns x ${WIDE.rows} rows, CSV`, ['profile', join(dataDir, 'wide.csv'), '--json']],
    [`run + report.html, ${WIDE.columns} columns x ${WIDE.rows} rows`, ['run', join(dataDir, 'wide.winnow.yaml'), '--out', join(out, 'wide')]],
    [`run, ${LONG.checks} checks on ${LONG.rows / 1e6}M rows`, ['run', join(dataDir, 'long.winnow.yaml'), '--out', join(out, 'long')]],
  ];
  const rows = [['case', 'wall', 'CPU (user + sys)', 'peak RSS', `target < ${TARGET_SECONDS} s, < ${gb(TARGET_BYTES)}`]];
  for (const [name, args] of cases) {
    const { ms, cpuMs, rssBytes } = measure(args);
    rows.push([name, sec(ms), sec(cpuMs), gb(rssBytes), ms < TARGET_SECONDS * 1000 && rssBytes < TARGET_BYTES ? 'met' : 'NOT met']);
    console.log(`  ${name}: ${sec(ms)}, ${gb(rssBytes)}`);
  }
  console.log(`\nscale (issue 11; whole processes, wall clock on a shared machine):\n${table(rows)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await scaleBench();
