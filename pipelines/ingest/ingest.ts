/**
 * Reading a source into a working table, without losing a row.
 *
 * CONTRACT (implemented in this folder):
 *   ingestSource(engine, source, table) creates `table` with the columns
 *     __winnow_row BIGINT   1-based ordinal over all the source's files, files in sorted order,
 *                           rows in file order (so it never depends on scan order or threads)
 *     __winnow_file VARCHAR the file the row came from (ResolvedSource.files entry)
 *     __winnow_line BIGINT  line number in the file for text formats, row number otherwise
 *     ...data columns       as read (declared types from options.types win over sniffing)
 *   and inserts every row that could not be parsed into the rejects table (pipelines/table/rejects.ts)
 *   with step 'read'. It returns the counts, with read = kept + rejected.
 *   A file that cannot be read at all throws WinnowError(kind 'input') naming the file.
 */
import type { Engine, Format } from '../engine/engine';
import { WinnowError } from '../errors';
import { REJECTS_TABLE } from '../table/rejects';
import { literal, literalList } from '../sql';
import { ingestArrow } from './arrow';
import { ingestCsv } from './csv';
import { ingestJson } from './json';
import { ingestNdjson } from './ndjson';
import { ingestParquet } from './parquet';
import { ensureRejectsTable } from './read-rejects';
import { Scratch } from './scratch';
import type { IngestResult, ResolvedSource } from './source';
import { dropWorkingRelation } from './working-table';

export type { IngestResult, RemoteFile, ResolvedSource } from './source';

/**
 * Reads `source` into the working table `table` (replacing it), and its unparseable rows into
 * the rejects table (created if the run has none yet). See the contract at the top of this file;
 * rows are numbered across files in the order of `source.files` (resolveSource sorts them).
 *
 * What __winnow_line means, by format (rejects carry the same number in `line`):
 * - CSV/TSV: DuckDB's line number, for kept and rejected rows alike. 1-based; the header is
 *   line 1; every line break outside quoted values counts, blank lines included; line breaks
 *   inside quoted values do not. So it is the physical line unless a quoted value before the row
 *   spans lines (then it is smaller by the number of such line breaks). See csv-lines.ts.
 * - NDJSON: the physical line, 1-based, blank lines included.
 * - JSON, Parquet, Arrow IPC: the row's 1-based number within its file.
 *
 * What is rejected rather than kept: CSV records with too few or too many fields (extra empty
 * fields included, which DuckDB alone would keep), bad quoting, invalid UTF-8, a value that does
 * not fit its column's type (declared, or sniffed from the first rows), or over 16 MB; NDJSON
 * lines that are not JSON or not UTF-8. Parquet and JSON documents read whole or stop the run.
 * options.types applies to CSV and TSV only. CSV files with mixed LF and CRLF line breaks and
 * UTF-16 with a byte order mark are read (see csv.ts); JSON types are detected MAX_JSON_DEPTH
 * levels deep (json-depth.ts).
 *
 * @example
 * const result = await ingestSource(engine, await resolveSource('flights', spec.sources.flights, specDir), 'flights');
 * // result.read === result.kept + result.rejected
 */
export async function ingestSource(engine: Engine, source: ResolvedSource, table: string): Promise<IngestResult> {
  const { format, files } = source;
  const first = files[0];
  if (first === undefined) throw new WinnowError(`source "${source.name}" (${source.uri}) has no files`, {}, 'input');
  if (!engine.readsFormats.has(format)) {
    throw new WinnowError(`${first}: the ${engine.name} engine cannot read ${format} files`, { file: first }, 'input');
  }
  if (source.options.types && format !== 'csv' && format !== 'tsv') {
    // Silently ignoring a declared type would let values through that the spec says to reject.
    throw new WinnowError(`source "${source.name}": options.types applies to CSV and TSV sources only, not ${format}`, { field: 'types' }, 'spec');
  }
  await ensureRejectsTable(engine);
  const scratch = new Scratch(engine, table);
  try {
    const result = await readers[format](engine, source, table, scratch);
    await nameRemoteRejects(engine, source);
    return result;
  } catch (error) {
    // A reader that failed part-way leaves no working relation behind (its error is the one to say).
    await dropWorkingRelation(engine, table).catch(() => undefined);
    throw namedRemote(error, source);
  } finally {
    await scratch.dropAll();
  }
}

/** A remote source's rejects name the object (`s3://bucket/key`), as its kept rows do, not the cached copy. */
async function nameRemoteRejects(engine: Engine, source: ResolvedSource): Promise<void> {
  if (!source.remote) return;
  const cases = source.files.map((file, index) => `WHEN ${literal(file)} THEN ${literal(source.remote?.[index]?.uri ?? file)}`).join(' ');
  await engine.run(
    `UPDATE ${REJECTS_TABLE} SET file = CASE file ${cases} ELSE file END WHERE source = ${literal(source.name)} AND file IN (${literalList(source.files)})`,
  );
}

/** An error reading a remote source, naming the object rather than its cached copy. */
function namedRemote(error: unknown, source: ResolvedSource): unknown {
  if (!source.remote || !(error instanceof Error)) return error;
  const rename = (text: string) => source.files.reduce((named, file, index) => named.replaceAll(file, source.remote?.[index]?.uri ?? file), text);
  if (error instanceof WinnowError)
    return new WinnowError(rename(error.message), { ...error.place, ...(error.place.file ? { file: rename(error.place.file) } : {}) }, error.kind);
  error.message = rename(error.message);
  return error;
}

type Reader = (engine: Engine, source: ResolvedSource, table: string, scratch: Scratch) => Promise<IngestResult>;

const readers: Record<Format, Reader> = {
  arrow: ingestArrow,
  csv: ingestCsv,
  tsv: ingestCsv,
  json: ingestJson,
  ndjson: ingestNdjson,
  parquet: ingestParquet,
};
