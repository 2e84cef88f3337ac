/**
 * An http(s):// source to a local file, through the same content-addressed cache as S3 objects
 * (object-cache.ts). Every read first asks the server for the object's identity with HEAD:
 * its size and its ETag, or Last-Modified when it sends no ETag. An unchanged object is then read
 * from the cache; a changed one is downloaded again. Downloads hash while they stream, retry
 * with backoff, and resume a cut download with a Range request (If-Range guards against the
 * object changing in between; a server that ignores Range sends it all again, which is also
 * right). A server that names no version (no ETag, no Last-Modified) is downloaded every time.
 *
 * Bytes are asked for as they are stored (`Accept-Encoding: identity`), so the sha256 in the
 * manifest is of the file the server holds, not of a transfer encoding.
 *
 * Errors name the URL without its user:password and secret query parameters (a presigned URL's
 * signature and token), and hide what looks like a key or token in what the server wrote.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { WinnowError } from '../../errors';
import { dataExtensionOf } from './data-extension';
import type { DownloadProgress } from '../../ingest/source';
import { downloadProgress, ObjectCache, type CachedObject, type RangeResponse, type RemoteObject } from './object-cache';
import { redactSecrets, redactUrl } from './redact';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** The server answered, but not with the object. */
class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    statusText: string,
  ) {
    super(`the server answered ${status} ${redactSecrets(statusText)}`.trim());
  }
}

export function isHttpUri(uri: string): boolean {
  return /^https?:\/\//i.test(uri);
}

function timeoutMs(): number {
  return Number(process.env.WINNOW_HTTP_TIMEOUT_MS) || 30_000;
}

/** The object `url` names as the server describes it now; nothing is downloaded. */
export async function headHttp(url: string): Promise<RemoteObject> {
  const found = await describeRemote(url, false);
  return found as RemoteObject;
}

/** Like headHttp, but undefined when the server says there is no such file (404, 410): snapshot checks. */
export async function findHttp(url: string): Promise<RemoteObject | undefined> {
  return describeRemote(url, true);
}

async function describeRemote(url: string, allowMissing: boolean): Promise<RemoteObject | undefined> {
  try {
    const head = await fetch(url, { method: 'HEAD', headers: { 'accept-encoding': 'identity' }, signal: AbortSignal.timeout(timeoutMs()) });
    const length = head.headers.get('content-length');
    if (head.ok && length !== null) return identityOf(url, Number(length), head.headers);
    if (!head.ok && head.status !== 405 && head.status !== 501) throw new HttpStatusError(head.status, head.statusText);
    // No HEAD, or no size in its answer: ask for the first byte, whose Content-Range names the size.
    const probe = await fetch(url, { headers: { 'accept-encoding': 'identity', range: 'bytes=0-0' }, signal: AbortSignal.timeout(timeoutMs()) });
    await probe.body?.cancel();
    if (!probe.ok) throw new HttpStatusError(probe.status, probe.statusText);
    const total = /\/(\d+)$/.exec(probe.headers.get('content-range') ?? '')?.[1] ?? (probe.status === 200 ? probe.headers.get('content-length') : null);
    if (total === null)
      throw new WinnowError(
        `${redactUrl(url)}: the server does not say how large the file is (no Content-Length), so it cannot be pinned`,
        { file: redactUrl(url) },
        'input',
      );
    return identityOf(url, Number(total), probe.headers);
  } catch (error) {
    if (allowMissing && error instanceof HttpStatusError && (error.status === 404 || error.status === 410)) return undefined;
    throw describeHttpError(error, url);
  }
}

/** The cached copy of `url`, after checking with the server that it is still the same object. */
export async function resolveHttp(
  url: string,
  { cache = new ObjectCache(), onProgress }: { cache?: ObjectCache; onProgress?: (progress: DownloadProgress) => void } = {},
): Promise<CachedObject> {
  const remote = await headHttp(url);
  const { onBytes, objectDone } = downloadProgress([remote], onProgress);
  const validator = remote.etag ? `"${remote.etag}"` : remote.lastModified;
  const open = async (start: number): Promise<RangeResponse> => {
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (start > 0) {
      headers.range = `bytes=${start}-`;
      if (validator && !remote.etag?.startsWith('W/')) headers['if-range'] = validator;
    }
    const response = await fetch(url, { headers });
    if (!response.ok || !response.body) throw new HttpStatusError(response.status, response.statusText);
    const resumed = response.status === 206 && (response.headers.get('content-range') ?? '').startsWith(`bytes ${start}-`);
    return {
      body: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      etag: etagOf(response.headers),
      from: resumed ? start : 0,
    };
  };
  const { host, pathname } = new URL(url);
  const cached = await cache.fetch(remote, open, {
    extension: dataExtensionOf(pathname),
    isRetryable,
    describeError: (error) => describeHttpError(error, url),
    onBytes,
  });
  objectDone();
  // Read under the URL's own path, so hive folders (`year=2026/`) become columns as they do locally.
  return { ...cached, path: await cache.named(cached, `${host.replace(':', '_')}${decodePath(pathname)}`) };
}

/** `/a/year%3D2026/f.csv` -> `/a/year=2026/f.csv`; a segment that is not valid percent-encoding stays as sent. */
function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replaceAll('/', '%2F');
      } catch {
        return segment;
      }
    })
    .join('/');
}

function identityOf(url: string, bytes: number, headers: Headers): RemoteObject {
  const etag = etagOf(headers);
  const lastModified = headers.get('last-modified') ?? undefined;
  return { uri: url, bytes, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/** The ETag without its quotes; a weak one keeps its `W/` so it is never taken for a strong one. */
function etagOf(headers: Headers): string | undefined {
  const etag = headers.get('etag');
  if (!etag) return undefined;
  const weak = etag.startsWith('W/');
  const bare = etag.replace(/^W\//, '').replace(/^"|"$/g, '');
  return weak ? `W/${bare}` : bare;
}

/** Whether trying again may help: the network, a timeout or a 5xx answer, not a refusal. */
function isRetryable(error: unknown): boolean {
  if (error instanceof WinnowError) return false;
  if (error instanceof HttpStatusError) return error.status >= 500 || error.status === 408 || error.status === 429;
  return true;
}

function describeHttpError(error: unknown, url: string): WinnowError {
  if (error instanceof WinnowError) return error;
  const shown = redactUrl(url);
  const place = { file: shown };
  if (error instanceof HttpStatusError) return new WinnowError(`${shown}: ${error.message}`, place, 'input');
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new WinnowError(
      `${shown}: the server did not answer within ${timeoutMs() / 1000} s; check the network, or raise WINNOW_HTTP_TIMEOUT_MS`,
      place,
      'input',
    );
  }
  const cause = error instanceof Error && error.cause instanceof Error ? (error.cause as Error & { code?: string }) : undefined;
  if (cause?.code && UNREACHABLE.has(cause.code)) {
    return new WinnowError(
      `${shown}: cannot reach ${new URL(url).host} (${cause.code}): check the URL, the network and that the server is running`,
      place,
      'input',
    );
  }
  const reason = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new WinnowError(`${shown}: cannot download: ${redactSecrets(reason.replace(/\s+/g, ' ').trim())}`, place, 'input');
}
