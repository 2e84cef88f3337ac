/**
 * What a source is once resolved (its files, local or cached copies of remote objects), what
 * reading it gives, and how far fetching a remote one has got. Its own file so that ingest.ts and
 * its format readers, the runner's fetchers and the host protocol share them without importing
 * each other.
 */
import type { Format } from '../engine/engine';
import type { SourceOptions } from '../spec/types';
import type { Column } from '../table/column';

export interface ResolvedSource {
  /** The source's name in the spec. */
  name: string;
  /** The URI as written in the spec. */
  uri: string;
  format: Format;
  options: SourceOptions;
  /** Absolute local paths, sorted; for http(s) and S3 these are cached local copies. */
  files: string[];
  /** For http(s) and S3 sources: where each of `files` came from, in the same order. */
  remote?: RemoteFile[];
}

/** A remote object as it was read: pinned in the manifest, checked by `--snapshot`. */
export interface RemoteFile {
  uri: string;
  bytes: number;
  sha256: string;
  /** Without quotes. */
  etag?: string;
  versionId?: string;
}

export interface IngestResult {
  table: string;
  /** Data rows seen in the input (kept + rejected). */
  read: number;
  kept: number;
  rejected: number;
  /** Data columns of the working table. */
  schema: Column[];
  /**
   * Set when the table is a working view (createWorkingView): __winnow_row is rowid + 1, so a
   * scan without ORDER BY meets rows 1, 2, 3… in that order and its first n rows are rows 1..n.
   */
  rowidNumbered?: true;
}

/** How far fetching a remote source's objects has got: what a person waiting on a download sees. */
export interface DownloadProgress {
  objects: number;
  objectsDone: number;
  bytes: number;
  bytesDone: number;
}

/** One entry of the app's S3 browser (pipelines/node/sources/s3/browse-s3.ts). */
export interface S3Entry {
  /** The bucket's name, or the key or prefix below the listed prefix. */
  name: string;
  /** `s3://bucket/key`, what OpenDataset takes (a prefix ends in '/'). */
  uri: string;
  kind: 'bucket' | 'prefix' | 'object';
  bytes: number;
}

export interface S3Listing {
  /** null: the list of buckets. */
  bucket: string | null;
  prefix: string;
  /** The prefix one level up; '' is the bucket's top; null goes back to the buckets. */
  parent: string | null;
  entries: S3Entry[];
  /** More entries than were listed (the first 1000 are). */
  truncated: boolean;
}
