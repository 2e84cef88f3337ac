/**
 * A working set larger than LIVE_SAMPLE_ROWS carries the live run's sample beside it, in the
 * same file: about that many rows, in row order, the same rows every time the dataset is opened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_SAMPLE_ROWS } from '../../pipelines/protocol/host';
import { NativeEngine } from '../../pipelines/node/engine/native-engine';
import { openDatasetOnHost, resolveDataset, WORKING_SET_TABLE } from './datasets';

const dir = mkdtempSync(join(tmpdir(), 'winnow-live-sample-'));
let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await engine.run(`COPY (SELECT range AS id, range % 3 AS kind FROM range(${LIVE_SAMPLE_ROWS * 3})) TO '${join(dir, 'big.parquet')}' (FORMAT parquet)`);
  await engine.run(`COPY (SELECT range AS id FROM range(1000)) TO '${join(dir, 'small.parquet')}' (FORMAT parquet)`);
  await engine.run(
    `COPY (SELECT range % 7 AS "n""; DROP TABLE data; --", ['a', 'b', NULL][range % 3 + 1] AS "label') --" FROM range(90)) TO '${join(dir, 'hostile.parquet')}' (FORMAT parquet)`,
  );
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sampleRows(path: string, table: string): Promise<number[]> {
  await engine.run(`ATTACH '${path}' AS check_ws (READ_ONLY)`);
  try {
    const rows = await engine.query(`SELECT "__winnow_row" AS r FROM check_ws."${table}"`);
    return rows.map((row) => Number(row.r));
  } finally {
    await engine.run('DETACH check_ws');
  }
}

describe('the live sample in the working-set file', () => {
  it('holds about LIVE_SAMPLE_ROWS rows of a larger working set, in row order, the same each time', async () => {
    const resolved = await resolveDataset(join(dir, 'big.parquet'));
    const first = await openDatasetOnHost(engine, resolved, 'first', { workingSetDir: join(dir, 'ws'), budgetBytes: 1024 ** 3 });
    const { liveSample, rows } = first.handle.workingSet;
    expect(rows).toBe(LIVE_SAMPLE_ROWS * 3);
    expect(liveSample).toBeDefined();
    expect(liveSample!.rows).toBeGreaterThan(LIVE_SAMPLE_ROWS * 0.95);
    expect(liveSample!.rows).toBeLessThan(LIVE_SAMPLE_ROWS * 1.05);
    const sampled = await sampleRows(first.workingSetPath, liveSample!.table);
    expect(sampled).toHaveLength(liveSample!.rows);
    expect(sampled).toEqual([...sampled].sort((a, b) => a - b));
    expect((await sampleRows(first.workingSetPath, WORKING_SET_TABLE)).length).toBe(rows);

    const second = await openDatasetOnHost(engine, resolved, 'second', { workingSetDir: join(dir, 'ws'), budgetBytes: 1024 ** 3 });
    expect(await sampleRows(second.workingSetPath, second.handle.workingSet.liveSample!.table)).toEqual(sampled);
  });

  it('is absent when the working set is small enough to run whole', async () => {
    const opened = await openDatasetOnHost(engine, await resolveDataset(join(dir, 'small.parquet')), 'small', {
      workingSetDir: join(dir, 'ws'),
      budgetBytes: 1024 ** 3,
    });
    expect(opened.handle.workingSet.liveSample).toBeUndefined();
  });
});

describe('the working set’s row numbers', () => {
  it('are said to be 1..rows in stored order when the working set holds every row, and not when it is a sample', async () => {
    const resolved = await resolveDataset(join(dir, 'big.parquet'));
    const whole = await openDatasetOnHost(engine, resolved, 'whole', { workingSetDir: join(dir, 'ws'), budgetBytes: 1024 ** 3 });
    expect(whole.handle.workingSet.denseRowNumbers).toBe(true);
    const numbers = await sampleRows(whole.workingSetPath, WORKING_SET_TABLE);
    expect(numbers).toEqual(Array.from({ length: whole.handle.workingSet.rows }, (_, index) => index + 1));
    // A budget far below the file's size: the working set is a sample, its row numbers have gaps.
    const sampled = await openDatasetOnHost(engine, resolved, 'sampled', { workingSetDir: join(dir, 'ws'), budgetBytes: 64 * 1024 });
    expect(sampled.handle.workingSet.sampled).toBe(true);
    expect(sampled.handle.workingSet.denseRowNumbers).toBeUndefined();
  });
});

describe('the header sketches the host draws', () => {
  /** Rows per value of `column` in `table` of the working-set file, counted here independently. */
  async function valueCounts(path: string, table: string, column: string): Promise<Map<string, number>> {
    await engine.run(`ATTACH '${path}' AS check_ws (READ_ONLY)`);
    try {
      const rows = await engine.query(`SELECT CAST("${column}" AS VARCHAR) AS v, count(*) AS n FROM check_ws."${table}" GROUP BY ALL`);
      return new Map(rows.map((row) => [String(row.v), Number(row.n)]));
    } finally {
      await engine.run('DETACH check_ws');
    }
  }

  it('are of the live sample when there is one, one per column in order, counting its rows', async () => {
    const opened = await openDatasetOnHost(engine, await resolveDataset(join(dir, 'big.parquet')), 'sketched', {
      workingSetDir: join(dir, 'ws'),
      budgetBytes: 1024 ** 3,
    });
    const { sketches, liveSample } = opened.handle.workingSet;
    expect(sketches?.map((sketch) => sketch.column)).toEqual(['id', 'kind']);
    const [id, kind] = sketches!;
    expect(id!.counts).toHaveLength(16);
    expect(id!.counts.reduce((sum, count) => sum + count, 0)).toBe(liveSample!.rows);
    // kind is 0, 1 or 2: equal-width bins from 0 to 2 put them in the first, the middle and the last bar.
    const counts = await valueCounts(opened.workingSetPath, liveSample!.table, 'kind');
    expect([kind!.counts[0], kind!.counts[8], kind!.counts[15]]).toEqual([counts.get('0'), counts.get('1'), counts.get('2')]);
    expect(kind!.counts.filter((count) => count > 0)).toHaveLength(3);
  });

  it('are of the whole working set when it runs whole, and quote hostile column names', async () => {
    const small = await openDatasetOnHost(engine, await resolveDataset(join(dir, 'small.parquet')), 'sketched-small', {
      workingSetDir: join(dir, 'ws'),
      budgetBytes: 1024 ** 3,
    });
    expect(small.handle.workingSet.sketches![0]!.counts.reduce((sum, count) => sum + count, 0)).toBe(1000);

    const hostile = await openDatasetOnHost(engine, await resolveDataset(join(dir, 'hostile.parquet')), 'sketched-hostile', {
      workingSetDir: join(dir, 'ws'),
      budgetBytes: 1024 ** 3,
    });
    const [numbers, labels] = hostile.handle.workingSet.sketches!;
    expect(numbers!.column).toBe('n"; DROP TABLE data; --');
    expect(numbers!.counts.reduce((sum, count) => sum + count, 0)).toBe(90);
    // Text: the top values' counts, most frequent first (nulls are not a value).
    expect(labels).toEqual({ column: "label') --", counts: [30, 30] });
    expect(await sampleRows(hostile.workingSetPath, WORKING_SET_TABLE)).toHaveLength(90);
  });
});
