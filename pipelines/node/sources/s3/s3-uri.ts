/**
 * `s3://bucket/key` source URIs: one object, a prefix (ending in '/', or a bucket alone) or a
 * glob over keys (`s3://bucket/logs/2026-*\/part-*.parquet`, see ingest/glob-pattern.ts).
 */
import { WinnowError } from '../../../errors';
import { isGlob } from '../../../ingest/glob-pattern';

export interface S3Location {
  bucket: string;
  /** The key, prefix or key pattern as written (no leading '/'). */
  key: string;
  kind: 'object' | 'prefix' | 'glob';
  /** The literal start of every key that can match: what ListObjectsV2 is asked for. */
  listPrefix: string;
}

export function isS3Uri(uri: string): boolean {
  return /^s3:\/\//i.test(uri);
}

/** `s3://bucket/key` for a bucket and key. */
export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(uri);
  if (!match?.[1]) throw new WinnowError(`${uri}: not an S3 URI (expected s3://bucket/key)`, { file: uri }, 'spec');
  const bucket = match[1];
  const key = match[2] ?? '';
  if (isGlob(key)) {
    const firstGlob = key.search(/[*?[{]/);
    return { bucket, key, kind: 'glob', listPrefix: key.slice(0, firstGlob) };
  }
  if (key === '' || key.endsWith('/')) return { bucket, key, kind: 'prefix', listPrefix: key };
  return { bucket, key, kind: 'object', listPrefix: key };
}
