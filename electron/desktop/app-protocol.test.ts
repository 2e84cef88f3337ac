/**
 * Issue 11, Electron's `winnow://app` protocol handler, run in Node (it has no Electron import;
 * Electron itself cannot be downloaded here, so `protocol.handle` wiring it in is not run): the
 * same refusals as the browser-mode server (symbolic links out of the renderer folder, `..`,
 * malformed percent-encoding, other hosts), byte ranges for working sets, and the run report
 * framed by the app.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from './app-protocol';
import { unpackedDir } from '../host/app-files';

const WORKING_SET = '0b0e8c1e-4f6a-4c1e-9b1e-2f3a4b5c6d7e';
let dir: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-app-protocol-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Winnow</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'secret.txt'), 'SECRET');
  symlinkSync(join(dir, 'outside', 'secret.txt'), join(rendererDir, 'assets', 'leak.txt'));
  symlinkSync(join(dir, 'outside'), join(rendererDir, 'assets', 'elsewhere'));
  writeFileSync(join(dir, 'ws.duckdb'), '0123456789');
  mkdirSync(join(dir, 'runs', WORKING_SET, 'out'), { recursive: true });
  writeFileSync(join(dir, 'runs', WORKING_SET, 'out', 'report.html'), '<p>report</p>');
  handler = appProtocolHandler({
    rendererDir,
    host: {
      workingSetPath: (id) => (id === WORKING_SET ? join(dir, 'ws.duckdb') : undefined),
      runReportPath: (id) => join(dir, 'runs', id, 'out', 'report.html'),
    },
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await handler(new Request(url, { headers }));
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('winnow://app serves the app and nothing else', () => {
  it('the page and its assets, with the app CSP', async () => {
    const page = await get('winnow://app/index.html');
    expect(page).toMatchObject({ status: 200, text: '<!doctype html><title>Winnow</title>' });
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await get('winnow://app/')).status).toBe(200);
    expect((await get('winnow://app/assets/app.js')).text).toBe('console.log("app")');
  });

  it.each([
    ['a link to a file outside', 'winnow://app/assets/leak.txt', 403],
    ['a file inside a linked folder outside', 'winnow://app/assets/elsewhere/secret.txt', 403],
    ['encoded slashes and dots', 'winnow://app/..%2F..%2Foutside%2Fsecret.txt', 403],
    ['malformed percent-encoding', 'winnow://app/assets/%E0%A4%A', 400],
    ['a NUL byte', 'winnow://app/index.html%00', 400],
    ['another host of the scheme', 'winnow://other/index.html', 403],
    ['a port', 'winnow://app:8080/index.html', 403],
  ])('refuses %s', async (_what, url, status) => {
    const answer = await get(url);
    expect(answer.status).toBe(status);
    expect(answer.text).not.toContain('SECRET');
  });

  it('working sets with byte ranges; an unsatisfiable range is 416', async () => {
    expect(await get(`winnow://app/ws/${WORKING_SET}.duckdb`, { range: 'bytes=2-4' })).toMatchObject({ status: 206, text: '234' });
    expect((await get(`winnow://app/ws/${WORKING_SET}.duckdb`, { range: 'bytes=-3' })).text).toBe('789');
    expect((await get(`winnow://app/ws/${WORKING_SET}.duckdb`, { range: 'bytes=20-' })).status).toBe(416);
    expect((await get(`winnow://app/ws/${WORKING_SET}.duckdb`)).text).toBe('0123456789');
    expect((await get('winnow://app/ws/1b0e8c1e-4f6a-4c1e-9b1e-2f3a4b5c6d7e.duckdb')).status).toBe(404);
  });

  it('the run report may be framed by the app (its CSP says so) and runs nothing', async () => {
    const report = await get(`winnow://app/runs/${WORKING_SET}/report.html`);
    expect(report).toMatchObject({ status: 200, text: '<p>report</p>' });
    expect(report.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
  });
});

describe('unpackedDir', () => {
  it('points a packaged app at the files unpacked beside its asar, and leaves a checkout alone', () => {
    expect(unpackedDir('/opt/Winnow/resources/app.asar')).toBe('/opt/Winnow/resources/app.asar.unpacked');
    expect(unpackedDir('C:\\Winnow\\resources\\app.asar')).toBe('C:\\Winnow\\resources\\app.asar.unpacked');
    expect(unpackedDir('/home/me/winnow')).toBe('/home/me/winnow');
    expect(unpackedDir('/home/me/app.asarx')).toBe('/home/me/app.asarx');
  });
});
