/**
 * Electron's `winnow://app` scheme: the built renderer, the working sets (with byte ranges, which
 * duckdb-wasm uses to read them lazily) and the reports of full-data runs. Written against the
 * Fetch API's Request and Response, with no Electron import, so it runs and is tested in Node;
 * main.ts hands it to `protocol.handle`. App files go through host/app-files.ts, the same check
 * the browser-mode server uses: no path, by `..` or a symbolic link, leaves the renderer folder.
 */
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { appFile, byteRange } from './host/app-files';
import type { Host } from './host/host';
import { CONTENT_SECURITY_POLICY } from './server/server';
import { isAppUrl } from './navigation';

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

async function fileResponse(path: string, rangeHeader: string | null, policy = CONTENT_SECURITY_POLICY): Promise<Response> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return new Response('not found', { status: 404 });
  const headers: Record<string, string> = { 'Content-Type': types[extname(path)] ?? 'application/octet-stream', 'Accept-Ranges': 'bytes', 'Content-Security-Policy': policy };
  const range = byteRange(rangeHeader, info.size);
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${info.size}` } });
  const { start, end } = range ?? { start: 0, end: info.size - 1 };
  const handle = await open(path);
  try {
    const buffer = Buffer.alloc(Math.max(0, end - start + 1));
    await handle.read(buffer, 0, buffer.length, start);
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
    return new Response(buffer, { status: range ? 206 : 200, headers });
  } finally {
    await handle.close();
  }
}

export interface AppProtocolOptions {
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  host: Pick<Host, 'workingSetPath' | 'runReportPath'>;
}

/** The handler of `winnow://` requests. */
export function appProtocolHandler({ rendererDir, host }: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isAppUrl(request.url)) return new Response('forbidden', { status: 403 });
    const { pathname } = new URL(request.url);
    const workingSet = /^\/ws\/([0-9a-f-]{36})\.duckdb$/.exec(pathname);
    if (workingSet) {
      const path = host.workingSetPath(workingSet[1]!);
      return path ? fileResponse(path, request.headers.get('range')) : new Response('not found', { status: 404 });
    }
    const runReport = /^\/runs\/([0-9a-f-]{36})\/report\.html$/.exec(pathname);
    // Shown inside the app (an iframe of the same origin), so it may be framed by it; it runs nothing.
    if (runReport) return fileResponse(host.runReportPath(runReport[1]!), null, "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
    const found = await appFile(rendererDir, pathname);
    if ('status' in found) return new Response(found.message, { status: found.status });
    return fileResponse(found.path, request.headers.get('range'));
  };
}
