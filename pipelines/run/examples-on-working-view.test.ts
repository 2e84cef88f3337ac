/**
 * A check's failing examples taken from the input's working view, where a LIMIT stops the scan at
 * the last row wanted (Executor.examples), are those taken from a table: the same rows, files,
 * lines and values, on 1 and 2 threads, whether that row is early in the input or near its end,
 * for Parquet and for a CSV file whose rejected lines shift the line numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { ingestSource } from '../ingest/ingest';
import type { ResolvedSource } from '../ingest/source';
import { NativeEngine } from '../node/engine/native-engine';
import { parseSpec } from '../spec/parse';
import type { StepSpec } from '../spec/types';
import { literal } from '../sql';
import { InputFolder } from '../../testing/ingest-kit';
import { executePipeline } from './execute';

const ROWS = 20_000;
/** Rows (0-based) where `early` is NULL: all in the first tenth of the input. */
const EARLY_NULLS = [3, 10, 50, 700, 1_500];
/** Rows where `late` is NULL: one at the start, one near the end. */
const LATE_NULLS = [7, 19_990];

const folder = new InputFolder();
let parquet: string;
let csv: string;

beforeAll(async () => {
  const engine = await NativeEngine.create({ threads: 2 });
  try {
    const data = `SELECT range AS id,
        CASE WHEN range IN (${EARLY_NULLS.join(', ')}) THEN NULL ELSE range END AS early,
        CASE WHEN range IN (${LATE_NULLS.join(', ')}) THEN NULL ELSE range END AS late,
        CASE WHEN range IN (17, 2_000) THEN 'x' || range ELSE 'AB-' || range END AS code
      FROM range(${ROWS})`;
    parquet = folder.write('rows.parquet', '');
    await engine.run(`COPY (${data}) TO ${literal(parquet)} (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
    const written = folder.write('clean.csv', '');
    await engine.run(`COPY (${data}) TO ${literal(written)} (FORMAT csv, HEADER true)`);
    // Two malformed lines near the top, above rows 2 and 7: each pushes the lines of the rows below it down by one.
    const lines = (await import('node:fs')).readFileSync(written, 'utf8').split('\n');
    lines.splice(3, 0, 'not,a,row,at,all,here');
    lines.splice(9, 0, '1,2');
    csv = folder.write('rows.csv', lines.join('\n'));
  } finally {
    await engine.close();
  }
});

afterAll(() => folder.remove());

/** Every query the engine is asked, kept, so a test can see which form the examples took. */
function recording(engine: Engine, seen: string[]): Engine {
  return new Proxy(engine, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key === 'query' || key === 'run') {
        return (sql: string) => {
          seen.push(sql);
          return (value as (sql: string) => Promise<unknown>).call(target, sql);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The checks' results (durations left out), and the queries asked. */
async function run(threads: number, file: string, format: 'parquet' | 'csv', checks: StepSpec[], onTable: boolean) {
  const engine = await NativeEngine.create({ threads });
  const seen: string[] = [];
  try {
    // A filter that keeps every row makes the checks run on a table instead of the working view.
    const steps = onTable ? [{ id: 'copy', transform: 'filter', where: 'TRUE' }, ...checks] : checks;
    const spec = parseSpec(JSON.stringify({ version: 1, name: 'examples', sources: { data: { uri: file, format } }, steps }), 'examples.winnow.json');
    const input: ResolvedSource = { name: 'data', uri: file, format, options: {}, files: [file] };
    const result = await executePipeline(recording(engine, seen), {
      spec,
      specFile: 'examples.winnow.json',
      input,
      sources: [input],
      ingest: ingestSource,
      asOf: new Date('2024-01-02T00:00:00Z'),
    });
    const results = result.steps.filter((step) => step.id !== 'copy').map(({ durationMs: _durationMs, ...step }) => step);
    return { steps: results, seen };
  } finally {
    await engine.close();
  }
}

const earlyChecks: StepSpec[] = [
  { id: 'early_present', check: 'not_null', column: 'early', on_fail: 'warn' },
  { id: 'code_format', check: 'regex', column: 'code', pattern: '^AB-\\d+$', on_fail: 'warn' },
];
const lateChecks: StepSpec[] = [...earlyChecks, { id: 'late_present', check: 'not_null', column: 'late', on_fail: 'warn' }];

describe('failing examples from the working view', () => {
  it.each([
    ['parquet', 1],
    ['parquet', 2],
    ['csv', 1],
    ['csv', 2],
  ] as const)('%s, %i thread(s): the rows wanted are early, and the view stops its scan there', async (format, threads) => {
    const file = format === 'parquet' ? parquet : csv;
    const onView = await run(threads, file, format, earlyChecks, false);
    const onTable = await run(threads, file, format, earlyChecks, true);
    expect(onView.steps).toEqual(onTable.steps);
    const nulls = onView.steps.find((step) => step.id === 'early_present')!;
    expect(nulls.examples.map((example) => example.row)).toEqual(EARLY_NULLS.map((row) => row + 1));
    // A CSV file's header is line 1, and the rejected lines sit above rows 2 and 7.
    const lineOf = (row: number) => (format === 'parquet' ? row + 1 : row + 2 + (row >= 2 ? 1 : 0) + (row >= 7 ? 1 : 0));
    expect(nulls.examples.map((example) => example.line)).toEqual(EARLY_NULLS.map(lineOf));
    expect(onView.seen.some((sql) => /\bLIMIT 2001\)/.test(sql))).toBe(true);
    expect(onTable.seen.some((sql) => /\bLIMIT \d+\)/.test(sql))).toBe(false);
  });

  it.each([1, 2])('parquet, %i thread(s): a row wanted near the end is found by the whole scan, with the same answer', async (threads) => {
    const onView = await run(threads, parquet, 'parquet', lateChecks, false);
    const onTable = await run(threads, parquet, 'parquet', lateChecks, true);
    expect(onView.steps).toEqual(onTable.steps);
    expect(onView.steps.find((step) => step.id === 'late_present')!.examples.map((example) => example.row)).toEqual(LATE_NULLS.map((row) => row + 1));
    expect(onView.seen.some((sql) => /\bLIMIT \d+\)/.test(sql))).toBe(false);
  });
});
