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
 *   and inserts every row that could not be parsed into the rejects table (pipelines/rejects.ts)
 *   with step 'read'. It returns the counts, with read = kept + rejected.
 *   A file that cannot be read at all throws WinnowError(kind 'input') naming the file.
 */
import type { Engine, Format } from '../engine/engine';
import type { SourceOptions } from '../spec/types';
import type { Column } from '../steps/step';

export interface ResolvedSource {
  /** The source's name in the spec. */
  name: string;
  /** The URI as written in the spec. */
  uri: string;
  format: Format;
  options: SourceOptions;
  /** Absolute local paths, sorted; for http(s) and S3 these are cached local copies. */
  files: string[];
}

export interface IngestResult {
  table: string;
  /** Data rows seen in the input (kept + rejected). */
  read: number;
  kept: number;
  rejected: number;
  /** Data columns of the working table. */
  schema: Column[];
}
