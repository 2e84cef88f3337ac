#!/usr/bin/env node
// Builds the example datasets under examples/ from the npm package vega-datasets (pinned in
// package.json). Deterministic: the same package version gives byte-identical files, so the
// committed files can be re-made and compared (`node scripts/make-examples.mjs --check`).
//
//   examples/flights/data/flights.csv               <- vega-datasets data/flights-20k.json
//   examples/flights/data/flights-baseline.parquet  <- vega-datasets data/flights-3m.parquet
//   examples/penguins/data/penguins.csv             <- vega-datasets data/penguins.json
//
// See examples/README.md for where the data comes from and under what terms.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = fileURLToPath(new URL('..', import.meta.url));
const vega = join(root, 'node_modules', 'vega-datasets');
const EXPECTED_VEGA_VERSION = '3.2.1';

/** Rows in the drift baseline, and the months it is drawn from (the months flights-20k covers). */
const BASELINE_ROWS = 10000;
const BASELINE_FROM = '2001-01-01';
const BASELINE_TO = '2001-04-01';

const check = process.argv.includes('--check');

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One CSV field: quoted only when it has to be (RFC 4180); null is an empty field. */
function csvField(value) {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? numberText(value) : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

function numberText(value) {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

function toCsv(header, rows) {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

async function readJson(name) {
  return JSON.parse(await readFile(join(vega, 'data', name), 'utf8'));
}

/** "2001/01/01 00:47" -> "2001-01-01 00:47:00" (the source has minutes, no seconds, no zone). */
function isoTimestamp(text, where) {
  const match = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`${where}: unexpected date "${text}"`);
  const [, y, mo, d, h, mi] = match;
  return `${y}-${mo}-${d} ${h}:${mi}:00`;
}

function requireInteger(value, where) {
  if (!Number.isInteger(value)) throw new Error(`${where}: expected an integer, got ${JSON.stringify(value)}`);
  return value;
}

function requireCode(value, where) {
  if (typeof value !== 'string' || !/^[A-Z0-9]{3}$/.test(value)) throw new Error(`${where}: expected an airport code, got ${JSON.stringify(value)}`);
  return value;
}

async function flightsCsv() {
  const records = await readJson('flights-20k.json');
  const rows = records.map((record, index) => {
    const where = `flights-20k.json[${index}]`;
    return [
      index + 1,
      isoTimestamp(record.date, where),
      requireInteger(record.delay, `${where}.delay`),
      requireInteger(record.distance, `${where}.distance`),
      requireCode(record.origin, `${where}.origin`),
      requireCode(record.destination, `${where}.destination`),
    ];
  });
  return { text: toCsv(['id', 'date', 'delay', 'distance', 'origin', 'destination'], rows), rows: rows.length };
}

const PENGUIN_COLUMNS = [
  ['Species', 'species'],
  ['Island', 'island'],
  ['Beak Length (mm)', 'beak_length_mm'],
  ['Beak Depth (mm)', 'beak_depth_mm'],
  ['Flipper Length (mm)', 'flipper_length_mm'],
  ['Body Mass (g)', 'body_mass_g'],
  ['Sex', 'sex'],
];

async function penguinsCsv() {
  const records = await readJson('penguins.json');
  const rows = records.map((record, index) => {
    const extra = Object.keys(record).filter((key) => !PENGUIN_COLUMNS.some(([from]) => from === key));
    if (extra.length) throw new Error(`penguins.json[${index}]: unexpected fields ${extra.join(', ')}`);
    // Values are kept exactly as published, nulls and the one "." in Sex included: they are
    // what the example's checks are there to find.
    return PENGUIN_COLUMNS.map(([from]) => record[from] ?? null);
  });
  return {
    text: toCsv(
      PENGUIN_COLUMNS.map(([, to]) => to),
      rows,
    ),
    rows: rows.length,
  };
}

function sqlString(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The drift baseline: BASELINE_ROWS flights of the same months drawn from flights-3m.parquet,
 * none of which is in flights-20k (so baseline and current never share a row). The draw is the
 * rows with the smallest md5 of their content (file row number breaks ties): no random(), no
 * dependence on scan order or threads. Columns and types are those DuckDB reads flights.csv as.
 */
async function flightsBaseline(target) {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '1',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  try {
    const data = (name) => sqlString(join(vega, 'data', name));
    await connection.run(`
      CREATE TABLE current_rows AS
      SELECT strptime(date, '%Y/%m/%d %H:%M') AS date, delay, distance, origin, destination
      FROM read_json(${data('flights-20k.json')}, format = 'array',
                     columns = {date: 'VARCHAR', delay: 'BIGINT', distance: 'BIGINT', origin: 'VARCHAR', destination: 'VARCHAR'})`);
    await connection.run(`
      CREATE TABLE baseline AS
      WITH candidates AS (
        SELECT p.file_row_number, CAST(p.date AS TIMESTAMP) AS date, CAST(p.delay AS BIGINT) AS delay,
               CAST(p.distance AS BIGINT) AS distance, CAST(p.origin AS VARCHAR) AS origin, CAST(p.destination AS VARCHAR) AS destination
        FROM read_parquet(${data('flights-3m.parquet')}, file_row_number = true) p
        WHERE p.date >= TIMESTAMP '${BASELINE_FROM}' AND p.date < TIMESTAMP '${BASELINE_TO}'
          AND p.delay IS NOT NULL AND p.distance IS NOT NULL AND p.origin IS NOT NULL AND p.destination IS NOT NULL
      ),
      fresh AS (
        SELECT * FROM candidates c
        WHERE NOT EXISTS (
          SELECT 1 FROM current_rows r
          WHERE r.date = c.date AND r.delay = c.delay AND r.distance = c.distance AND r.origin = c.origin AND r.destination = c.destination)
      ),
      drawn AS (
        SELECT * FROM fresh
        ORDER BY md5(concat_ws('|', 'winnow-baseline', CAST(date AS VARCHAR), delay, distance, origin, destination)), file_row_number
        LIMIT ${BASELINE_ROWS}
      )
      SELECT CAST(row_number() OVER (ORDER BY date, file_row_number) AS BIGINT) AS id, date, delay, distance, origin, destination
      FROM drawn`);
    const [[rows]] = (await connection.runAndReadAll('SELECT count(*) FROM baseline')).getRows();
    if (Number(rows) !== BASELINE_ROWS) throw new Error(`baseline: drew ${rows} rows, expected ${BASELINE_ROWS}`);
    await connection.run(`COPY (SELECT * FROM baseline ORDER BY id) TO ${sqlString(target)} (FORMAT parquet, COMPRESSION zstd)`);
    return { rows: Number(rows) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function main() {
  const pkg = JSON.parse(await readFile(join(vega, 'package.json'), 'utf8'));
  if (pkg.version !== EXPECTED_VEGA_VERSION) {
    throw new Error(`vega-datasets ${pkg.version} is installed; these examples are made from ${EXPECTED_VEGA_VERSION} (npm ci)`);
  }
  const staging = join(root, 'examples', '.make-examples-staging');
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const made = [];
  try {
    const flights = await flightsCsv();
    await writeFile(join(staging, 'flights.csv'), flights.text);
    made.push({ path: 'examples/flights/data/flights.csv', file: 'flights.csv', rows: flights.rows });

    const baseline = await flightsBaseline(join(staging, 'flights-baseline.parquet'));
    made.push({ path: 'examples/flights/data/flights-baseline.parquet', file: 'flights-baseline.parquet', rows: baseline.rows });

    const penguins = await penguinsCsv();
    await writeFile(join(staging, 'penguins.csv'), penguins.text);
    made.push({ path: 'examples/penguins/data/penguins.csv', file: 'penguins.csv', rows: penguins.rows });

    let differ = 0;
    for (const entry of made) {
      const bytes = await readFile(join(staging, entry.file));
      const target = join(root, entry.path);
      const digest = sha256(bytes);
      if (check) {
        const existing = await readFile(target).catch(() => null);
        const same = existing !== null && sha256(existing) === digest;
        if (!same) differ++;
        console.log(`${same ? 'same   ' : 'DIFFERS'} ${entry.path}  ${entry.rows} rows  sha256 ${digest}`);
      } else {
        await mkdir(dirname(target), { recursive: true });
        await rename(join(staging, entry.file), target);
        console.log(`wrote ${relative(root, target)}  ${entry.rows} rows  ${bytes.length} bytes  sha256 ${digest}`);
      }
    }
    if (differ) {
      console.error(`${differ} file(s) differ from what this script makes; run node scripts/make-examples.mjs to re-make them`);
      process.exitCode = 1;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

await main();
