/**
 * From a source as the spec writes it to the files an engine reads (Node only: the runner and
 * the app's host side). A URI is one of:
 * - a file, relative to the spec's folder or absolute (or a file:// URL);
 * - a folder: every data file under it, at any depth, skipping names that start with '.' or '_'
 *   (`.DS_Store`, Spark's `_SUCCESS`); with `format` set, only files of that format. Symbolic
 *   links are followed, and a broken or looping one stops the run naming it (sources/walk.ts);
 * - a glob (`data/**\/*.csv`, `part-{1,2}.parquet`; see ingest/glob-pattern.ts), which skips
 *   the same names and follows links the same way;
 * - an http(s):// URL, checked with the server (HEAD) and read from the content-addressed cache
 *   (see http-source.ts); `remote` then pins the URL with its bytes, sha256 and ETag;
 * - an s3:// URI: one key, a prefix ending in '/', or a glob over keys, fetched into the
 *   content-addressed cache (see s3/resolve-s3.ts); `remote` then says where each file came from.
 * Files come sorted by path (code point order), which fixes __winnow_row across files.
 *
 * The format is `format` when given, else the files' extension: .csv, .tsv/.tab, .json,
 * .ndjson/.jsonl, .parquet/.pq, .arrow/.feather/.ipc, each also with .gz or .zst (DuckDB
 * decompresses text formats itself). A compressed file is checked whole before it is read, because
 * DuckDB reads a cut or damaged one short without a word (sources/compressed.ts). Every error is
 * a WinnowError: kind 'input' when nothing is there or a file is damaged, 'spec' when the spec
 * must say more (files of several formats and no `format`).
 */
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Format } from '../../engine/engine';
import { WinnowError } from '../../errors';
import { globToRegExp, isGlob } from '../../ingest/glob-pattern';
import type { RemoteFile, ResolvedSource } from '../../ingest/ingest';
import type { SourceSpec } from '../../spec/types';
import { DATA_EXTENSION } from './data-extension';
import { isHttpUri, resolveHttp } from './http-source';
import type { DownloadProgress } from '../../ingest/source';
import type { CachedObject } from './object-cache';
import { isS3Uri } from './s3/s3-uri';
import { checkCompressedFiles } from './compressed';
import { walkFiles } from './walk';

const EXTENSIONS: Record<Format, readonly string[]> = {
  csv: ['.csv'],
  tsv: ['.tsv', '.tab'],
  json: ['.json'],
  ndjson: ['.ndjson', '.jsonl'],
  parquet: ['.parquet', '.pq'],
  arrow: ['.arrow', '.feather', '.ipc'],
};

/** The source's files and format; `specDir` is the folder of the spec file. */
export interface ResolveOptions {
  /** Told how far downloading a remote source has got (S3 objects, an http(s) file). */
  onProgress?: (progress: DownloadProgress) => void;
}

export async function resolveSource(name: string, spec: SourceSpec, specDir: string, { onProgress }: ResolveOptions = {}): Promise<ResolvedSource> {
  if (isS3Uri(spec.uri)) {
    // Loaded on first use: the AWS SDK takes about 0.2 s to import, and most runs read no S3.
    const { resolveS3 } = await import('./s3/resolve-s3');
    const remote = await resolveS3(spec.uri, { access: spec.s3, format: spec.format, formatOfPath, onProgress });
    const files = remote.map((object) => object.path);
    const format = spec.format ?? formatOfFiles(spec.uri, files);
    await checkCompressedFiles(
      files,
      remote.map((object) => object.uri),
    );
    return { name, uri: spec.uri, format, options: spec.options ?? {}, files, remote: remote.map(pinned) };
  }
  if (isHttpUri(spec.uri)) {
    const object = await resolveHttp(spec.uri, { onProgress });
    const format = spec.format ?? formatOfFiles(spec.uri, [object.path]);
    await checkCompressedFiles([object.path], [object.uri]);
    return { name, uri: spec.uri, format, options: spec.options ?? {}, files: [object.path], remote: [pinned(object)] };
  }
  const files = await localFiles(spec, specDir);
  const format = spec.format ?? formatOfFiles(spec.uri, files);
  await checkCompressedFiles(files);
  return { name, uri: spec.uri, format, options: spec.options ?? {}, files };
}

/** What the manifest pins of a remote object. */
function pinned({ uri, bytes, sha256, etag, versionId }: CachedObject): RemoteFile {
  return { uri, bytes, sha256, ...(etag ? { etag } : {}), ...(versionId ? { versionId } : {}) };
}

/** The format a file name says, if any (`a.csv.gz` is csv). */
export function formatOfPath(path: string): Format | undefined {
  const extension = DATA_EXTENSION.exec(path)?.[1]?.toLowerCase();
  if (extension === undefined) return undefined;
  return (Object.keys(EXTENSIONS) as Format[]).find((format) => EXTENSIONS[format].includes(extension));
}

async function localFiles(spec: SourceSpec, specDir: string): Promise<string[]> {
  const path = spec.uri.startsWith('file://') ? fileURLToPath(spec.uri) : resolve(specDir, spec.uri);
  if (isGlob(spec.uri)) return matchGlob(path, spec.uri);
  const found = await stat(path).catch(() => undefined);
  if (!found) throw new WinnowError(`${spec.uri}: no such file or folder (looked for ${path})`, { file: path }, 'input');
  if (!found.isDirectory() && !found.isFile()) {
    throw new WinnowError(
      `${spec.uri}: ${path} is not a regular file (a pipe, socket or device); Winnow reads files and folders only`,
      { file: path },
      'input',
    );
  }
  if (!found.isDirectory()) return [path];
  const files = await walkFiles(path, spec.uri, (file) => {
    const format = formatOfPath(file);
    return format !== undefined && (spec.format === undefined || format === spec.format);
  });
  if (files.length === 0) {
    const what = spec.format ? `${spec.format} files` : 'data files';
    throw new WinnowError(`${spec.uri}: the folder ${path} holds no ${what}`, { file: path }, 'input');
  }
  return files;
}

/** Files matching an absolute glob pattern, found by walking from its last plain folder. */
async function matchGlob(pattern: string, uri: string): Promise<string[]> {
  const segments = pattern.split(sep);
  const firstGlob = segments.findIndex(isGlob);
  const base = segments.slice(0, firstGlob).join(sep) || sep;
  const matcher = globToRegExp(segments.slice(firstGlob).join('/'));
  const found = await stat(base).catch(() => undefined);
  const files = found?.isDirectory() ? await walkFiles(base, uri, (file) => matcher.test(relative(base, file).split(sep).join('/'))) : [];
  if (files.length === 0) throw new WinnowError(`${uri}: no file matches ${pattern}`, { file: pattern }, 'input');
  return files;
}

function formatOfFiles(uri: string, files: readonly string[]): Format {
  const formats = new Set(files.map((file) => formatOfPath(file)));
  const [format] = formats;
  if (formats.size === 1 && format !== undefined) return format;
  const first = files[0] as string;
  if (formats.size === 1) {
    throw new WinnowError(`${uri}: cannot tell the format of ${first} from its name; set format`, { file: first, field: 'format' }, 'spec');
  }
  const named = [...formats].map((each) => each ?? 'unknown').join(', ');
  throw new WinnowError(`${uri}: the files have several formats (${named}); set format`, { file: first, field: 'format' }, 'spec');
}
