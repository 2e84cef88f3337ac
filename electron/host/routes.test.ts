/**
 * Issue 13, the route table both shells answer with (routes.ts), run directly in Node: byte
 * ranges (closed, open, suffix, lists, absurd numbers, 416), the headers of each route, and no
 * path — `..` plain or percent-encoded, a NUL, a symbolic link — reading a file outside the app.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerStatic, byteRange, CONTENT_SECURITY_POLICY, RUN_REPORT_POLICY, type StaticAnswer, type StaticRoots } from './routes';

const WORKING_SET = '0b0e8c1e-4f6a-4c1e-9b1e-2f3a4b5c6d7e';
const HUGE = '9'.repeat(400);

describe('byteRange', () => {
  it.each([
    ['a closed range', 'bytes=2-4', 10, { start: 2, end: 4 }],
    ['an open range', 'bytes=7-', 10, { start: 7, end: 9 }],
    ['a suffix range', 'bytes=-3', 10, { start: 7, end: 9 }],
    ['a suffix longer than the file', 'bytes=-500', 10, { start: 0, end: 9 }],
    ['a last position past the end', 'bytes=8-20', 10, { start: 8, end: 9 }],
    ['the unit in capitals, spaces around', '  BYTES=1-1 ', 10, { start: 1, end: 1 }],
    ['a list: its first range', 'bytes=0-1, 5-6', 10, { start: 0, end: 1 }],
    ['a list: its first satisfiable range', 'bytes=50-, 2-3', 10, { start: 2, end: 3 }],
    ['a list with empty elements', 'bytes=,4-5,', 10, { start: 4, end: 5 }],
    ['an absurd last position', 'bytes=0-999999999999999999999', 10, { start: 0, end: 9 }],
    ['an absurd suffix', 'bytes=-999999999999999999999', 10, { start: 0, end: 9 }],
    ['a number beyond any float', `bytes=-${HUGE}`, 10, { start: 0, end: 9 }],
  ])('%s: %s of %i bytes', (_what, header, size, expected) => {
    expect(byteRange(header, size)).toEqual(expected);
  });

  it.each([
    ['a first position at the end', 'bytes=10-', 10],
    ['an absurd first position', 'bytes=999999999999999999999-', 10],
    ['a first position beyond any float', `bytes=${HUGE}-`, 10],
    ['a last position before the first', 'bytes=5-2', 10],
    ['an empty suffix', 'bytes=-0', 10],
    ['any range of an empty file', 'bytes=0-', 0],
    ['a suffix of an empty file', 'bytes=-5', 0],
    ['a list of ranges all past the end', 'bytes=20-30,40-', 10],
  ])('%s: %s of %i bytes is unsatisfiable', (_what, header, size) => {
    expect(byteRange(header, size)).toBe('unsatisfiable');
  });

  it.each([
    null,
    undefined,
    '',
    'bytes=',
    'bytes=-',
    'bytes=abc',
    'bytes=1-2-3',
    'bytes=0x10-',
    'bytes=1.5-2',
    'bytes=-1e3',
    'items=0-1',
    'bytes 0-1',
    'bytes=0-1,x',
    'bytes=0-1\n2-3',
  ])('a header it cannot read (%j) asks for the whole file', (header) => {
    expect(byteRange(header, 10)).toBeUndefined();
  });
});

let dir: string;
let roots: StaticRoots;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-routes-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Winnow</title>');
  writeFileSync(join(rendererDir, 'assets', 'app-1a2b.js'), 'console.log("app")');
  writeFileSync(join(rendererDir, 'assets', 'engine.WASM'), 'wasm');
  writeFileSync(join(rendererDir, 'favicon.ico'), 'icon');
  writeFileSync(join(rendererDir, 'empty.json'), '');
  writeFileSync(join(rendererDir, 'notes.unknown'), 'n');
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'secret.txt'), 'SECRET');
  writeFileSync(join(dir, 'renderer-secret.txt'), 'SECRET');
  symlinkSync(join(dir, 'outside', 'secret.txt'), join(rendererDir, 'assets', 'leak.txt'));
  writeFileSync(join(dir, 'ws.duckdb'), '0123456789');
  mkdirSync(join(dir, 'runs', WORKING_SET, 'out'), { recursive: true });
  writeFileSync(join(dir, 'runs', WORKING_SET, 'out', 'report.html'), '<p>report</p>');
  roots = {
    rendererDir,
    host: {
      workingSetPath: (id) => (id === WORKING_SET ? join(dir, 'ws.duckdb') : undefined),
      runReportPath: (id) => join(dir, 'runs', id, 'out', 'report.html'),
    },
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The answer and the bytes it sends, read as a shell would. */
async function get(pathname: string, { method = 'GET', range }: { method?: string; range?: string } = {}): Promise<StaticAnswer & { text: string | null }> {
  const answer = await answerStatic({ method, pathname, range }, roots);
  const { body } = answer;
  const text = body === null ? null : 'text' in body ? body.text : (await readFile(body.path)).subarray(body.start, body.end + 1).toString('utf8');
  return { ...answer, text };
}

describe('the route table', () => {
  it('working sets: the whole file, ranges of it, 416 naming the size; never cached', async () => {
    const path = `/ws/${WORKING_SET}.duckdb`;
    const whole = await get(path);
    expect(whole).toMatchObject({ status: 200, text: '0123456789' });
    expect(whole.headers).toMatchObject({
      'Content-Type': 'application/octet-stream',
      'Content-Length': '10',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
    });
    expect(whole.headers['Content-Range']).toBeUndefined();
    const suffix = await get(path, { range: 'bytes=-3' });
    expect(suffix).toMatchObject({ status: 206, text: '789', headers: { 'Content-Range': 'bytes 7-9/10', 'Content-Length': '3' } });
    expect(await get(path, { range: 'bytes=4-' })).toMatchObject({ status: 206, text: '456789', headers: { 'Content-Range': 'bytes 4-9/10' } });
    expect(await get(path, { range: 'bytes=0-1,5-6' })).toMatchObject({ status: 206, text: '01', headers: { 'Content-Range': 'bytes 0-1/10' } });
    expect(await get(path, { range: 'bytes=999999999999999999999-' })).toMatchObject({ status: 416, headers: { 'Content-Range': 'bytes */10' }, body: null });
    expect(await get('/ws/1b0e8c1e-4f6a-4c1e-9b1e-2f3a4b5c6d7e.duckdb')).toMatchObject({ status: 404, text: 'no such working set' });
  });

  it('HEAD: the same headers, no body', async () => {
    const head = await get(`/ws/${WORKING_SET}.duckdb`, { method: 'HEAD', range: 'bytes=2-4' });
    expect(head).toMatchObject({ status: 206, body: null, headers: { 'Content-Length': '3', 'Content-Range': 'bytes 2-4/10' } });
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'get'])('%s is refused with 405', async (method) => {
    expect(await get('/index.html', { method })).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD' } });
  });

  it('the run report, framed by the app under its own policy', async () => {
    const report = await get(`/runs/${WORKING_SET}/report.html`);
    expect(report).toMatchObject({ status: 200, text: '<p>report</p>' });
    expect(report.headers).toMatchObject({
      'Content-Security-Policy': RUN_REPORT_POLICY,
      'Cache-Control': 'no-store',
      'Content-Type': 'text/html; charset=utf-8',
    });
    expect((await get('/runs/1b0e8c1e-4f6a-4c1e-9b1e-2f3a4b5c6d7e/report.html')).status).toBe(404);
  });

  it('the page: no-store, the app policy, marked for the session cookie', async () => {
    for (const path of ['/', '/index.html']) {
      const page = await get(path);
      expect(page).toMatchObject({ status: 200, page: true, text: '<!doctype html><title>Winnow</title>' });
      expect(page.headers).toMatchObject({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      });
    }
  });

  it('content types and cache by file: hashed assets immutable, others revalidated', async () => {
    expect((await get('/assets/app-1a2b.js')).headers).toMatchObject({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
    expect((await get('/assets/engine.WASM')).headers['Content-Type']).toBe('application/wasm');
    expect((await get('/favicon.ico')).headers).toMatchObject({ 'Content-Type': 'image/x-icon', 'Cache-Control': 'no-cache' });
    expect((await get('/notes.unknown')).headers['Content-Type']).toBe('application/octet-stream');
    expect((await get('/assets/app-1a2b.js')).page).toBeUndefined();
  });

  it('an empty file: 200 with no body; any range of it 416', async () => {
    expect(await get('/empty.json')).toMatchObject({ status: 200, body: null, headers: { 'Content-Length': '0' } });
    expect(await get('/empty.json', { range: 'bytes=-5' })).toMatchObject({ status: 416, headers: { 'Content-Range': 'bytes */0' } });
  });

  it('an app not built is a 500 that says how to build it', async () => {
    const answer = await answerStatic({ method: 'GET', pathname: '/' }, { ...roots, rendererDir: join(dir, 'not-built') });
    expect(answer).toMatchObject({ status: 500, body: { text: 'the app is not built: run `npm run build:app`' } });
  });
});

describe('no path reads a file outside the app', () => {
  // Paths as a shell hands them over: the URL parser has not resolved encoded dot segments here.
  it.each([
    ['dot segments', '/../outside/secret.txt', 403],
    ['dot segments under a route prefix', '/ws/../../outside/secret.txt', 403],
    ['encoded dot segments', '/%2e%2e/%2e%2e/outside/secret.txt', 403],
    ['encoded dots in capitals', '/assets/%2E%2E/%2E%2E/outside/secret.txt', 403],
    ['encoded slashes and dots', '/..%2F..%2Foutside%2Fsecret.txt', 403],
    ['a sibling folder sharing the prefix', '/..%2Frenderer-secret.txt', 403],
    ['double encoding', '/%252e%252e/outside/secret.txt', 404],
    ['a link to a file outside', '/assets/leak.txt', 403],
    ['an encoded NUL', '/index.html%00.js', 400],
    ['a raw NUL', '/index.html\0.js', 400],
    ['a NUL in a working-set path', `/ws/${WORKING_SET}%00.duckdb`, 400],
    ['malformed percent-encoding', '/assets/%E0%A4%A', 400],
    ['an absolute path', '//etc/passwd', 404],
    ['a working-set id that is a path', '/ws/../../../../../../../etc/passwd.duckdb', 403],
  ])('%s: %j is %i', async (_what, pathname, status) => {
    const answer = await get(pathname);
    expect(answer.status).toBe(status);
    expect(answer.text ?? '').not.toContain('SECRET');
  });

  it('a Range header cannot widen what is read', async () => {
    const answer = await get('/assets/app-1a2b.js', { range: 'bytes=-999999999999999999999' });
    expect(answer).toMatchObject({ status: 206, text: 'console.log("app")', headers: { 'Content-Range': 'bytes 0-17/18' } });
  });
});
