/** A Parquet dataset's row count comes from its footers, and a file without a readable footer is named. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WinnowError } from '../../pipelines/errors';
import { NativeEngine } from '../../pipelines/node/engine/native-engine';
import { resolveDataset } from './datasets';
import { parquetRowCount } from './parquet-rows';

const dir = mkdtempSync(join(tmpdir(), 'winnow-parquet-rows-'));
let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  mkdirSync(join(dir, 'parts', 'year=2024'), { recursive: true });
  mkdirSync(join(dir, 'parts', 'year=2025'), { recursive: true });
  await engine.run(`COPY (SELECT range AS id FROM range(1234)) TO '${join(dir, 'one.parquet')}' (FORMAT parquet)`);
  await engine.run(`COPY (SELECT range AS id FROM range(100)) TO '${join(dir, 'parts', 'year=2024', 'a.parquet')}' (FORMAT parquet)`);
  await engine.run(`COPY (SELECT range AS id FROM range(250)) TO '${join(dir, 'parts', 'year=2025', 'b.parquet')}' (FORMAT parquet)`);
  const whole = readFileSync(join(dir, 'one.parquet'));
  writeFileSync(join(dir, 'truncated.parquet'), whole.subarray(0, Math.floor(whole.length / 2)));
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('parquetRowCount', () => {
  it('sums num_rows of a file, a folder of partitions and a glob', async () => {
    expect(await parquetRowCount(engine, (await resolveDataset(join(dir, 'one.parquet'))).files)).toBe(1234);
    const folder = await resolveDataset(join(dir, 'parts'));
    const glob = await resolveDataset(join(dir, 'parts', '*', '*.parquet'));
    // The host counts from metadata whatever a person typed, as long as it resolves to Parquet.
    expect([folder.format, glob.format]).toEqual(['parquet', 'parquet']);
    expect(await parquetRowCount(engine, folder.files)).toBe(350);
    expect(await parquetRowCount(engine, glob.files)).toBe(350);
  });

  it('reads no row group: a file whose data pages are garbage still counts', async () => {
    // The footer (and the 8 bytes after it) intact, the column chunks overwritten.
    const whole = readFileSync(join(dir, 'one.parquet'));
    const footerLength = whole.readUInt32LE(whole.length - 8);
    const scrambled = Buffer.from(whole);
    scrambled.fill(0x5a, 4, whole.length - 8 - footerLength);
    writeFileSync(join(dir, 'scrambled.parquet'), scrambled);
    expect(await parquetRowCount(engine, [join(dir, 'scrambled.parquet')])).toBe(1234);
  });

  it('names a truncated file in one line', async () => {
    const files = [join(dir, 'one.parquet'), join(dir, 'truncated.parquet')];
    const error = await parquetRowCount(engine, files).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(WinnowError);
    const line = (error as WinnowError).oneLine();
    expect(line).toContain(join(dir, 'truncated.parquet'));
    expect(line).toContain('not a readable Parquet file');
    expect(line).not.toMatch(/\n/);
  });

  it('names a file that is not Parquet at all', async () => {
    writeFileSync(join(dir, 'text.parquet'), 'just some text');
    const error = (await parquetRowCount(engine, [join(dir, 'text.parquet')]).catch((failure: unknown) => failure)) as WinnowError;
    expect(error.oneLine()).toMatch(new RegExp(`^${join(dir, 'text.parquet').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a readable Parquet file`));
  });
});
