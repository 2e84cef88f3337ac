import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WinnowError } from '../errors';
import { formatOfPath, resolveSource } from './resolve-source';

describe('resolveSource', () => {
  let dir: string;
  const write = (name: string, content = 'a\n1\n') => {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  };
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

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

describe('resolveSource over HTTP', () => {
  let server: Server;
  let base: string;
  let cache: string;
  const requests: string[] = [];
  const savedCacheDir = process.env.WINNOW_CACHE_DIR;

  beforeAll(async () => {
    cache = mkdtempSync(join(tmpdir(), 'winnow-cache-'));
    process.env.WINNOW_CACHE_DIR = cache;
    server = createServer((request, response) => {
      requests.push(String(request.url));
      if (request.url === '/data/flights.csv.gz?v=1' || request.url === '/data/flights.csv') {
        response.writeHead(200, { 'content-type': 'text/csv' });
        response.end('id\n1\n2\n');
      } else {
        response.writeHead(404, 'Not Found');
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    if (savedCacheDir === undefined) delete process.env.WINNOW_CACHE_DIR;
    else process.env.WINNOW_CACHE_DIR = savedCacheDir;
    rmSync(cache, { recursive: true, force: true });
  });

  it('downloads once into the cache, named by the URL hash, and reuses the copy', async () => {
    const uri = `${base}/data/flights.csv`;
    const first = await resolveSource('remote', { uri }, '/unused');
    expect(first.format).toBe('csv');
    expect(first.files).toHaveLength(1);
    const [file] = first.files;
    expect(file).toMatch(new RegExp(`^${join(cache, 'http')}/[0-9a-f]{64}\\.csv$`));
    expect(readFileSync(file as string, 'utf8')).toBe('id\n1\n2\n');
    expect(first.remote).toEqual([{ uri, bytes: 7, sha256: createHash('sha256').update('id\n1\n2\n').digest('hex') }]);
    const second = await resolveSource('remote', { uri }, '/unused');
    expect(second.files).toEqual(first.files);
    expect(requests.filter((url) => url === '/data/flights.csv')).toHaveLength(1);
    expect(readdirSync(join(cache, 'http')).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('keeps the extensions of the URL path, not its query', async () => {
    const source = await resolveSource('remote', { uri: `${base}/data/flights.csv.gz?v=1` }, '/unused');
    expect(source.format).toBe('csv');
    expect(source.files[0]).toMatch(/\.csv\.gz$/);
  });

  it('stops on an HTTP error, naming the URL and the status, and caches nothing', async () => {
    const uri = `${base}/missing.csv`;
    const error = await resolveSource('remote', { uri }, '/unused').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'input', place: { file: uri } });
    expect((error as WinnowError).message).toBe(`${uri}: the server answered 404 Not Found`);
    expect(readdirSync(join(cache, 'http')).filter((name) => !name.endsWith('.csv') && !name.endsWith('.csv.gz'))).toEqual([]);
  });

  it('stops when the server cannot be reached', async () => {
    const error = await resolveSource('remote', { uri: 'http://127.0.0.1:1/a.csv' }, '/unused').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'input' });
    expect((error as WinnowError).message).toMatch(/^http:\/\/127\.0\.0\.1:1\/a\.csv: cannot download: /);
  });
});
