/**
 * `winnow run --snapshot MANIFEST`: before anything runs, the inputs must still be exactly the
 * files pinned in the manifest. Every changed, added or missing file is named. Remote inputs
 * (S3 objects, http(s) files) are matched by URI against a fresh listing (for http, a HEAD
 * request): first by ETag and version id, before anything is downloaded (compareRemoteListings),
 * then by the sha256 of the bytes fetched. S3 lists no version ids for a prefix or a glob, so
 * there a new version with the same bytes (and ETag) is not a change; a single key is read with
 * HeadObject, which names its version, and a new version of it is.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WinnowError } from '../../errors';
import type { RemoteFile, ResolvedSource } from '../../ingest/ingest';
import { parseManifest, type FileEntry, type Manifest } from '../../manifest/manifest';
import type { Spec } from '../../spec/types';
import { hashFile } from '../sources/hash';
import { findHttp, isHttpUri } from '../sources/http-source';
import { resolveFrom } from './paths';
import { formatOfPath } from '../sources/resolve-source';
import { isS3Uri } from '../sources/s3/s3-uri';

export interface SnapshotDifference {
  source: string;
  path: string;
  change: 'changed' | 'added' | 'missing';
  detail?: string;
}

async function readSnapshot(manifestPath: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new WinnowError(`cannot read the snapshot manifest`, { file: manifestPath }, 'input');
  }
  try {
    return parseManifest(text, manifestPath);
  } catch (error) {
    throw new WinnowError((error as Error).message, {}, 'input');
  }
}

/**
 * The remote sources' objects as listed now against those pinned, before anything is downloaded:
 * ETag and version id only (the sha256 is checked by compareWithSnapshot once the bytes are
 * fetched). A pinned object that is gone is "missing" here, not an error.
 */
export async function compareRemoteListings(manifestPath: string, spec: Spec): Promise<SnapshotDifference[]> {
  const manifest = await readSnapshot(manifestPath);
  const differences: SnapshotDifference[] = [];
  for (const [name, source] of Object.entries(spec.sources)) {
    const pinned = manifest.inputs.find((input) => input.source === name);
    if (!pinned?.files.some((file) => file.uri !== undefined)) continue;
    if (isS3Uri(source.uri)) {
      const { listS3 } = await import('../sources/s3/resolve-s3');
      const listed = await listS3(source.uri, { access: source.s3, format: source.format, formatOfPath, allowEmpty: true });
      differences.push(...compareRemote(name, listed, pinned.files));
    } else if (isHttpUri(source.uri)) {
      const found = await findHttp(source.uri);
      differences.push(...compareRemote(name, found ? [found] : [], pinned.files));
    }
  }
  return differences;
}

export async function compareWithSnapshot(manifestPath: string, sources: ResolvedSource[]): Promise<SnapshotDifference[]> {
  const manifest = await readSnapshot(manifestPath);
  const folder = dirname(manifestPath);
  const differences: SnapshotDifference[] = [];
  for (const source of sources) {
    const pinned = manifest.inputs.find((input) => input.source === source.name);
    if (!pinned) {
      for (const file of source.files) differences.push({ source: source.name, path: file, change: 'added', detail: 'source not in the snapshot' });
      continue;
    }
    if (source.remote && pinned.files.some((file) => file.uri !== undefined)) {
      differences.push(...compareRemote(source.name, source.remote, pinned.files));
      continue;
    }
    const pinnedByPath = new Map(pinned.files.map((file) => [resolveFrom(folder, file.path), file]));
    for (const file of source.files) {
      const expected = pinnedByPath.get(file);
      if (!expected) {
        differences.push({ source: source.name, path: file, change: 'added' });
        continue;
      }
      pinnedByPath.delete(file);
      const actual = await hashFile(file);
      if (actual.sha256 !== expected.sha256) {
        differences.push({
          source: source.name,
          path: file,
          change: 'changed',
          detail: `sha256 ${actual.sha256.slice(0, 12)}… != pinned ${expected.sha256.slice(0, 12)}…, ${actual.bytes} bytes (pinned ${expected.bytes})`,
        });
      }
    }
    for (const path of pinnedByPath.keys()) differences.push({ source: source.name, path, change: 'missing' });
  }
  return differences;
}

/** The objects listed now against those pinned, by URI (and by sha256 once they are fetched). */
function compareRemote(source: string, current: (Omit<RemoteFile, 'sha256'> & { sha256?: string })[], pinned: FileEntry[]): SnapshotDifference[] {
  const differences: SnapshotDifference[] = [];
  const pinnedByUri = new Map(pinned.filter((file) => file.uri !== undefined).map((file) => [file.uri as string, file]));
  for (const object of current) {
    const expected = pinnedByUri.get(object.uri);
    if (!expected) {
      differences.push({ source, path: object.uri, change: 'added' });
      continue;
    }
    pinnedByUri.delete(object.uri);
    const short = (hash: string) => `${hash.slice(0, 12)}…`;
    if (expected.etag && object.etag && expected.etag !== object.etag) {
      differences.push({
        source,
        path: object.uri,
        change: 'changed',
        detail: `ETag ${object.etag} != pinned ${expected.etag}, ${object.bytes} bytes (pinned ${expected.bytes})`,
      });
    } else if (expected.versionId && object.versionId && expected.versionId !== object.versionId) {
      differences.push({ source, path: object.uri, change: 'changed', detail: `version ${object.versionId} != pinned ${expected.versionId}` });
    } else if (object.sha256 !== undefined && object.sha256 !== expected.sha256) {
      differences.push({
        source,
        path: object.uri,
        change: 'changed',
        detail: `sha256 ${short(object.sha256)} != pinned ${short(expected.sha256)}, ${object.bytes} bytes (pinned ${expected.bytes})`,
      });
    }
  }
  for (const uri of pinnedByUri.keys()) differences.push({ source, path: uri, change: 'missing' });
  return differences;
}
