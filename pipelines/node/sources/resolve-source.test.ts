import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WinnowError } from '../../errors';
import { formatOfPath, resolveSource } from './resolve-source';

describe('resolveSource', () => {
  let dir: string;
  const write = (name: string, content = 'a\n1\n') => {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'winnow-resolve-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves a file relative to the spec folder, format from its extension', async () => {
    const file = write('single/flights.csv');
    expect(await resolveSource('flights', { uri: 'single/flights.csv', options: { header: true } }, dir)).toEqual({
      name: 'flights',
      uri: 'single/flights.csv',
      format: 'csv',
      options: { header: true },
      files: [file],
    });
  });

  it('lists a folder recursively in sorted order, skipping hidden and underscore names', async () => {
    const files = [write('folder/b.csv'), write('folder/a/z.csv'), write('folder/a/b.csv'), write('folder/year=2024/c.csv')];
    write('folder/.hidden.csv');
    write('folder/_SUCCESS', '');
    write('folder/_tmp/d.csv');
    write('folder/notes.txt', 'not data');
    const source = await resolveSource('events', { uri: 'folder' }, dir);
    expect(source.format).toBe('csv');
    expect(source.files).toEqual([...files].sort());
  });

  it('keeps only files of the given format in a folder', async () => {
    const parquet = write('mixed/a.parquet', 'PAR1');
    write('mixed/b.csv');
    const error = await failure(resolveSource('mixed', { uri: 'mixed' }, dir));
    expect(error).toBeInstanceOf(WinnowError);
    expect(error).toMatchObject({ kind: 'spec', place: { field: 'format' } });
    expect((error as WinnowError).message).toContain('several formats (parquet, csv)');
    expect((await resolveSource('mixed', { uri: 'mixed', format: 'parquet' }, dir)).files).toEqual([parquet]);
  });

  it('matches globs, ** included', async () => {
    const wanted = [write('glob/2023/part-1.csv'), write('glob/2024/01/part-2.csv'), write('glob/2024/part-3.csv')];
    write('glob/2024/other.csv');
    write('glob/part-9.tsv');
    expect((await resolveSource('g', { uri: 'glob/**/part-*.csv' }, dir)).files).toEqual(wanted);
    expect((await resolveSource('g', { uri: 'glob/{2023,2024}/part-[13].csv' }, dir)).files).toEqual([wanted[0], wanted[2]]);
    expect((await resolveSource('g', { uri: join(dir, 'glob/*/part-?.csv') }, '/elsewhere')).files).toEqual([wanted[0], wanted[2]]);
  });

  it('stops when nothing is there, naming what it looked for', async () => {
    const missing = await failure(resolveSource('m', { uri: 'nope.csv' }, dir));
    expect(missing).toMatchObject({ kind: 'input', place: { file: join(dir, 'nope.csv') } });
    expect((missing as WinnowError).message).toContain('no such file or folder');
    const noMatch = await failure(resolveSource('m', { uri: 'glob/*.parquet' }, dir));
    expect(noMatch).toMatchObject({ kind: 'input' });
    expect((noMatch as WinnowError).message).toContain('no file matches');
    mkdirSync(join(dir, 'empty-folder'));
    expect(await failure(resolveSource('m', { uri: 'empty-folder' }, dir))).toMatchObject({ kind: 'input' });
  });

  it('asks for a format when the extension does not tell', async () => {
    write('data.bin');
    expect(await failure(resolveSource('b', { uri: 'data.bin' }, dir))).toMatchObject({ kind: 'spec', place: { field: 'format' } });
    expect((await resolveSource('b', { uri: 'data.bin', format: 'csv' }, dir)).format).toBe('csv');
  });

  it('infers formats from extensions, compressed ones included', () => {
    expect(formatOfPath('a.csv.gz')).toBe('csv');
    expect(formatOfPath('a.TSV')).toBe('tsv');
    expect(formatOfPath('a.jsonl')).toBe('ndjson');
    expect(formatOfPath('a.ndjson.zst')).toBe('ndjson');
    expect(formatOfPath('a.json')).toBe('json');
    expect(formatOfPath('a.parquet')).toBe('parquet');
    expect(formatOfPath('a.feather')).toBe('arrow');
    expect(formatOfPath('a.txt')).toBeUndefined();
  });
});
