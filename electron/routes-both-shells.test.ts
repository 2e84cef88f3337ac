/**
 * Issue 13, both shells answer their files through the one route table (host/routes.ts): the
 * same requests sent to Electron's `winnow://app` handler (app-protocol.ts, which main.ts hands
 * to `protocol.handle`; run in Node, as Electron cannot be downloaded here, so that one line of
 * wiring is not run) and to the browser-mode server over real HTTP get the status, headers and
 * bytes `answerStatic` gives — ranges, 416, multi-range, HEAD, refusals included.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from './desktop/app-protocol';
import type { Host } from './host/host';
import { answerStatic, type StaticRoots } from './host/routes';
import { startServer, type RunningServer } from './server/server';

const WORKING_SET = '0b0e8c1e-4f6a-4c1e-9b1e-2f3a4b5c6d7e';
/** The headers the route table decides. */
const ROUTE_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'cache-control', 'content-security-policy', 'allow'];

interface Seen {
  status: number;
  headers: Record<string, string>;
  text: string;
}

let dir: string;
let roots: StaticRoots;
let server: RunningServer;
let electron: (request: Request) => Promise<Response>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-both-shells-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Winnow</title>');
  writeFileSync(join(rendererDir, 'assets', 'app-1a2b.js'), 'console.log("app")');
  writeFileSync(join(rendererDir, 'assets', 'duckdb.wasm'), 'wasm');
  writeFileSync(join(rendererDir, 'favicon.ico'), 'icon');
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'secret.txt'), 'SECRET');
  symlinkSync(join(dir, 'outside', 'secret.txt'), join(rendererDir, 'assets', 'leak.txt'));
  writeFileSync(join(dir, 'ws.duckdb'), '0123456789');
  mkdirSync(join(dir, 'runs', WORKING_SET, 'out'), { recursive: true });
  writeFileSync(join(dir, 'runs', WORKING_SET, 'out', 'report.html'), '<p>report</p>');
  const host = {
    workingSetPath: (id: string) => (id === WORKING_SET ? join(dir, 'ws.duckdb') : undefined),
    runReportPath: (id: string) => join(dir, 'runs', id, 'out', 'report.html'),
  };
  roots = { rendererDir, host };
  electron = appProtocolHandler(roots);
  // The server reads nothing else of the host on these paths.
  server = await startServer({ host: { ...host, options: { dataDir: join(dir, 'data') } } as unknown as Host, staticDir: rendererDir });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function routeHeaders(all: Record<string, string>): Record<string, string> {
  const lower = Object.fromEntries(Object.entries(all).map(([name, value]) => [name.toLowerCase(), value]));
  return Object.fromEntries(ROUTE_HEADERS.filter((name) => lower[name] !== undefined).map((name) => [name, lower[name]!]));
}

async function direct(path: string, method: string, range?: string): Promise<Seen> {
  const answer = await answerStatic({ method, pathname: new URL(path, 'http://127.0.0.1').pathname, range }, roots);
  const { body } = answer;
  const text = body === null ? '' : 'text' in body ? body.text : (await readFile(body.path)).subarray(body.start, body.end + 1).toString('utf8');
  return { status: answer.status, headers: routeHeaders(answer.headers), text };
}

async function viaElectron(path: string, method: string, range?: string): Promise<Seen> {
  const response = await electron(new Request(`winnow://app${path}`, { method, headers: range ? { range } : {} }));
  return { status: response.status, headers: routeHeaders(Object.fromEntries(response.headers)), text: await response.text() };
}

function viaServer(path: string, method: string, range?: string): Promise<Seen & { cookie: boolean }> {
  return new Promise((resolve, reject) => {
    const headers = { Host: `127.0.0.1:${server.port}`, 'X-Winnow-Token': server.token, ...(range ? { Range: range } : {}) };
    const request = httpRequest({ host: '127.0.0.1', port: server.port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: routeHeaders(response.headers as Record<string, string>),
          text: Buffer.concat(chunks).toString('utf8'),
          cookie: response.headers['set-cookie'] !== undefined,
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe('both shells answer through the route table', () => {
  const ws = `/ws/${WORKING_SET}.duckdb`;
  it.each([
    ['GET', '/', undefined],
    ['GET', '/index.html', undefined],
    ['GET', '/assets/app-1a2b.js', undefined],
    ['GET', '/assets/duckdb.wasm', undefined],
    ['GET', '/favicon.ico', undefined],
    ['GET', ws, undefined],
    ['GET', ws, 'bytes=2-4'],
    ['GET', ws, 'bytes=4-'],
    ['GET', ws, 'bytes=-3'],
    ['GET', ws, 'bytes=0-1,5-6'],
    ['GET', ws, 'bytes=999999999999999999999-'],
    ['GET', ws, 'bytes=20-'],
    ['GET', ws, 'bytes=abc'],
    ['HEAD', ws, 'bytes=2-4'],
    ['HEAD', '/assets/app-1a2b.js', undefined],
    ['DELETE', ws, undefined],
    ['GET', '/ws/1b0e8c1e-4f6a-4c1e-9b1e-2f3a4b5c6d7e.duckdb', undefined],
    ['GET', `/runs/${WORKING_SET}/report.html`, undefined],
    ['GET', '/assets/missing.js', undefined],
    ['GET', '/assets/leak.txt', undefined],
    ['GET', '/..%2F..%2Foutside%2Fsecret.txt', undefined],
    ['GET', '/assets/%2e%2e/%2e%2e/outside/secret.txt', undefined],
    ['GET', '/index.html%00.js', undefined],
  ])('%s %s (Range: %s)', async (method, path, range) => {
    const expected = await direct(path, method, range);
    const [fromElectron, fromServer] = await Promise.all([viaElectron(path, method, range), viaServer(path, method, range)]);
    expect(fromElectron).toEqual(expected);
    expect({ ...fromServer, cookie: undefined }).toEqual({ ...expected, cookie: undefined });
    expect(fromServer.text).not.toContain('SECRET');
  });

  it('the server sets its session cookie on the page alone; Electron has no cookie', async () => {
    expect((await viaServer('/', 'GET')).cookie).toBe(true);
    expect((await viaServer('/assets/app-1a2b.js', 'GET')).cookie).toBe(false);
    const response = await electron(new Request('winnow://app/'));
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});
