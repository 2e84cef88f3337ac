/**
 * The one route table of the files both shells serve: Electron's `winnow://app` protocol
 * (app-protocol.ts) and the browser-mode HTTP server (server/server.ts). A GET or HEAD of a URL
 * path becomes one `StaticAnswer`: status, headers (content type, Content-Security-Policy, cache,
 * byte ranges) and the bytes to send; each shell only writes it out. The host API (`/api/…`,
 * `/upload`) is the browser-mode server's alone: Electron answers it over IPC.
 *
 * | path                         | file                          | CSP                  | cache        |
 * | ---------------------------- | ----------------------------- | -------------------- | ------------ |
 * | `/ws/<uuid>.duckdb`          | the host's working set        | the app's            | no-store     |
 * | `/runs/<uuid>/report.html`   | the report of a full-data run | framed by the app    | no-store     |
 * | `/`, `/index.html`           | the app's page                | the app's            | no-store     |
 * | `/assets/…`                  | the renderer's hashed assets  | the app's            | immutable    |
 * | any other path               | a file inside the renderer    | the app's            | no-cache     |
 *
 * Every file answers a single byte range (duckdb-wasm reads working sets by ranges), see `byteRange`.
 * Refusals are short texts under the app's policy.
 */
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { appFile } from './app-files';
import type { Host } from './host';

/** The Content-Security-Policy of the app: only its own origin; wasm compiles, nothing inline runs. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "frame-src 'self'",
  "form-action 'none'",
].join('; ');

/** A run report is shown inside the app (an iframe of the same origin), so it may be framed by it; it runs nothing. */
export const RUN_REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

const TEXT = 'text/plain; charset=utf-8';
/** Hashed file names (Vite's `assets/`) never change content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** What a shell sends: a span of a file (inclusive), a short text, or no body (HEAD, 416, an empty file). */
export type StaticBody = { path: string; start: number; end: number } | { text: string } | null;

export interface StaticAnswer {
  status: number;
  headers: Record<string, string>;
  body: StaticBody;
  /** The app's page: the browser-mode server sets its session cookie on it. */
  page?: boolean;
}

export interface StaticRequest {
  method: string;
  /** The URL's path, as the URL parser left it (still percent-encoded). */
  pathname: string;
  /** The Range header, if any. */
  range?: string | null;
}

export interface StaticRoots {
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  host: Pick<Host, 'workingSetPath' | 'runReportPath'>;
}

interface Route {
  pattern: RegExp;
  /** The file the id names; undefined when the host knows no such thing. */
  file(host: StaticRoots['host'], id: string): string | undefined;
  missing: string;
  policy: string;
}

/** The host's files, named by an id the host gave out. The ids are UUIDs: no `.` or `/` reaches a path. */
const hostRoutes: Route[] = [
  { pattern: /^\/ws\/([0-9a-f-]{36})\.duckdb$/, file: (host, id) => host.workingSetPath(id), missing: 'no such working set', policy: CONTENT_SECURITY_POLICY },
  { pattern: /^\/runs\/([0-9a-f-]{36})\/report\.html$/, file: (host, id) => host.runReportPath(id), missing: 'not found', policy: RUN_REPORT_POLICY },
];

function refusal(status: number, message: string, headers: Record<string, string> = {}): StaticAnswer {
  const length = String(Buffer.byteLength(message));
  const text = { 'Content-Type': TEXT, 'Content-Length': length, 'Content-Security-Policy': CONTENT_SECURITY_POLICY };
  return { status, headers: { ...text, ...headers }, body: { text: message } };
}

/**
 * The byte range a Range header asks of a file of `size` bytes: undefined when there is no header
 * or it is not a `bytes=` header one can read (the whole file is sent, as RFC 9110 allows), or
 * 'unsatisfiable' (answered 416, with a Content-Range of `bytes *` and the size). Understood: `bytes=100-199`,
 * open `bytes=100-`, suffix `bytes=-500` (the last 500 bytes). A list of ranges (`bytes=0-9,20-29`)
 * is answered with its first satisfiable range alone — a 206 whose Content-Range says which —
 * rather than a multipart body. A last position past the end is cut to the end; numbers too large
 * for any file (`bytes=999999999999999999999-`) are unsatisfiable, never an error.
 *
 * @example
 * byteRange('bytes=-3', 10) // { start: 7, end: 9 }
 * byteRange('bytes=20-', 10) // 'unsatisfiable'
 */
export function byteRange(header: string | null | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const set = /^bytes=(.*)$/i.exec((header ?? '').trim());
  if (!set) return undefined;
  const specs = set[1]!
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  const parsed = specs.map((spec) => /^(\d*)-(\d*)$/.exec(spec));
  if (parsed.length === 0 || parsed.some((spec) => !spec || (!spec[1] && !spec[2]))) return undefined;
  for (const [, first, last] of parsed as RegExpExecArray[]) {
    const start = first ? Number(first) : Math.max(0, size - Number(last));
    const end = first && last ? Math.min(Number(last), size - 1) : size - 1;
    if (start <= end && start < size) return { start, end };
  }
  return 'unsatisfiable';
}

interface FileOptions {
  method: string;
  range?: string | null;
  /** The Content-Security-Policy the file is served under. */
  policy: string;
  cache: string;
}

/** A file as an answer: 404 when it is not a file, 416 for an unsatisfiable range, else 200 or 206. */
export async function fileAnswer(path: string, { method, range, policy, cache }: FileOptions): Promise<StaticAnswer> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return refusal(404, 'not found');
  const span = byteRange(range, info.size);
  if (span === 'unsatisfiable') return { status: 416, headers: { 'Content-Range': `bytes */${info.size}`, 'Content-Security-Policy': policy }, body: null };
  const { start, end } = span ?? { start: 0, end: info.size - 1 };
  const headers: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(end - start + 1),
    'Accept-Ranges': 'bytes',
    'Cache-Control': cache,
    'Content-Security-Policy': policy,
  };
  if (span) headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
  const body = method === 'HEAD' || end < start ? null : { path, start, end };
  return { status: span ? 206 : 200, headers, body };
}

/**
 * The answer to a GET or HEAD of `pathname`, by the route table above. App files go through
 * app-files.ts: malformed percent-encoding or a NUL is 400, a path out of the renderer folder
 * (by `..`, encoded or not, or a symbolic link) is 403.
 */
export async function answerStatic({ method, pathname, range }: StaticRequest, { rendererDir, host }: StaticRoots): Promise<StaticAnswer> {
  if (method !== 'GET' && method !== 'HEAD') return refusal(405, 'method not allowed', { Allow: 'GET, HEAD' });
  for (const route of hostRoutes) {
    const id = route.pattern.exec(pathname)?.[1];
    if (id === undefined) continue;
    const path = route.file(host, id);
    return path ? fileAnswer(path, { method, range, policy: route.policy, cache: 'no-store' }) : refusal(404, route.missing);
  }
  const notBuilt = () => refusal(500, 'the app is not built: run `npm run build:app`');
  const found = await appFile(rendererDir, pathname);
  if ('status' in found) return found.status === 404 && (pathname === '/' || pathname === '/index.html') ? notBuilt() : refusal(found.status, found.message);
  if (found.relative === 'index.html') {
    const answer = await fileAnswer(found.path, { method, range, policy: CONTENT_SECURITY_POLICY, cache: 'no-store' });
    return answer.status === 404 ? notBuilt() : { ...answer, page: true };
  }
  return fileAnswer(found.path, { method, range, policy: CONTENT_SECURITY_POLICY, cache: found.relative.startsWith('assets/') ? IMMUTABLE : 'no-cache' });
}
