/**
 * An s3:// source to local files: list what the URI names (HeadObject for one key, ListObjectsV2
 * for a prefix or a glob), then fetch each object into the content-addressed cache
 * (object-cache.ts). Keys come sorted in code point order, like local files. A prefix or glob
 * skips keys with a segment starting with '.' or '_' below the prefix (`_SUCCESS`), and a prefix
 * keeps only data files (of `format`, when given), as a local folder does.
 */
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { Format } from '../../../engine/engine';
import { WinnowError } from '../../../errors';
import { globToRegExp } from '../../../ingest/glob-pattern';
import { endpointOf, s3Client, type S3Access } from './client';
import type { DownloadProgress } from '../../../ingest/source';
import { dataExtensionOf } from '../data-extension';
import { downloadProgress, ObjectCache, type CachedObject, type RemoteObject } from '../object-cache';
import { isRetryable, s3Error } from './s3-errors';
import { parseS3Uri, s3Uri, type S3Location } from './s3-uri';

export interface ResolveS3Options {
  access?: S3Access;
  /** Keep only keys of this format (prefixes); otherwise any data file. */
  format?: Format;
  /** Whether a key names a data file, and which format (resolve-source's formatOfPath). */
  formatOfPath: (path: string) => Format | undefined;
  cache?: ObjectCache;
  /** Answer an empty list, rather than an error, when nothing is there (snapshot checks). */
  allowEmpty?: boolean;
  /** Told how far the downloads have got, as bytes arrive. */
  onProgress?: (progress: DownloadProgress) => void;
}

/** Objects downloaded at the same time. */
const DOWNLOADS_AT_ONCE = 4;

/** The objects `uri` names, as the store lists them now (nothing is downloaded). */
export async function listS3(uri: string, options: ResolveS3Options): Promise<RemoteObject[]> {
  const location = parseS3Uri(uri);
  const client = s3Client(options.access);
  const endpoint = endpointOf(options.access);
  try {
    if (location.kind === 'object') {
      const single = await headObject(client, location);
      if (single) return [single];
      // `s3://bucket/folder` without the slash: read it as the folder when there is one.
      const asPrefix = await listKeys(client, { ...location, kind: 'prefix', key: `${location.key}/`, listPrefix: `${location.key}/` }, options);
      if (asPrefix.length || options.allowEmpty) return asPrefix;
      throw s3Error({ name: 'NoSuchKey' }, uri, endpoint);
    }
    const listed = await listKeys(client, location, options);
    if (listed.length === 0 && !options.allowEmpty) {
      const what = location.kind === 'glob' ? 'no key matches the pattern' : `the prefix holds no ${options.format ? `${options.format} files` : 'data files'}`;
      throw new WinnowError(`${uri}: ${what}`, { file: uri }, 'input');
    }
    return listed;
  } catch (error) {
    throw s3Error(error, uri, endpoint);
  }
}

/** The objects `uri` names, each with its local copy in the cache, in key order. */
export async function resolveS3(uri: string, options: ResolveS3Options): Promise<CachedObject[]> {
  const objects = await listS3(uri, options);
  const client = s3Client(options.access);
  const endpoint = endpointOf(options.access);
  const cache = options.cache ?? new ObjectCache();
  const { onBytes, objectDone } = downloadProgress(objects, options.onProgress);
  const fetchOne = async (remote: RemoteObject): Promise<CachedObject> => {
    const { bucket, key } = parseS3Uri(remote.uri);
    const open = async (start: number) => {
      const response = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: remote.versionId, ...(start > 0 ? { Range: `bytes=${start}-` } : {}) }),
      );
      return {
        body: response.Body as Readable,
        etag: unquote(response.ETag),
        versionId: response.VersionId,
        etagIsMd5: !response.SSECustomerAlgorithm && (response.ServerSideEncryption === undefined || response.ServerSideEncryption === 'AES256'),
      };
    };
    const cached = await cache.fetch(remote, open, {
      extension: dataExtensionOf(key.slice(key.lastIndexOf('/') + 1)),
      isRetryable,
      describeError: (error) => s3Error(error, remote.uri, endpoint),
      onBytes,
    });
    objectDone();
    // Read under the key's own path, so hive folders (`year=2026/`) become columns as they do locally.
    return { ...cached, path: await cache.named(cached, `${bucket}/${key}`) };
  };
  // A few objects at a time: many small partitions download faster, and the order stays the keys'.
  const fetched: CachedObject[] = new Array(objects.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < objects.length; index = next++) {
      try {
        fetched[index] = await fetchOne(objects[index] as RemoteObject);
      } catch (error) {
        next = objects.length; // start no more downloads once one has failed
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DOWNLOADS_AT_ONCE, objects.length) }, worker));
  return fetched;
}

async function headObject(client: S3Client, location: S3Location): Promise<RemoteObject | undefined> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }));
    return {
      uri: s3Uri(location.bucket, location.key),
      bytes: head.ContentLength ?? 0,
      etag: unquote(head.ETag),
      ...lastModified(head.LastModified),
      ...(head.VersionId ? { versionId: head.VersionId } : {}),
    };
  } catch (error) {
    const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    // HeadObject carries no error body: a 404 may also mean "no such bucket", so list to tell.
    if (name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404) return undefined;
    throw error;
  }
}

async function listKeys(client: S3Client, location: S3Location, options: ResolveS3Options): Promise<RemoteObject[]> {
  const matcher = location.kind === 'glob' ? globToRegExp(location.key) : undefined;
  // Hidden names are judged below the last '/' of what was listed, like a local walk below its base.
  const base = location.listPrefix.slice(0, location.listPrefix.lastIndexOf('/') + 1);
  const found: RemoteObject[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: location.listPrefix || undefined, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      const key = object.Key;
      if (!key || key.endsWith('/')) continue;
      if (
        key
          .slice(base.length)
          .split('/')
          .some((segment) => segment.startsWith('.') || segment.startsWith('_'))
      )
        continue;
      if (matcher ? !matcher.test(key) : !wantedFormat(key, options)) continue;
      found.push({ uri: s3Uri(location.bucket, key), bytes: object.Size ?? 0, etag: unquote(object.ETag), ...lastModified(object.LastModified) });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

function wantedFormat(key: string, options: ResolveS3Options): boolean {
  const format = options.formatOfPath(key);
  return format !== undefined && (options.format === undefined || format === options.format);
}

function unquote(etag: string | undefined): string | undefined {
  return etag?.replace(/^(W\/)?"|"$/g, '');
}

/** To the second: listings give milliseconds, HeadObject whole seconds, and both must name the same version. */
function lastModified(date: Date | undefined): { lastModified?: string } {
  return date ? { lastModified: new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString() } : {};
}
