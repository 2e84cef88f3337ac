/**
 * Browser mode's answer to a dropped file. A page cannot tell where a dropped file lives on disk,
 * so it sends the bytes, and the server keeps a copy in the data folder that the host then opens
 * like any other path. Copies are content-addressed (`uploads/<sha256 prefix>/<name>`), so the
 * same file dropped twice is stored once; each is streamed to a temporary name and renamed only
 * when every byte arrived, so a cut upload never leaves a file that looks complete.
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { formatBytes } from '../../pipelines/report/format';
import { DATA_EXTENSION } from '../../pipelines/node/sources/data-extension';
import { hashingStream } from '../../pipelines/node/sources/hash';
import { formatOfPath } from '../../pipelines/node/sources/resolve-source';
import type { StoredUpload } from '../../pipelines/protocol/host';

/** Generous: a browser sends what a person drops, and datasets for training are large. */
export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1000 ** 3;

/** An upload refused with an HTTP status and the one line to show. */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface UploadOptions {
  /** `<dataDir>/uploads`. */
  uploadsDir: string;
  /** The original file name, as the page sent it. */
  name: string | null;
  maxBytes: number;
}

/** Names longer than this are cut (before the extension): file systems allow 255 bytes. */
const MAX_NAME_LENGTH = 120;

/**
 * The name the copy keeps: the original's last path segment, without control characters, runs of
 * dots or characters Windows refuses, and with its extension, so the format is still recognised.
 */
export function storedName(original: string | null): string {
  if (!original) throw new UploadRefused(400, 'the upload did not name its file (?name=)');
  const lastSegment = (original ?? '').split(/[\\/]/).pop() ?? '';
  const name = lastSegment
    // eslint-disable-next-line no-control-regex -- control characters (NUL among them) are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+|\s+$/g, '');
  if (!name || !formatOfPath(name)) {
    throw new UploadRefused(400, `“${original}” is not a data file Winnow reads: drop a CSV, TSV, JSON, NDJSON, Parquet or Arrow file (also .gz or .zst)`);
  }
  if (name.length <= MAX_NAME_LENGTH) return name;
  const extension = DATA_EXTENSION.exec(name)?.[0] ?? '';
  return name.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}

/** The size the request announces; refuses a request without one, or one too large to keep. */
async function announcedBytes(request: IncomingMessage, name: string, uploadsDir: string, maxBytes: number): Promise<number> {
  const header = request.headers['content-length'];
  const bytes = header === undefined ? NaN : Number(header);
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new UploadRefused(411, `the upload of “${name}” did not say its size (Content-Length)`);
  if (bytes > maxBytes) {
    throw new UploadRefused(
      413,
      `“${name}” is ${formatBytes(bytes)}; Winnow in a browser copies files up to ${formatBytes(maxBytes)} (WINNOW_UPLOAD_MAX_BYTES raises that): type its path instead`,
    );
  }
  const disk = await statfs(uploadsDir);
  if (disk.bavail * disk.bsize < bytes) throw new UploadRefused(507, `no room for “${name}” (${formatBytes(bytes)}) in ${uploadsDir}; type its path instead`);
  return bytes;
}

/** A temporary file untouched this long belongs to an upload that a crash cut off. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/** Removes what crashed uploads left behind; uploads in progress keep writing to theirs. */
async function removeAbandonedParts(uploadsDir: string): Promise<void> {
  const names = await readdir(uploadsDir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names.filter((each) => /^\.[0-9a-f]{16}\.part$/.test(each))) {
    const found = await stat(join(uploadsDir, name)).catch(() => undefined);
    if (found && now - found.mtimeMs > ABANDONED_AFTER_MS) await rm(join(uploadsDir, name), { force: true });
  }
}

/** Streams the request body into the uploads folder and answers where the copy is. */
export async function storeUpload(request: IncomingMessage, { uploadsDir, name: original, maxBytes }: UploadOptions): Promise<StoredUpload> {
  const name = storedName(original);
  await mkdir(uploadsDir, { recursive: true });
  await removeAbandonedParts(uploadsDir);
  const expected = await announcedBytes(request, name, uploadsDir, maxBytes);
  // A dot name beside the copies, never taken for one: a crash mid-upload leaves only such a name.
  const temporary = join(uploadsDir, `.${randomBytes(8).toString('hex')}.part`);
  const hash = createHash('sha256');
  let bytes = 0;
  const counting = hashingStream([hash], (count) => (bytes += count));
  const writer = createWriteStream(temporary, { flags: 'wx', flush: true });
  try {
    await pipeline(request, counting, writer);
    // The HTTP parser stops at Content-Length, so fewer bytes means the sender stopped early.
    if (bytes !== expected) throw new Error('cut off');
  } catch (error) {
    if (!writer.closed) await once(writer, 'close').catch(() => undefined);
    await rm(temporary, { force: true });
    if (request.readableAborted || bytes !== expected)
      throw new UploadRefused(400, `the upload of “${name}” was cut off after ${formatBytes(bytes)} of ${formatBytes(expected)}`);
    throw error;
  }
  const sha256 = hash.digest('hex');
  const folder = join(uploadsDir, sha256.slice(0, 16));
  const path = join(folder, name);
  await mkdir(folder, { recursive: true });
  const existing = await stat(path).catch(() => undefined);
  if (existing?.size === bytes) {
    // The same bytes under the same name: keep the copy that is there (it may be open).
    await rm(temporary, { force: true });
  } else {
    await rename(temporary, path).catch(async (error: Error) => {
      await rm(temporary, { force: true });
      throw error;
    });
  }
  return { path, bytes, sha256 };
}
