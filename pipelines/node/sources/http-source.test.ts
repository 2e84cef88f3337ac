/**
 * http(s):// sources against a real HTTP server on 127.0.0.1 that the tests start: the
 * content-addressed cache shared with S3, revalidation by ETag or Last-Modified, Range resume
 * after a cut download, servers that ignore Range or compress, and `--snapshot` on a URL.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WinnowError } from '../../errors';
import type { Manifest } from '../../manifest/manifest';
import { resolveSource } from './resolve-source';
import { runSpecFile } from '../run-to-disk/run';
import { freePort } from '../../../testing/s3rver-server';

interface Served {
  body: Buffer;
  /** An ETag the server sends (without quotes); none when absent. */
  etag?: string;
  lastModified?: string;
  /** Send the whole file even when a Range is asked for. */
  ignoreRange?: boolean;
  /** Compress when the client accepts gzip. */
  gzip?: boolean;
  /** Answer HEAD with 405, as some servers do. */
  noHead?: boolean;
  /** Cut the connection after this many bytes of the next GET (once). */
  cutAfter?: number;
  /** Becomes this file once a HEAD has been answered: a change between the check and the download. */
  thenBecomes?: Served;
}

interface Seen {
  method: string;
  path: string;
  range?: string;
  ifRange?: string;
  acceptEncoding?: string;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

let server: Server;
let base: string;
let cache: string;
const files = new Map<string, Served>();
let seen: Seen[] = [];
const saved = { cache: process.env.WINNOW_CACHE_DIR, attempts: process.env.WINNOW_DOWNLOAD_ATTEMPTS };

function serve(request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(String(request.url), 'http://x').pathname;
  seen.push({
    method: String(request.method),
    path,
    range: request.headers.range,
    ifRange: request.headers['if-range'] as string | undefined,
    acceptEncoding: request.headers['accept-encoding'],
  });
  const file = files.get(path);
  if (!file) {
    response.writeHead(404, 'Not Found');
    response.end();
    return;
  }
  const identity: Record<string, string> = {};
  if (file.etag) identity.etag = `"${file.etag}"`;
  if (file.lastModified) identity['last-modified'] = file.lastModified;
  if (request.method === 'HEAD') {
    if (file.noHead) response.writeHead(405, 'Method Not Allowed');
    else response.writeHead(200, { ...identity, 'content-length': String(file.body.length), 'accept-ranges': 'bytes' });
    response.end();
    if (file.thenBecomes) files.set(path, file.thenBecomes);
    return;
  }
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
  const ifRange = request.headers['if-range'];
  const rangeHolds = range && !file.ignoreRange && (!ifRange || ifRange === identity.etag || ifRange === identity['last-modified']);
  if (rangeHolds) {
    const start = Number(range[1]);
    const end = range[2] ? Number(range[2]) : file.body.length - 1;
    const part = file.body.subarray(start, end + 1);
    response.writeHead(206, { ...identity, 'content-length': String(part.length), 'content-range': `bytes ${start}-${end}/${file.body.length}` });
    response.end(part);
    return;
  }
  if (file.gzip && /gzip/.test(request.headers['accept-encoding'] ?? '')) {
    const packed = gzipSync(file.body);
    response.writeHead(200, { ...identity, 'content-encoding': 'gzip', 'content-length': String(packed.length) });
    response.end(packed);
    return;
  }
  response.writeHead(200, { ...identity, 'content-length': String(file.body.length) });
  if (file.cutAfter !== undefined) {
    const cut = file.cutAfter;
    delete file.cutAfter;
    response.write(file.body.subarray(0, cut));
    // Let the bytes reach the client, then die without finishing the body.
    setTimeout(() => response.socket?.destroy(), 150);
    return;
  }
  response.end(file.body);
}

/** A CSV of `rows` rows, about 40 bytes each. */
function csv(rows: number, salt = ''): Buffer {
  const lines = ['id,city,temp,note'];
  for (let index = 1; index <= rows; index++) lines.push(`${index},${['Oslo', 'Rome', 'Lima'][index % 3]},${index % 40},row ${index}${salt}`);
  return Buffer.from(lines.join('\n') + '\n');
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'winnow-http-cache-'));
  process.env.WINNOW_CACHE_DIR = cache;
  files.clear();
  seen = [];
});

afterEach(() => {
  for (const [name, value] of [
    ['WINNOW_CACHE_DIR', saved.cache],
    ['WINNOW_DOWNLOAD_ATTEMPTS', saved.attempts],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(cache, { recursive: true, force: true });
});

const gets = (path: string) => seen.filter((request) => request.method === 'GET' && request.path === path);
const objects = () => (existsSync(join(cache, 'objects')) ? readdirSync(join(cache, 'objects')) : []);

describe('http(s) sources', () => {
  it('land in the content-addressed cache, pinned by URL, bytes, sha256 and ETag, and are reused while the ETag holds', async () => {
    const body = csv(50);
    files.set('/data/flights.csv', { body, etag: 'v1' });
    const uri = `${base}/data/flights.csv`;
    const first = await resolveSource('remote', { uri }, '/unused');
    expect(first.format).toBe('csv');
    // Read under the URL's path: a hard link to the object named by its content.
    expect(first.files).toEqual([join(cache, 'names', sha256(body), base.slice('http://'.length).replace(':', '_'), 'data', 'flights.csv')]);
    expect(existsSync(join(cache, 'objects', `${sha256(body)}.csv`))).toBe(true);
    expect(sha256(readFileSync(first.files[0] as string))).toBe(sha256(body));
    expect(first.remote).toEqual([{ uri, bytes: body.length, sha256: sha256(body), etag: 'v1' }]);

    const second = await resolveSource('remote', { uri }, '/unused');
    expect(second.files).toEqual(first.files);
    expect(gets('/data/flights.csv')).toHaveLength(1);
    // Revalidated with the server each time, without downloading again.
    expect(seen.filter((request) => request.method === 'HEAD')).toHaveLength(2);
    expect(readdirSync(join(cache, 'partial'))).toEqual([]);
  });

  it('downloads again when the server has a new version, and keeps the query out of the file name', async () => {
    files.set('/data/flights.csv.gz', { body: gzipSync(csv(5)), etag: 'v1' });
    const uri = `${base}/data/flights.csv.gz?v=1`;
    const first = await resolveSource('remote', { uri }, '/unused');
    expect(first.format).toBe('csv');
    expect(first.files[0]).toMatch(/\/names\/[0-9a-f]{64}\/127\.0\.0\.1_\d+\/data\/flights\.csv\.gz$/);
    expect(readdirSync(join(cache, 'objects'))).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.csv\.gz$/)]);

    const changed = gzipSync(csv(6));
    files.set('/data/flights.csv.gz', { body: changed, etag: 'v2' });
    const second = await resolveSource('remote', { uri }, '/unused');
    expect(second.remote).toEqual([{ uri, bytes: changed.length, sha256: sha256(changed), etag: 'v2' }]);
    expect(sha256(readFileSync(second.files[0] as string))).toBe(sha256(changed));
    expect(gets('/data/flights.csv.gz')).toHaveLength(2);
  });

  it('use Last-Modified as the version when the server sends no ETag, and download every time when it sends neither', async () => {
    files.set('/dated.csv', { body: csv(3), lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' });
    files.set('/bare.csv', { body: csv(3) });
    for (let round = 0; round < 2; round++) {
      await resolveSource('dated', { uri: `${base}/dated.csv` }, '/unused');
      await resolveSource('bare', { uri: `${base}/bare.csv` }, '/unused');
    }
    expect(gets('/dated.csv')).toHaveLength(1);
    expect(gets('/bare.csv')).toHaveLength(2);
    files.set('/dated.csv', { body: csv(4), lastModified: 'Wed, 02 Dec 2026 10:00:00 GMT' });
    const newer = await resolveSource('dated', { uri: `${base}/dated.csv` }, '/unused');
    expect(readFileSync(newer.files[0] as string)).toEqual(csv(4));
  });

  it('ask for the stored bytes, not a compressed transfer, so the sha256 is of the file itself', async () => {
    const body = csv(200);
    files.set('/zipped.csv', { body, etag: 'z', gzip: true });
    const source = await resolveSource('remote', { uri: `${base}/zipped.csv` }, '/unused');
    expect(gets('/zipped.csv')[0]?.acceptEncoding).toBe('identity');
    expect(source.remote?.[0]?.sha256).toBe(sha256(body));
  });

  it('find the size with a one-byte Range request when HEAD is refused', async () => {
    const body = csv(20);
    files.set('/nohead.csv', { body, etag: 'n1', noHead: true });
    const source = await resolveSource('remote', { uri: `${base}/nohead.csv` }, '/unused');
    expect(source.remote).toEqual([{ uri: `${base}/nohead.csv`, bytes: body.length, sha256: sha256(body), etag: 'n1' }]);
    expect(gets('/nohead.csv').map((request) => request.range)).toEqual(['bytes=0-0', undefined]);
  });

  it('fail with one line naming the URL and the status, and cache nothing', async () => {
    const uri = `${base}/missing.csv`;
    const error = await failure(resolveSource('remote', { uri }, '/unused'));
    expect(error).toBeInstanceOf(WinnowError);
    expect(error).toMatchObject({ kind: 'input', place: { file: uri }, message: `${uri}: the server answered 404 Not Found` });
    expect(objects()).toEqual([]);
  });

  it('fail with one line when the server cannot be reached', async () => {
    const port = await freePort();
    const uri = `http://127.0.0.1:${port}/a.csv`;
    const error = await failure(resolveSource('remote', { uri }, '/unused'));
    expect(error).toMatchObject({ kind: 'input', place: { file: uri } });
    expect((error as WinnowError).message).toBe(
      `${uri}: cannot reach 127.0.0.1:${port} (ECONNREFUSED): check the URL, the network and that the server is running`,
    );
  });
});

describe('a cut http download', () => {
  it('fails cleanly, leaves nothing in the cache, and the next attempt resumes with a Range request', async () => {
    process.env.WINNOW_DOWNLOAD_ATTEMPTS = '1';
    const body = csv(40_000);
    const uri = `${base}/big.csv`;
    files.set('/big.csv', { body, etag: 'big1', cutAfter: 400_000 });
    const error = await failure(resolveSource('remote', { uri }, '/unused'));
    expect(error).toMatchObject({ kind: 'input', place: { file: uri } });
    expect((error as Error).message).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/big\.csv: cannot download: /);
    expect((error as Error).message).not.toContain('\n');
    expect(objects()).toEqual([]);
    const [partial] = readdirSync(join(cache, 'partial'));
    const kept = readFileSync(join(cache, 'partial', partial as string)).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(400_000);

    const resumed = await resolveSource('remote', { uri }, '/unused');
    expect(sha256(readFileSync(resumed.files[0] as string))).toBe(sha256(body));
    expect(resumed.remote?.[0]?.sha256).toBe(sha256(body));
    const second = gets('/big.csv')[1];
    expect(second).toMatchObject({ range: `bytes=${kept}-`, ifRange: '"big1"' });
    expect(readdirSync(join(cache, 'partial'))).toEqual([]);
  });

  it('is retried within the run by default, resuming where it stopped', async () => {
    const body = csv(40_000);
    files.set('/retried.csv', { body, etag: 'r1', cutAfter: 300_000 });
    const source = await resolveSource('remote', { uri: `${base}/retried.csv` }, '/unused');
    expect(source.remote?.[0]?.sha256).toBe(sha256(body));
    expect(gets('/retried.csv').map((request) => request.range?.replace(/\d+/, 'N'))).toEqual([undefined, 'bytes=N-']);
  });

  it('starts over, still correct, when the server ignores the Range and sends the whole file', async () => {
    process.env.WINNOW_DOWNLOAD_ATTEMPTS = '1';
    const body = csv(40_000);
    const uri = `${base}/norange.csv`;
    files.set('/norange.csv', { body, etag: 'a1', cutAfter: 300_000, ignoreRange: true });
    await failure(resolveSource('remote', { uri }, '/unused'));
    const source = await resolveSource('remote', { uri }, '/unused');
    expect(sha256(readFileSync(source.files[0] as string))).toBe(sha256(body));
    expect(source.remote?.[0]?.sha256).toBe(sha256(body));
  });

  it('is not resumed across a change of the file: the new version starts its own download', async () => {
    process.env.WINNOW_DOWNLOAD_ATTEMPTS = '1';
    const uri = `${base}/moving.csv`;
    files.set('/moving.csv', { body: csv(40_000), etag: 'm1', cutAfter: 300_000 });
    await failure(resolveSource('remote', { uri }, '/unused'));
    const replaced = csv(40_000, '!');
    files.set('/moving.csv', { body: replaced, etag: 'm2' });
    const source = await resolveSource('remote', { uri }, '/unused');
    expect(source.remote).toEqual([{ uri, bytes: replaced.length, sha256: sha256(replaced), etag: 'm2' }]);
    expect(sha256(readFileSync(source.files[0] as string))).toBe(sha256(replaced));
  });
});

describe('a file that changes during its download', () => {
  it('is never cached as either version: If-Range brings the new one whole, its ETag is refused, the run fails', async () => {
    process.env.WINNOW_DOWNLOAD_ATTEMPTS = '1';
    const uri = `${base}/racing.csv`;
    files.set('/racing.csv', { body: csv(40_000), etag: 'one', cutAfter: 300_000 });
    await failure(resolveSource('remote', { uri }, '/unused'));
    files.set('/racing.csv', { body: csv(40_000), etag: 'one', thenBecomes: { body: csv(40_000, '?'), etag: 'two' } });
    const error = await failure(resolveSource('remote', { uri }, '/unused'));
    expect((error as Error).message).toBe(`${uri}: cannot download: the object changed while it was downloaded (ETag two, listed one)`);
    expect(gets('/racing.csv').at(-1)?.ifRange).toBe('"one"');
    expect(objects()).toEqual([]);

    const settled = await resolveSource('remote', { uri }, '/unused');
    expect(settled.remote?.[0]?.etag).toBe('two');
    expect(sha256(readFileSync(settled.files[0] as string))).toBe(sha256(csv(40_000, '?')));
  });
});

describe('winnow run on an http(s) input', () => {
  const spec = (uri: string) => `version: 1
name: weather
seed: 11
sources:
  readings:
    uri: ${uri}
steps:
  - { id: cols, check: schema, columns: { id: BIGINT, temp: BIGINT } }
outputs:
  - { name: clean, format: parquet }
`;

  it('pins the URL in the manifest; --snapshot names a changed file by its ETag and a gone one as missing (exit 3)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'winnow-http-run-'));
    try {
      const body = csv(30);
      const uri = `${base}/readings.csv`;
      files.set('/readings.csv', { body, etag: 'r-1' });
      const specPath = join(dir, 'run.winnow.yaml');
      writeFileSync(specPath, spec(uri));
      const pinned = await runSpecFile(specPath, { out: join(dir, 'out-1') });
      expect(pinned.exitCode).toBe(0);
      const manifest = JSON.parse(readFileSync(pinned.manifestPath!, 'utf8')) as Manifest;
      expect(manifest.inputs[0]?.rows).toBe(30);
      expect(manifest.inputs[0]?.files.map(({ uri: url, bytes, sha256: hash, etag }) => ({ uri: url, bytes, sha256: hash, etag }))).toEqual([
        { uri, bytes: body.length, sha256: sha256(body), etag: 'r-1' },
      ]);

      const same = await runSpecFile(specPath, { out: join(dir, 'out-2'), snapshot: pinned.manifestPath });
      expect(same.exitCode).toBe(0);

      files.set('/readings.csv', { body: csv(31), etag: 'r-2' });
      const downloadsBefore = gets('/readings.csv').length;
      const changed = await runSpecFile(specPath, { out: join(dir, 'out-3'), snapshot: pinned.manifestPath });
      expect(changed.exitCode).toBe(3);
      expect(changed.snapshotDifferences).toEqual([
        { source: 'readings', path: uri, change: 'changed', detail: `ETag r-2 != pinned r-1, ${csv(31).length} bytes (pinned ${body.length})` },
      ]);
      // Found from the HEAD answer alone: the changed file was not downloaded.
      expect(gets('/readings.csv')).toHaveLength(downloadsBefore);

      files.delete('/readings.csv');
      const gone = await runSpecFile(specPath, { out: join(dir, 'out-4'), snapshot: pinned.manifestPath });
      expect(gone.exitCode).toBe(3);
      expect(gone.snapshotDifferences).toEqual([{ source: 'readings', path: uri, change: 'missing' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
