#!/usr/bin/env node
// The bench's baseline: the checks of bench/checks.mjs as hand-written DuckDB SQL on
// @duckdb/node-api, the way a person would write them without Winnow: load the file into a
// table, one query per check. Prints its timings and counts as JSON for bench/run-bench.mjs.
//
//   node bench/handwritten.mjs parquet|csv FILE [--threads N]
import { DuckDBInstance } from '@duckdb/node-api';
import { BENCH_CHECKS } from './checks.mjs';

const [format, file] = process.argv.slice(2);
const threadsAt = process.argv.indexOf('--threads');
const threads = threadsAt >= 0 ? process.argv[threadsAt + 1] : undefined;
if (!['parquet', 'csv'].includes(format) || !file) {
  console.error('usage: node bench/handwritten.mjs parquet|csv FILE [--threads N]');
  process.exit(2);
}

const started = performance.now();
const config = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', ...(threads ? { threads } : {}) };
const instance = await DuckDBInstance.create(':memory:', config);
const connection = await instance.connect();
const quoted = `'${file.replaceAll("'", "''")}'`;

const loadStarted = performance.now();
await connection.run(`CREATE TABLE t AS SELECT * FROM ${format === 'parquet' ? `read_parquet(${quoted})` : `read_csv(${quoted}, header = true)`}`);
const loadMs = performance.now() - loadStarted;

const counts = {};
const perCheckMs = {};
const checksStarted = performance.now();
for (const check of BENCH_CHECKS) {
  const checkStarted = performance.now();
  const row = (await connection.runAndReadAll(check.sql)).getRowObjectsJS()[0];
  perCheckMs[check.id] = performance.now() - checkStarted;
  counts[check.id] = {
    ...(row.unexpected === undefined ? {} : { unexpected: Number(row.unexpected) }),
    ...(row.observed === undefined ? {} : { observed: Number(row.observed) }),
  };
}
const checksMs = performance.now() - checksStarted;
connection.closeSync();
instance.closeSync();
const inProcessMs = performance.now() - started;
process.stdout.write(JSON.stringify({ inProcessMs, loadMs, checksMs, perCheckMs, counts, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
