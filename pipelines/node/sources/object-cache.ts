/**
 * The content-addressed cache of remote objects, S3 objects and http(s) files alike (Node only). Layout under the cache root
 * ($WINNOW_CACHE_DIR, default ~/.cache/winnow):
 * - `objects/<sha256><ext>`: complete objects, named by their content; the extension (`.csv.gz`)
 *   is the key's, so a reader can tell the format. A file's mtime is when it was last used.
 * - `refs/<id>.json`: the index, from a remote object (URI, ETag, Last-Modified, size) to its object file and
 *   version id, so an unchanged object is not downloaded again.
 * - `names/<sha256>/<bucket>/<key>`: each object again under its remote name (a hard link), for
 *   readers that take meaning from paths (hive partition folders); removed with the object.
 * - `partial/<id>.part`: a download in progress. It only becomes an object by an atomic rename
 *   once it has every byte and its hashes are computed, so a cut download is never taken for a
 *   cached one; the next attempt resumes it with a Range request.
 * The cache holds at most $WINNOW_CACHE_MAX_BYTES (default 50 GiB) of objects: after each
 * download the least recently used ones go, except those the current process has used.
 * Two processes downloading the same object at the same moment may both fail their size check;
 * neither ever publishes a wrong object.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DownloadProgress } from '../../ingest/source';
import { hashingStream } from './hash';

/** A remote object as its store lists it. */
export interface RemoteObject {
  uri: string;
  bytes: number;
  /** Without quotes; absent for stores that send none. */
  etag?: string;
  versionId?: string;
  /**
   * When the object was last written, as the store says. Part of the cache's key with the ETag:
   * S3 lists no version ids, and a rewrite with the same bytes keeps its ETag but is a new
   * version, which must be fetched (and its version id read) again. An HTTP server that sends
   * no ETag is known by this alone.
   */
  lastModified?: string;
}

/** A remote object with its local copy. */
export interface CachedObject extends RemoteObject {
  path: string;
  sha256: string;
}

/** What a range request answered: the bytes from `start` on, and the object's identity now. */
export interface RangeResponse {
  body: Readable;
  etag?: string;
  versionId?: string;
  /** Whether the ETag is the MD5 of the content (plain S3 objects, not multipart or KMS ones). */
  etagIsMd5?: boolean;
  /** Where the body starts: 0 when an HTTP server ignored the Range and sends everything. Default: as asked. */
  from?: number;
}

export type OpenRange = (start: number) => Promise<RangeResponse>;

export interface FetchOptions {
  /** The object's extensions, kept on the cached file (`.parquet`, `.csv.gz`). */
  extension: string;
  /** Maps a failure to the error the caller throws once attempts run out. */
  describeError: (error: unknown) => Error;
  isRetryable: (error: unknown) => boolean;
  /** Told of bytes as they arrive (and of a cached or resumed object's bytes at once); progress only. */
  onBytes?: (bytes: number) => void;
}

/**
 * Counts a source's downloads for `onProgress`: `onBytes` goes to each fetch, `objectDone` is
 * called as each object is in the cache.
 */
export function downloadProgress(
  objects: readonly RemoteObject[],
  onProgress?: (progress: DownloadProgress) => void,
): { onBytes: (bytes: number) => void; objectDone: () => void } {
  const progress: DownloadProgress = { objects: objects.length, objectsDone: 0, bytes: objects.reduce((sum, object) => sum + object.bytes, 0), bytesDone: 0 };
  const report = () => onProgress?.({ ...progress });
  report();
  return {
    onBytes: (bytes) => {
      progress.bytesDone += bytes;
      report();
    },
    objectDone: () => {
      progress.objectsDone++;
      report();
    },
  };
}

const GiB = 1024 ** 3;

/** Downloads in progress in this process, by cache root and remote object. */
const inFlight = new Map<string, Promise<CachedObject>>();

export function cacheRoot(): string {
  return process.env.WINNOW_CACHE_DIR ?? join(homedir(), '.cache', 'winnow');
}

export class ObjectCache {
  readonly objects: string;
  readonly refs: string;
  readonly partial: string;
  readonly names: string;
  /** Objects this process used: never evicted under it. */
  private readonly inUse = new Set<string>();

  constructor(
    readonly root = cacheRoot(),
    readonly maxBytes = Number(process.env.WINNOW_CACHE_MAX_BYTES) || 50 * GiB,
    readonly attempts = Number(process.env.WINNOW_DOWNLOAD_ATTEMPTS) || 4,
  ) {
    this.objects = join(root, 'objects');
    this.refs = join(root, 'refs');
    this.partial = join(root, 'partial');
    this.names = join(root, 'names');
  }

  /** The cached copy of `remote`, if the index knows this exact version and its file is still there. */
  async lookup(remote: RemoteObject): Promise<CachedObject | undefined> {
    if (!remote.etag && !remote.lastModified) return undefined;
    const text = await readFile(join(this.refs, `${refId(remote)}.json`), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const ref = JSON.parse(text) as { object: string; sha256: string; versionId?: string };
    const path = join(this.objects, ref.object);
    const found = await stat(path).catch(() => undefined);
    if (!found || found.size !== remote.bytes) return undefined;
    await this.touch(path);
    return { ...remote, versionId: remote.versionId ?? ref.versionId, path, sha256: ref.sha256 };
  }

  /** The cached copy of `remote`, downloaded (or a cut download resumed) first if need be. */
  async fetch(remote: RemoteObject, open: OpenRange, options: FetchOptions): Promise<CachedObject> {
    // Two sources of one run naming the same object share one download (and one partial file).
    const id = `${this.root}\0${refId(remote)}`;
    const running = inFlight.get(id);
    if (running) return running;
    const fetching = this.fetchOnce(remote, open, options).finally(() => inFlight.delete(id));
    inFlight.set(id, fetching);
    return fetching;
  }

  private async fetchOnce(remote: RemoteObject, open: OpenRange, options: FetchOptions): Promise<CachedObject> {
    const cached = await this.lookup(remote);
    if (cached) {
      options.onBytes?.(remote.bytes);
      return cached;
    }
    await Promise.all([mkdir(this.objects, { recursive: true }), mkdir(this.refs, { recursive: true }), mkdir(this.partial, { recursive: true })]);
    const partial = join(this.partial, `${refId(remote)}.part`);
    let downloaded: Downloaded | undefined;
    for (let attempt = 1; !downloaded; attempt++) {
      try {
        downloaded = await this.downloadRest(remote, partial, open, options.onBytes);
      } catch (error) {
        if (attempt >= this.attempts || !options.isRetryable(error)) throw options.describeError(error);
        // Exponential backoff with jitter: 0.25 s, 0.5 s, 1 s, ... capped at 8 s.
        await sleep(Math.min(8000, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
      }
    }
    const { sha256, md5, identity } = downloaded;
    if (identity.etagIsMd5 && remote.etag && /^[0-9a-f]{32}$/i.test(remote.etag) && md5 !== remote.etag.toLowerCase()) {
      await rm(partial, { force: true });
      throw options.describeError(new Error(`the downloaded bytes do not match the object's ETag (MD5 ${md5}); try again`));
    }
    const name = sha256 + options.extension.toLowerCase();
    const path = join(this.objects, name);
    await rename(partial, path);
    await this.touch(path);
    const versionId = remote.versionId ?? identity.versionId;
    if (remote.etag || remote.lastModified)
      await writeAtomically(join(this.refs, `${refId(remote)}.json`), JSON.stringify({ uri: remote.uri, object: name, sha256, versionId }));
    await this.evict();
    return { ...remote, versionId, path, sha256 };
  }

  /**
   * Appends the bytes `partial` lacks, hashing while they stream in (after the bytes already
   * there, when resuming). A partial file of another version is started over.
   */
  private async downloadRest(remote: RemoteObject, partial: string, open: OpenRange, onBytes?: (bytes: number) => void): Promise<Downloaded> {
    let start = (await stat(partial).catch(() => undefined))?.size ?? 0;
    if (start >= remote.bytes) {
      // Longer than the object, or complete but never verified: start over rather than guess.
      await rm(partial, { force: true });
      start = 0;
    }
    const { body, from = start, ...identity } = await open(start);
    if (remote.etag && identity.etag && identity.etag !== remote.etag) {
      body.destroy();
      await rm(partial, { force: true });
      throw new Error(`the object changed while it was downloaded (ETag ${identity.etag}, listed ${remote.etag})`);
    }
    // The server sent the whole object rather than the rest: start the file over.
    if (from === 0) start = 0;
    const hashes = [createHash('sha256'), createHash('md5')] as const;
    if (start > 0) {
      for await (const chunk of createReadStream(partial, { highWaterMark: 1 << 20 })) for (const hash of hashes) hash.update(chunk as Buffer);
    }
    let counted = 0;
    const count = (bytes: number) => {
      counted += bytes;
      onBytes?.(bytes);
    };
    count(start);
    try {
      await pipeline(body, hashingStream(hashes, count), createWriteStream(partial, { flags: start === 0 ? 'w' : 'a' }));
      const size = (await stat(partial)).size;
      if (size !== remote.bytes) throw new Error(`the download stopped after ${size} of ${remote.bytes} bytes`);
    } catch (error) {
      // The next attempt counts what it resumes from, so this one's count is taken back.
      count(-counted);
      throw error;
    }
    return { sha256: hashes[0].digest('hex'), md5: hashes[1].digest('hex'), identity };
  }

  private async touch(path: string): Promise<void> {
    this.inUse.add(path);
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
  }

  /**
   * The object under its remote name, `names/<sha256>/<name>` (name: `bucket/key`, or a URL's
   * host and path): a hard link to the object file, or a symbolic one where hard links fail.
   * Readers then see the key's folders, so hive partition folders (`year=2026/`) become columns
   * as they would locally, and messages name the key. The object file itself when no name can
   * be made (a name too long for the file system, say).
   */
  async named(object: CachedObject, name: string): Promise<string> {
    const segments = name.split('/').map((segment) => (segment === '' || segment === '.' || segment === '..' ? '_' : segment));
    const path = join(this.names, object.sha256, ...segments);
    if (await stat(path).catch(() => undefined)) return path;
    try {
      await mkdir(dirname(path), { recursive: true });
      await link(object.path, path).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') await symlink(relative(dirname(path), object.path), path);
      });
      return path;
    } catch {
      return object.path;
    }
  }

  /** What the cache holds: complete objects, and downloads in progress or cut off (resumed by the next read). */
  async usage(): Promise<{ objects: number; objectBytes: number; partials: number; partialBytes: number }> {
    const sizes = async (folder: string) => {
      const names = await readdir(folder).catch(() => [] as string[]);
      return Promise.all(names.map(async (name) => (await stat(join(folder, name)).catch(() => undefined))?.size ?? 0));
    };
    const [objects, partials] = await Promise.all([sizes(this.objects), sizes(this.partial)]);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    return { objects: objects.length, objectBytes: sum(objects), partials: partials.length, partialBytes: sum(partials) };
  }

  /** Empties the cache: objects, the index and partial downloads. The next read downloads again. */
  async clear(): Promise<void> {
    await Promise.all([this.objects, this.refs, this.partial, this.names].map((folder) => rm(folder, { recursive: true, force: true })));
  }

  /** Removes the least recently used objects until the cache fits its size limit. */
  async evict(): Promise<void> {
    const names = await readdir(this.objects).catch(() => [] as string[]);
    const files = await Promise.all(
      names.map(async (name) => {
        const path = join(this.objects, name);
        const found = await stat(path).catch(() => undefined);
        return { path, bytes: found?.size ?? 0, usedAt: found?.mtimeMs ?? 0 };
      }),
    );
    let total = files.reduce((sum, file) => sum + file.bytes, 0);
    for (const file of files.sort((a, b) => a.usedAt - b.usedAt)) {
      if (total <= this.maxBytes) break;
      if (this.inUse.has(file.path)) continue;
      await rm(file.path, { force: true });
      // Its names are hard links: they would keep the bytes on disk.
      await rm(join(this.names, basename(file.path).slice(0, 64)), { recursive: true, force: true });
      total -= file.bytes;
    }
  }
}

/** Names a remote object's version: its URI, ETag, Last-Modified and size. */
function refId(remote: RemoteObject): string {
  return createHash('sha256')
    .update(JSON.stringify([remote.uri, remote.etag ?? null, remote.lastModified ?? null, remote.bytes]))
    .digest('hex');
}

interface Downloaded {
  sha256: string;
  md5: string;
  identity: Omit<RangeResponse, 'body'>;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
