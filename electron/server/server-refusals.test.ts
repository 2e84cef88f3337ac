/**
 * Issue 11, the browser-mode server's refusals, through the real server on 127.0.0.1: malformed
 * percent-encoding is the client's error (400, not 500 "URI malformed"), a body over the limit is
 * 413 (not 400), and no request reads a file outside the app folder, by `..` or through a
 * symbolic link, while links that stay inside still work.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Host } from '../host/host';
import { startServer, type RunningServer } from './server';

const MAX_BODY = 64 * 1024;
let dir: string;
let staticDir: string;
let host: Host;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-server-refusals-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Winnow</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'secret.txt'), 'SECRET-OUTSIDE-THE-APP');
  writeFileSync(join(dir, 'renderer-secret.txt'), 'SECRET-BESIDE-THE-APP');
  // A link to a file outside, a link to a folder outside, and a link that stays inside.
  symlinkSync(join(dir, 'outside', 'secret.txt'), join(staticDir, 'assets', 'leak.txt'));
  symlinkSync(join(dir, 'outside'), join(staticDir, 'assets', 'elsewhere'));
  symlinkSync(join(staticDir, 'assets', 'app.js'), join(staticDir, 'assets', 'same.js'));
  host = new Host({ dataDir: join(dir, 'data'), appDir: dir });
  server = await startServer({ host, staticDir, maxBodyBytes: MAX_BODY });
});
afterAll(async () => {
  await server.close();
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Sent {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

/** One raw request (the path is sent as given, not re-encoded by a URL parser). */
function send(path: string, { method = 'GET', headers = {}, body }: Sent = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method, headers: { Host: `127.0.0.1:${server.port}`, 'X-Winnow-Token': server.token, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    // The server may answer and close before the whole body is sent.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    request.end(body);
  });
}

describe('malformed percent-encoding is a 400', () => {
  it.each(['/%E0%A4%A', '/assets/%ZZ.js', '/%', '/api/%E0%A4%A', '/ws/%C0.duckdb'])('%s', async (path) => {
    const { status, text } = await send(path, path.startsWith('/api/') ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' } : {});
    expect(status).toBe(400);
    expect(text).toBe('bad request: malformed percent-encoding in the path');
  });

  it('well-formed encoding still finds the file', async () => {
    expect(await send('/assets/%61pp.js')).toEqual({ status: 200, text: 'console.log("app")' });
  });
});

describe('a body over the limit is a 413', () => {
  const json = { method: 'POST', headers: { 'Content-Type': 'application/json' } };

  it('announced by Content-Length, refused before it is read', async () => {
    const { status, text } = await send('/api/settings', {
      ...json,
      headers: { ...json.headers, 'Content-Length': MAX_BODY + 1 },
      body: Buffer.alloc(MAX_BODY + 1, 32),
    });
    expect(status).toBe(413);
    expect(JSON.parse(text)).toEqual({ error: `the request body is larger than ${MAX_BODY} bytes` });
  });

  it('sent in chunks without a length', async () => {
    const { status } = await send('/api/settings', {
      ...json,
      headers: { ...json.headers, 'Transfer-Encoding': 'chunked' },
      body: Buffer.alloc(MAX_BODY * 2, 32),
    });
    expect(status).toBe(413);
  });

  it('a body within the limit is answered', async () => {
    const { status, text } = await send('/api/settings', { ...json, body: JSON.stringify({ padding: 'x'.repeat(MAX_BODY - 100) }) });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ electron: false });
  });
});

describe('nothing outside the app folder is served', () => {
  it.each([
    ['a link to a file outside', '/assets/leak.txt', 403],
    ['a file inside a linked folder outside', '/assets/elsewhere/secret.txt', 403],
    // The URL parser resolves encoded dot segments, and stops them at the root.
    ['dot segments, encoded', '/assets/%2e%2e/%2e%2e/outside/secret.txt', 404],
    ['encoded slashes and dots', '/..%2F..%2Foutside%2Fsecret.txt', 403],
    ['a sibling folder sharing the prefix', '/..%2Frenderer-secret.txt', 403],
    ['a NUL byte', '/index.html%00.js', 400],
    ['a missing file', '/assets/missing.js', 404],
  ])('%s: %s', async (_what, path, status) => {
    const answer = await send(path);
    expect(answer.status).toBe(status);
    expect(answer.text).not.toContain('SECRET');
  });

  it('a link that stays inside the folder is served', async () => {
    expect(await send('/assets/same.js')).toEqual({ status: 200, text: 'console.log("app")' });
  });

  it('the page itself still loads, with the session cookie', async () => {
    const { status, text } = await send('/');
    expect(status).toBe(200);
    expect(text).toContain('<title>Winnow</title>');
  });
});
