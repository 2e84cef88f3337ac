/**
 * The cache's own promises, with a range opener written here (the S3 path is tested against
 * s3rver elsewhere): bytes that do not match the ETag's MD5 and an object replaced mid-download
 * never become cached objects; a partial file longer than the object is started over; two
 * fetches of one object share a download.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectCache, type OpenRange, type RemoteObject } from './object-cache';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-object-cache-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Serves `text` from byte `start` on, saying `etag`; counts the requests in `starts`. */
function serving(text: string, etag: string, starts: number[] = []): OpenRange {
  return async (start) => {
    starts.push(start);
    return { body: Readable.from([Buffer.from(text).subarray(start)]), etag, etagIsMd5: true };
  };
}

const options = { extension: '.csv', isRetryable: () => false, describeError: (error: unknown) => (error instanceof Error ? error : new Error(String(error))) };

describe('ObjectCache', () => {
  it('never keeps bytes whose MD5 is not the ETag', async () => {
    const root = mkdtempSync(join(dir, 'md5-'));
    const remote: RemoteObject = { uri: 's3://b/a.csv', bytes: 4, etag: md5('a\n1\n') };
    await expect(new ObjectCache(root).fetch(remote, serving('a\n2\n', remote.etag!), options)).rejects.toThrow(/do not match the object's ETag/);
    expect(readdirSync(join(root, 'objects'))).toEqual([]);
    expect(readdirSync(join(root, 'partial'))).toEqual([]);
  });

  it('drops the partial file when the object is replaced mid-download', async () => {
    const root = mkdtempSync(join(dir, 'replaced-'));
    const remote: RemoteObject = { uri: 's3://b/a.csv', bytes: 4, etag: md5('a\n1\n') };
    await expect(new ObjectCache(root).fetch(remote, serving('a\n1\n', 'another'), options)).rejects.toThrow(/changed while it was downloaded/);
    expect(readdirSync(join(root, 'objects'))).toEqual([]);
    expect(readdirSync(join(root, 'partial'))).toEqual([]);
  });

  it('starts over from a partial file longer than the object', async () => {
    const root = mkdtempSync(join(dir, 'longer-'));
    const remote: RemoteObject = { uri: 's3://b/a.csv', bytes: 4, etag: md5('a\n1\n') };
    const starts: number[] = [];
    // Leave a too-long partial file where the download looks for it (named by URI, ETag and size).
    mkdirSync(join(root, 'partial'), { recursive: true });
    const partialName =
      createHash('sha256')
        .update(JSON.stringify([remote.uri, remote.etag, remote.bytes]))
        .digest('hex') + '.part';
    writeFileSync(join(root, 'partial', partialName), 'far too many bytes');
    const fetched = await new ObjectCache(root).fetch(remote, serving('a\n1\n', remote.etag!, starts), options);
    expect(starts).toEqual([0]);
    expect(readFileSync(fetched.path, 'utf8')).toBe('a\n1\n');
  });

  it('shares one download between two fetches of the same object', async () => {
    const root = mkdtempSync(join(dir, 'shared-'));
    const remote: RemoteObject = { uri: 's3://b/a.csv', bytes: 4, etag: md5('a\n1\n') };
    const starts: number[] = [];
    const cache = new ObjectCache(root);
    const [first, second] = await Promise.all([
      cache.fetch(remote, serving('a\n1\n', remote.etag!, starts), options),
      cache.fetch(remote, serving('a\n1\n', remote.etag!, starts), options),
    ]);
    expect(starts).toEqual([0]);
    expect(first.path).toBe(second.path);
  });
});
