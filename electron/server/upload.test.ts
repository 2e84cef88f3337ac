/**
 * Browser mode's upload of a dropped file, through the real server: the copy is stored once per
 * content under its name, behind the same token and Host checks as the rest, refused with one
 * line when too large or not a data file, and a cut upload leaves nothing that looks complete.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Host } from '../host/host';
import { startServer, type RunningServer } from './server';
import { storedName } from './upload';

const MAX_BYTES = 1_000_000;
let dir: string;
let host: Host;
let server: RunningServer;
let uploadsDir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-upload-'));
  host = new Host({ dataDir: join(dir, 'data'), appDir: dir });
  server = await startServer({ host, staticDir: dir, uploadMaxBytes: MAX_BYTES });
  uploadsDir = join(dir, 'data', 'uploads');
});
afterAll(async () => {
  await server.close();
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Sent {
  /** Query string after /upload. */
  query?: string;
  method?: string;
  headers?: Record<string, string | number>;
  token?: string | null;
  hostHeader?: string;
}

/** Starts a request to /upload; the caller writes the body. */
function startUpload({ query = '', method = 'POST', headers = {}, token = server.token, hostHeader = `127.0.0.1:${server.port}` }: Sent): {
  request: ClientRequest;
  answer: Promise<{ status: number; body: Record<string, unknown> }>;
} {
  const request = httpRequest({
    host: '127.0.0.1',
    port: server.port,
    path: `/upload${query}`,
    method,
    headers: { Host: hostHeader, ...(token ? { 'X-Winnow-Token': token } : {}), ...headers },
  });
  const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          body = { text };
        }
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
  });
  return { request, answer };
}

function upload(name: string, content: string | Buffer, sent: Sent = {}) {
  const body = Buffer.from(content);
  const { request, answer } = startUpload({ query: `?name=${encodeURIComponent(name)}`, ...sent, headers: { 'Content-Length': body.length, ...sent.headers } });
  request.end(body);
  return answer;
}

/** Every file under the uploads folder, relative to it. */
function storedFiles(): string[] {
  try {
    return readdirSync(uploadsDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(uploadsDir.length + 1))
      .sort();
  } catch {
    return [];
  }
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 200) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('POST /upload', () => {
  it('stores a dropped file by its content under its name, and reuses the copy when it comes again', async () => {
    const csv = 'day,origin,delay\n2026-01-03,SFO,12\n2026-01-04,LAX,-3\n';
    const sha256 = createHash('sha256').update(csv).digest('hex');
    const path = join(uploadsDir, sha256.slice(0, 16), 'flights.csv');

    const first = await upload('flights.csv', csv);
    expect(first).toEqual({ status: 200, body: { path, bytes: csv.length, sha256 } });
    expect(readFileSync(path, 'utf8')).toBe(csv);

    const again = await upload('flights.csv', csv);
    expect(again).toEqual(first);
    expect(storedFiles()).toEqual([join(sha256.slice(0, 16), 'flights.csv')]);
  });

  it('clears what an upload cut off by a crash left a day ago, but not an upload in progress', async () => {
    mkdirSync(uploadsDir, { recursive: true });
    const abandoned = join(uploadsDir, '.00000000000000aa.part');
    const current = join(uploadsDir, '.00000000000000bb.part');
    writeFileSync(abandoned, 'half a file');
    writeFileSync(current, 'still arriving');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(abandoned, twoDaysAgo, twoDaysAgo);
    expect((await upload('later.csv', 'a\n1\n')).status).toBe(200);
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(current)).toBe(true);
    rmSync(current);
  });

  it('refuses a request without the session token', async () => {
    const before = storedFiles();
    const answer = await upload('flights.csv', 'a\n1\n', { token: null });
    expect(answer.status).toBe(401);
    expect(answer.body.text).toContain('needs its token');
    expect(storedFiles()).toEqual(before);
  });

  it('refuses a request for another Host name (DNS rebinding)', async () => {
    const before = storedFiles();
    const answer = await upload('flights.csv', 'a\n1\n', { hostHeader: 'attacker.example:80' });
    expect(answer.status).toBe(421);
    expect(answer.body.text).toContain('wrong Host header');
    expect(storedFiles()).toEqual(before);
  });

  it('refuses a file larger than the limit with one line, before reading it', async () => {
    const answer = await upload('big.csv', Buffer.alloc(MAX_BYTES + 1, 'a'));
    expect(answer).toEqual({
      status: 413,
      body: { error: '“big.csv” is 1 MB; Winnow in a browser copies files up to 1 MB (WINNOW_UPLOAD_MAX_BYTES raises that): type its path instead' },
    });

    // A huge announced size is answered at once, without waiting for the body.
    const { request, answer: huge } = startUpload({ query: '?name=huge.parquet', headers: { 'Content-Length': 50e9 } });
    request.flushHeaders();
    expect(await huge).toEqual({
      status: 413,
      body: { error: '“huge.parquet” is 50 GB; Winnow in a browser copies files up to 1 MB (WINNOW_UPLOAD_MAX_BYTES raises that): type its path instead' },
    });
    request.destroy();
  });

  it('leaves nothing that looks complete when the upload is cut off', async () => {
    const before = storedFiles();
    const { request, answer } = startUpload({ query: '?name=cut.csv', headers: { 'Content-Length': 500_000 } });
    answer.catch(() => undefined);
    request.write(Buffer.alloc(64 * 1024, 'b'));
    await waitFor(() => storedFiles().some((file) => file.endsWith('.part')));
    request.destroy();
    await waitFor(() => storedFiles().length === before.length);
    expect(storedFiles()).toEqual(before);
  });

  it('refuses a file that is not data, or a request without a name or size, with one line', async () => {
    expect(await upload('notes.txt', 'hello')).toEqual({
      status: 400,
      body: { error: '“notes.txt” is not a data file Winnow reads: drop a CSV, TSV, JSON, NDJSON, Parquet or Arrow file (also .gz or .zst)' },
    });
    expect(await upload('', 'a\n1\n', { query: '' })).toEqual({ status: 400, body: { error: 'the upload did not name its file (?name=)' } });

    // Written in two parts, the body goes chunked, without a Content-Length.
    const { request, answer } = startUpload({ query: '?name=chunked.csv' });
    request.write('a\n');
    request.end('1\n');
    expect(await answer).toEqual({ status: 411, body: { error: 'the upload of “chunked.csv” did not say its size (Content-Length)' } });

    const get = startUpload({ query: '?name=a.csv', method: 'GET' });
    get.request.end();
    expect((await get.answer).status).toBe(405);
  });
});

describe('storedName', () => {
  it('keeps the last segment and the extension, and drops what could escape the folder', () => {
    expect(storedName('flights.csv')).toBe('flights.csv');
    expect(storedName('../../etc/cron.d/x.csv')).toBe('x.csv');
    expect(storedName('C:\\data\\x.parquet')).toBe('x.parquet');
    expect(storedName('a\u0000b.csv.gz')).toBe('ab.csv.gz');
    expect(storedName('..hidden..data.jsonl')).toBe('hidden.data.jsonl');
    expect(storedName('what?.tsv')).toBe('what_.tsv');
    const long = storedName(`${'x'.repeat(300)}.csv.zst`);
    expect(long).toHaveLength(120);
    expect(long.endsWith('x.csv.zst')).toBe(true);
  });

  it('refuses names without a data extension', () => {
    expect(() => storedName('notes.txt')).toThrow('“notes.txt” is not a data file');
    expect(() => storedName('..')).toThrow('is not a data file');
    expect(() => storedName('csv')).toThrow('is not a data file');
  });
});
