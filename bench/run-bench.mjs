#!/usr/bin/env node
// `npm run bench`: how long `winnow run` takes to check 5M rows, next to the same checks
// written by hand as DuckDB SQL on @duckdb/node-api over the same Parquet file.
//
//   node bench/run-bench.mjs [--rows N] [--runs N] [--csv] [--threads N] [--before DIR] [--data-only] [--no-scaling] [--no-scale] [--scale-only]
//
// --before DIR also runs the winnow of another checkout (DIR/bin/winnow.mjs, built), taking turns
// with this one and the hand-written SQL, so before/after figures come from one run on the same
// machine state: e.g. `git worktree add /tmp/before <commit> && (cd /tmp/before && ln -s
// $PWD/node_modules && node scripts/build.mjs)`, then --before /tmp/before.
//
// Then issue 11's scale cases (bench/scale-bench.mjs): a 5,000-column table profiled, and 1,000
// checks over 1M rows, each with its time and peak memory. --no-scale skips them, --scale-only
// runs only them.
//
// The data is generated once into bench/data/ (gitignored) and reused while the generator and
// the DuckDB version are unchanged. The spec has ten checks, all `on_fail: warn`, so the run
// passes and only the checking is measured (no outputs are declared). Each side runs --runs
// times (default 3), taking turns so both see the same conditions on a shared machine, and the
// best of each is shown:
//   - whole process, wall clock: `node bin/winnow.mjs run ...` and `node bench/handwritten.mjs`
//     from spawn to exit;
//   - in-process, wall clock: winnow's report.json timings.totalMs (spec read to report
//     written), and the hand-written script's own timer (open DuckDB, load the Parquet file
//     into a table, one query per check); the difference to the whole process is startup;
//   - after report.json: what the run does once its timings are taken (today the HTML report,
//     which profiles the kept rows), from the output files' modification times;
//   - CPU time (user + sys) of each whole process, which other work on the machine disturbs
//     less than wall clock;
//   - where the time goes: the checks (report step timings), the input's sha256 (timed here the
//     way the runner does it) and the rest (reading the input, writing manifest and rejects).
// With --csv the same is done over the CSV copy of the data.
// The targets (issue 12): winnow <= 1.2x by hand in-process, <= 1.5x as a whole process. This
// script reports; it does not assert.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { BENCH_CHECKS, CATEGORIES } from './checks.mjs';
import { scaleBench } from './scale-bench.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = join(root, 'bench', 'data');
/** Winnow against the same checks by hand: in-process (spec read to report.json) and whole process. */
const TARGET = { inProcess: 1.2, wholeProcess: 1.5 };
/** Bump when the generator below changes, so old data is not reused. */
const GENERATOR_VERSION = 2;

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}
const ROWS = Number(option('rows', 5_000_000));
const RUNS = Number(option('runs', 3));
const THREADS = option('threads', undefined);
const WITH_CSV = process.argv.includes('--csv');
const BEFORE = option('before', undefined);
const PANDAS = findPandas();
const gib = (bytes) => (bytes === undefined || Number.isNaN(bytes) ? '?' : `${(bytes / 1024 ** 3).toFixed(2)} GB`);

const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const targetMet = (ratio, target) => `<= ${target}x ${ratio <= target ? 'met' : 'NOT met'}`;

/**
 * The rows, from range() with DuckDB's hash() of the row number and a salt: deterministic for a
 * DuckDB version (the meta file records it). About 0.01% of ids repeat, 2% of amounts are null
 * and 0.1% negative, 0.05% of categories are not in the set, 0.1% of codes are malformed,
 * 0.2% of refs are not numbers, 0.05% of quantities are negative, 5% of scores are null and
 * 0.02% of timestamps are three years late.
 */
function generatorSql(rows = ROWS) {
  const h = (salt) => `hash(i, ${salt})`;
  const categories = CATEGORIES.map((value) => `'${value}'`).join(', ');
  return `
    SELECT
      CASE WHEN ${h(1)} % 10000 = 0 AND i > 0 THEN i - 1 ELSE i END AS id,
      CAST(${h(2)} % 100000 AS INTEGER) AS user_id,
      CASE WHEN ${h(3)} % 50 = 0 THEN NULL
           WHEN ${h(3)} % 997 = 1 THEN -CAST(${h(4)} % 100000 AS DOUBLE) / 100
           ELSE CAST(${h(4)} % 1000000 AS DOUBLE) / 100 END AS amount,
      CAST(${h(5)} % 20 AS INTEGER) - CASE WHEN ${h(5)} % 1999 = 0 THEN 25 ELSE 0 END AS qty,
      CASE WHEN ${h(6)} % 2000 = 0 THEN 'unknown'
           WHEN ${h(6)} % 2000 = 1 THEN NULL
           ELSE [${categories}][CAST(${h(6)} % ${CATEGORIES.length} AS INTEGER) + 1] END AS category,
      CASE WHEN ${h(7)} % 1000 = 0 THEN lower(chr(CAST(65 + ${h(7)} % 26 AS INTEGER))) || '-' || CAST(${h(8)} % 100 AS VARCHAR)
           ELSE chr(CAST(65 + ${h(7)} % 26 AS INTEGER)) || chr(CAST(65 + (${h(7)} // 26) % 26 AS INTEGER)) || '-' || lpad(CAST(${h(8)} % 10000 AS VARCHAR), 4, '0') END AS code,
      CASE WHEN ${h(9)} % 500 = 0 THEN 'n/a' ELSE CAST(${h(9)} % 100000000 AS VARCHAR) END AS ref,
      TIMESTAMP '2024-01-01 00:00:00' + to_seconds(CAST(${h(10)} % 31622400 AS BIGINT))
        + CASE WHEN ${h(10)} % 5000 = 0 THEN INTERVAL 3 YEAR ELSE INTERVAL 0 YEAR END AS ts,
      CASE WHEN ${h(11)} % 20 = 0 THEN NULL ELSE CAST(${h(12)} % 1000000 AS DOUBLE) / 1000000 END AS score
    FROM range(${rows}) r(i)
    ORDER BY i`;
}

async function ensureData(rows = ROWS, dir = dataDir, { csv: withCsv = true } = {}) {
  await mkdir(dir, { recursive: true });
  const parquet = join(dir, 'bench.parquet');
  const csv = join(dir, 'bench.csv');
  const metaPath = join(dir, 'meta.json');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const version = (await connection.runAndReadAll('SELECT version()')).getRows()[0][0];
    const meta = { generator: GENERATOR_VERSION, rows, duckdb: version, csv: withCsv };
    const existing = existsSync(metaPath) ? JSON.parse(await readFile(metaPath, 'utf8')) : null;
    if (existing && JSON.stringify(existing) === JSON.stringify(meta) && existsSync(parquet) && (!withCsv || existsSync(csv))) {
      console.log(`data: reusing ${relative(root, parquet)}${withCsv ? ` and ${relative(root, csv)}` : ''} (${rows} rows)`);
      return { parquet, csv };
    }
    await rm(metaPath, { force: true });
    const started = performance.now();
    await connection.run(`CREATE TABLE bench AS ${generatorSql(rows)}`);
    await connection.run(`COPY (SELECT * FROM bench ORDER BY id, user_id, ts) TO '${parquet}' (FORMAT parquet, COMPRESSION zstd)`);
    if (withCsv) await connection.run(`COPY (SELECT * FROM bench ORDER BY id, user_id, ts) TO '${csv}' (FORMAT csv, HEADER true)`);
    await writeFile(metaPath, JSON.stringify(meta) + '\n');
    console.log(`data: generated ${rows} rows into ${relative(root, dir)}/ in ${sec(performance.now() - started)}`);
    return { parquet, csv };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The spec: the ten checks of checks.mjs in Winnow's words, all on_fail: warn. */
function specYaml(file, format) {
  const steps = BENCH_CHECKS.map((check) => {
    const params = Object.entries(check.spec).map(([key, value]) => `    ${key}: ${JSON.stringify(value)}`);
    return [`  - id: ${check.id}`, ...params, '    on_fail: warn'].join('\n');
  });
  return [
    '# Written by bench/run-bench.mjs; edit BENCH_CHECKS in bench/checks.mjs instead.',
    'version: 1',
    `name: bench-${format}`,
    'seed: 1',
    'sources:',
    '  bench:',
    `    uri: ${file}`,
    `    format: ${format}`,
    'steps:',
    ...steps,
    'outputs: []',
    '',
  ].join('\n');
}

/**
 * Runs `node ...args` and times it: wall clock from spawn to exit, and the CPU time (user + sys)
 * the process and its threads used, from the shell's `times` (it reports its children's totals).
 * CPU time is less disturbed than wall clock when other work shares the machine.
 */
function timeProcess(args, { command = process.execPath, env = process.env } = {}) {
  const started = performance.now();
  const child = spawnSync('/bin/sh', ['-c', '"$@"; s=$?; times 1>&2; exit $s', 'sh', command, ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  const lines = child.stderr.trimEnd().split('\n');
  const seconds = (text) => {
    const match = /^(\d+)m([\d.]+)s$/.exec(text);
    return match ? (Number(match[1]) * 60 + Number(match[2])) * 1000 : NaN;
  };
  const [user, sys] = (lines.at(-1) ?? '').trim().split(/\s+/).map(seconds);
  // bench/peak-rss.mjs says the winnow process's peak memory on stderr (KB, from getrusage).
  const usage = lines.find((line) => line.startsWith('winnow-bench-usage '));
  const peakBytes = usage ? JSON.parse(usage.slice('winnow-bench-usage '.length)).maxRSS * 1024 : undefined;
  return { ms, cpuMs: user + sys, peakBytes, status: child.status, stdout: child.stdout, stderr: lines.slice(0, -2).join('\n') };
}

/**
 * One `winnow run`, through bench/peak-rss.mjs (the CLI's module run as bin/winnow.mjs runs it,
 * plus its peak memory); `checkout` names another build's folder (--before).
 */
async function winnowRun(format, specPath, outDir, checkout = root) {
  const args = ['bench/peak-rss.mjs', 'run', relative(root, specPath), '--out', relative(root, outDir), ...(THREADS ? ['--threads', THREADS] : [])];
  const result = timeProcess(args, { env: { ...process.env, WINNOW_BENCH_CLI: join(checkout, 'dist', 'winnow.mjs') } });
  if (result.status !== 0) throw new Error(`winnow run exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  const report = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8'));
  const stepsMs = report.steps.reduce((sum, step) => sum + (step.durationMs ?? 0), 0);
  const readMs = report.timings?.readMs ?? null;
  // report.json's totalMs stops when report.json is written; whatever the run does after it
  // (today: report.html, with a profile of the kept rows) shows as the time between the two files.
  const afterMs = await afterReportJson(outDir);
  return { wallMs: result.ms, cpuMs: result.cpuMs, peakBytes: result.peakBytes, inProcessMs: report.timings.totalMs, afterMs, stepsMs, readMs, report };
}

/** Milliseconds between report.json and the newest file written after it in the output folder. */
async function afterReportJson(outDir) {
  const json = (await stat(join(outDir, 'report.json'))).mtimeMs;
  let last = json;
  for (const name of await readdir(outDir)) {
    const { mtimeMs } = await stat(join(outDir, name));
    if (mtimeMs > last) last = mtimeMs;
  }
  return last - json;
}

function handRun(format, file) {
  const result = timeProcess(['bench/handwritten.mjs', format, file, ...(THREADS ? ['--threads', THREADS] : [])]);
  if (result.status !== 0) throw new Error(`bench/handwritten.mjs exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  const measured = JSON.parse(result.stdout);
  return { wallMs: result.ms, cpuMs: result.cpuMs, peakBytes: measured.maxRssKb * 1024, ...measured };
}

/**
 * The Python with pandas (Debian's python3-pandas), as { python, version }: the first python3 on
 * PATH that imports it, else Debian's own (a pyenv shim may come first); null when there is none
 * and the pandas column is skipped.
 */
function findPandas() {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  return null;
}

/** The same checks in pandas (bench/pandas_checks.py), or null when it is not installed. */
function pandasRun(format, file) {
  const result = timeProcess(['bench/pandas_checks.py', format, file], { command: PANDAS.python });
  if (result.status !== 0) throw new Error(`bench/pandas_checks.py exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  const measured = JSON.parse(result.stdout);
  return { wallMs: result.ms, cpuMs: result.cpuMs, peakBytes: measured.peakRssBytes, ...measured };
}

/** Winnow and the hand-written SQL take turns, so both see the same conditions on a shared machine. */
async function benchFormat(format, file) {
  const specPath = join(dataDir, `bench-${format}.winnow.yaml`);
  await writeFile(specPath, specYaml(relative(dataDir, file), format));
  const outDir = join(dataDir, `out-${format}`);
  const winnow = [];
  const hand = [];
  const before = [];
  const pandas = [];
  // pandas reads Parquet only with pyarrow, which Debian's python3-pandas does not bring.
  const withPandas = PANDAS && (format === 'csv' || spawnSync(PANDAS.python, ['-c', 'import pyarrow'], { encoding: 'utf8' }).status === 0);
  for (let run = 0; run < RUNS; run++) {
    if (BEFORE) {
      const b = await winnowRun(format, specPath, join(dataDir, `out-${format}-before`), BEFORE);
      before.push(b);
      console.log(
        `  run ${run + 1}: before  ${sec(b.wallMs)} wall, ${sec(b.inProcessMs)} in-process + ${sec(b.afterMs)} after report.json, ${sec(b.cpuMs)} CPU`,
      );
    }
    const w = await winnowRun(format, specPath, outDir);
    winnow.push(w);
    console.log(`  run ${run + 1}: winnow  ${sec(w.wallMs)} wall, ${sec(w.inProcessMs)} in-process + ${sec(w.afterMs)} after report.json, ${sec(w.cpuMs)} CPU`);
    const h = handRun(format, file);
    hand.push(h);
    console.log(`  run ${run + 1}: by hand ${sec(h.wallMs)} wall, ${sec(h.inProcessMs)} in-process, ${sec(h.cpuMs)} CPU`);
    if (withPandas) {
      const p = pandasRun(format, file);
      pandas.push(p);
      console.log(`  run ${run + 1}: pandas  ${sec(p.wallMs)} wall, ${sec(p.inProcessMs)} in-process, ${sec(p.cpuMs)} CPU, peak ${gib(p.peakBytes)}`);
    }
  }
  return { winnow, hand, before, pandas };
}

/** A streamed sha256 of a file, as the runner hashes inputs for the manifest. */
async function timeHash(path) {
  const started = performance.now();
  // As pipelines/node/sources/hash.ts does it: 1 MiB at a time into one buffer.
  const hash = createHash('sha256');
  const file = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  try {
    for (let read; (read = (await file.read(buffer, 0, buffer.length, null)).bytesRead) > 0;) hash.update(buffer.subarray(0, read));
  } finally {
    await file.close();
  }
  hash.digest('hex');
  return performance.now() - started;
}

const best = (runs, key) => Math.min(...runs.map((run) => run[key]));

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  '))
    .join('\n');
}

/** Winnow's counts next to the hand-written ones: the comparison only means something if they agree. */
function compareCounts(report, counts) {
  const rows = [['check', 'winnow unexpected', 'by hand unexpected', 'winnow observed', 'by hand observed', 'agree']];
  let disagreements = 0;
  for (const check of BENCH_CHECKS) {
    const step = report.steps.find((candidate) => candidate.id === check.id);
    const mine = counts[check.id];
    const winnowObserved = check.observedKey ? step?.observed?.[check.observedKey] : undefined;
    const agree =
      step !== undefined &&
      (mine.unexpected === undefined || Number(step.unexpectedCount) === mine.unexpected) &&
      (mine.observed === undefined || Math.abs(Number(winnowObserved) - mine.observed) <= 1e-9 * Math.max(1, Math.abs(mine.observed)));
    if (!agree) disagreements++;
    rows.push([
      check.id,
      step?.unexpectedCount ?? '',
      mine.unexpected ?? '',
      winnowObserved === undefined ? '' : Number(winnowObserved).toPrecision(8),
      mine.observed === undefined ? '' : Number(mine.observed).toPrecision(8),
      agree ? 'yes' : 'NO',
    ]);
  }
  return { text: table(rows), disagreements };
}

/**
 * The same ten checks at 1M, 5M and 20M rows (Parquet), one run each beside the hand-written
 * SQL: time per million rows should stay flat if the run grows linearly. --no-scaling skips it.
 */
async function scalingLine() {
  const rows = [['rows', 'winnow in-process', 'per 1M rows', 'winnow whole process', 'by hand in-process', 'per 1M rows', 'peak RSS winnow']];
  for (const n of [1_000_000, 5_000_000, 20_000_000]) {
    const dir = join(dataDir, 'scaling', String(n));
    const { parquet } = await ensureData(n, dir, { csv: false });
    const specPath = join(dir, 'bench-parquet.winnow.yaml');
    await writeFile(specPath, specYaml(relative(dir, parquet), 'parquet'));
    const w = await winnowRun('parquet', specPath, join(dir, 'out'));
    const h = handRun('parquet', parquet);
    const perMillion = (ms) => sec(ms / (n / 1e6));
    rows.push([`${n / 1e6}M`, sec(w.inProcessMs), perMillion(w.inProcessMs), sec(w.wallMs), sec(h.inProcessMs), perMillion(h.inProcessMs), gib(w.peakBytes)]);
  }
  console.log('scaling (Parquet, one run each; flat "per 1M rows" = linear):');
  console.log(table(rows));
  console.log('');
}

async function main() {
  const started = performance.now();
  if (process.argv.includes('--data-only')) {
    await ensureData();
    return;
  }
  if (process.argv.includes('--scale-only')) {
    await scaleBench();
    return;
  }
  if (!existsSync(join(root, 'dist', 'winnow.mjs'))) throw new Error('the CLI is not built: run `npm run bench` (it builds first) or `npm run build`');
  const files = await ensureData();
  const cores = availableParallelism();
  const loadBefore = loadavg()[0];
  console.log(
    `machine: ${cores} cores, load average ${loadBefore.toFixed(2)} at start${loadBefore > cores ? ' (busy: other work shares the CPU; wall clock timings will be noisy)' : ''}`,
  );
  const formats = WITH_CSV ? ['parquet', 'csv'] : ['parquet'];
  const results = [];
  for (const format of formats) {
    console.log(`\n${format}: ${RUNS} runs each${THREADS ? `, ${THREADS} threads` : ', default threads'}`);
    const { winnow, hand, before, pandas } = await benchFormat(format, files[format]);
    results.push({ format, winnow, hand, before, pandas });
  }

  console.log('');
  for (const { format, winnow, hand, before, pandas } of results) {
    const last = winnow.at(-1);
    const compared = compareCounts(last.report, hand.at(-1).counts);
    console.log(`counts (${format}, ${ROWS} rows; winnow's manifest vs the hand-written SQL):`);
    console.log(compared.text);
    if (compared.disagreements) console.log(`WARNING: ${compared.disagreements} check(s) disagree: the timings below compare different work`);
    console.log('');
    for (const run of winnow) run.startupMs = run.wallMs - run.inProcessMs - run.afterMs;
    const wW = best(winnow, 'wallMs');
    const wI = best(winnow, 'inProcessMs');
    const hW = best(hand, 'wallMs');
    const hI = best(hand, 'inProcessMs');
    const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
    console.log(`timings (${format}, best of ${RUNS}, wall clock):`);
    console.log(
      table([
        ['', 'winnow run', 'by hand (DuckDB SQL)', 'ratio', 'target'],
        ['whole process', sec(wW), sec(hW), ratio(wW, hW), targetMet(wW / hW, TARGET.wholeProcess)],
        ['in-process (winnow: report.json timings.totalMs)', sec(wI), sec(hI), ratio(wI, hI), targetMet(wI / hI, TARGET.inProcess)],
        ['after report.json (report.html and the rest)', sec(best(winnow, 'afterMs')), '-', '', ''],
        ['startup and exit (the remainder)', sec(Math.max(0, best(winnow, 'startupMs'))), sec(hW - hI), '', ''],
        ['CPU time, user + sys (whole process)', sec(best(winnow, 'cpuMs')), sec(best(hand, 'cpuMs')), ratio(best(winnow, 'cpuMs'), best(hand, 'cpuMs')), ''],
        ['peak memory (RSS, whole process)', gib(best(winnow, 'peakBytes')), gib(best(hand, 'peakBytes')), '', ''],
      ]),
    );
    if (pandas.length) {
      const counted = compareCounts(winnow.at(-1).report, pandas.at(-1).counts);
      const pW = best(pandas, 'wallMs');
      console.log(`\npandas ${PANDAS.version} on the same ${format} (best of ${RUNS}; goal: pandas/winnow >= 3x, 10x hoped for):`);
      console.log(
        table([
          ['', 'pandas', 'winnow run', 'pandas / winnow'],
          ['whole process', sec(pW), sec(wW), ratio(pW, wW)],
          ['in-process (load + checks)', sec(best(pandas, 'inProcessMs')), sec(wI), ratio(best(pandas, 'inProcessMs'), wI)],
          ['CPU time, user + sys', sec(best(pandas, 'cpuMs')), sec(best(winnow, 'cpuMs')), ratio(best(pandas, 'cpuMs'), best(winnow, 'cpuMs'))],
          ['peak memory (RSS)', gib(best(pandas, 'peakBytes')), gib(best(winnow, 'peakBytes')), ''],
        ]),
      );
      if (counted.disagreements) console.log(`WARNING: pandas disagrees with winnow on ${counted.disagreements} check(s):\n${counted.text}`);
    } else {
      console.log(
        `\npandas: skipped for ${format} (${PANDAS ? 'no pyarrow for Parquet' : 'python3 with pandas is not installed; apt-get install python3-pandas'})`,
      );
    }
    if (before.length) {
      for (const run of before) run.startupMs = run.wallMs - run.inProcessMs - run.afterMs;
      const row = (label, key) => [
        label,
        sec(best(before, key)),
        sec(best(winnow, key)),
        ratio(best(before, key), best(winnow, key)),
        key === 'afterMs' || key === 'startupMs' ? '' : ratio(best(before, key), best(hand, key)),
      ];
      console.log(`\nbefore and after (${format}, best of ${RUNS}; before: ${BEFORE}):`);
      console.log(
        table([
          ['', 'winnow before', 'winnow now', 'speed-up', 'before vs by hand'],
          row('whole process', 'wallMs'),
          row('in-process', 'inProcessMs'),
          row('after report.json', 'afterMs'),
          row('CPU time, user + sys', 'cpuMs'),
        ]),
      );
      const old = compareCounts(before.at(-1).report, hand.at(-1).counts);
      if (old.disagreements) console.log(`WARNING: the before build disagrees with the hand-written SQL on ${old.disagreements} check(s)`);
    }
    const bestRun = winnow.reduce((a, b) => (a.inProcessMs <= b.inProcessMs ? a : b));
    const bestHand = hand.reduce((a, b) => (a.inProcessMs <= b.inProcessMs ? a : b));
    console.log(`\nwhere the time goes (fastest in-process run of each):`);
    // Winnow's report does not time its read; the input hash is measured here the way the runner
    // does it (streamed sha256), so the remainder is reading the input plus writing the files.
    const hashMs = await timeHash(files[format]);
    const readMs = bestRun.readMs;
    const winnowRest = bestRun.inProcessMs - bestRun.stepsMs - hashMs - (readMs ?? 0);
    console.log(
      table([
        ['part', 'winnow', 'by hand'],
        ...(readMs === null ? [] : [['read the input into a table', sec(readMs), sec(bestHand.loadMs)]]),
        ['the 10 checks (report step timings)', sec(bestRun.stepsMs), sec(bestHand.checksMs)],
        ['sha256 of the input (timed separately here)', sec(hashMs), '-'],
        [
          readMs === null ? 'the rest: read the input, engine start, write manifest/rejects' : 'the rest: engine start, write manifest/rejects',
          sec(winnowRest),
          readMs === null
            ? `${sec(bestHand.loadMs)} load + ${sec(bestHand.inProcessMs - bestHand.loadMs - bestHand.checksMs)} other`
            : sec(bestHand.inProcessMs - bestHand.loadMs - bestHand.checksMs),
        ],
      ]),
    );
    console.log('\nper check (fastest run):');
    console.log(
      table([
        ['check', 'winnow', 'by hand'],
        ...BENCH_CHECKS.map((check) => [
          `${check.id} (${check.spec.check})`,
          sec(bestRun.report.steps.find((step) => step.id === check.id)?.durationMs ?? NaN),
          sec(bestHand.perCheckMs[check.id]),
        ]),
      ]),
    );
    console.log('');
  }
  if (!process.argv.includes('--no-scaling')) await scalingLine();
  if (!process.argv.includes('--no-scale')) await scaleBench();
  console.log(`machine: load average ${loadavg()[0].toFixed(2)} at the end (${cores} cores)`);
  console.log(`bench: done in ${sec(performance.now() - started)} (this reports; it does not assert the target)`);
}

await main();
