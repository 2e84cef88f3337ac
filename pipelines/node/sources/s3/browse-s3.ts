/**
 * The app's "Open from S3..." browser, host side: the buckets the credentials can list, then one
 * level of a bucket at a time (ListObjectsV2 with the '/' delimiter), folders first.
 */
import { ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { S3Entry, S3Listing } from '../../../ingest/source';
import { endpointOf, s3Client, type S3Access } from './client';
import { s3Error } from './s3-errors';
import { s3Uri } from './s3-uri';

/** At most this many entries per level; the listing says when there were more. */
const PAGE_LIMIT = 1000;

export async function browseS3(bucket: string | undefined, prefix = '', access: S3Access = {}): Promise<S3Listing> {
  const client = s3Client(access);
  const where = bucket ? s3Uri(bucket, prefix) : 's3://';
  try {
    if (!bucket) {
      const listed = await client.send(new ListBucketsCommand({}));
      const entries = (listed.Buckets ?? []).flatMap((each): S3Entry[] =>
        each.Name ? [{ name: each.Name, uri: s3Uri(each.Name, ''), kind: 'bucket', bytes: 0 }] : [],
      );
      return { bucket: null, prefix: '', parent: null, entries: entries.sort(byName), truncated: false };
    }
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, Delimiter: '/', MaxKeys: PAGE_LIMIT }));
    const folders = (page.CommonPrefixes ?? []).flatMap((each): S3Entry[] =>
      each.Prefix ? [{ name: each.Prefix.slice(prefix.length), uri: s3Uri(bucket, each.Prefix), kind: 'prefix', bytes: 0 }] : [],
    );
    const objects = (page.Contents ?? []).flatMap((each): S3Entry[] =>
      each.Key && each.Key !== prefix ? [{ name: each.Key.slice(prefix.length), uri: s3Uri(bucket, each.Key), kind: 'object', bytes: each.Size ?? 0 }] : [],
    );
    return { bucket, prefix, parent: parentOf(prefix), entries: [...folders.sort(byName), ...objects.sort(byName)], truncated: Boolean(page.IsTruncated) };
  } catch (error) {
    throw s3Error(error, where, endpointOf(access));
  }
}

/** The prefix one level up (`a/b/` -> `a/`, `a/` -> ''), or null at the bucket's top (back to the buckets). */
function parentOf(prefix: string): string | null {
  if (!prefix) return null;
  const trimmed = prefix.replace(/\/$/, '');
  return trimmed.includes('/') ? trimmed.slice(0, trimmed.lastIndexOf('/') + 1) : '';
}

function byName(a: S3Entry, b: S3Entry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
