/**
 * Parquet sources, read by read_parquet (native engine; duckdb-wasm has no Parquet reader
 * offline). Parquet has no unparseable rows: a file reads whole or not at all, and a file that
 * does not (truncated, not Parquet) stops the run naming it. __winnow_line is the row's 1-based
 * number within its file. Files are read as one union by name, with hive partition folders
 * (key=value) as columns unless options.hive_partitioning is false.
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { LINE } from '../rejects';
import { ident, literal } from '../sql';
import { checkInputFiles } from './input-files';
import type { IngestResult, ResolvedSource } from './ingest';
import type { Scratch } from './scratch';
import { fileList } from './sql-options';
import { firstUnreadable } from './unreadable';
import { FILE_INDEX, createWorkingTable, fileLabels } from './working-table';

/** Reads a Parquet source into `table`; see the top of this file and ingest.ts. */
export async function ingestParquet(engine: Engine, source: ResolvedSource, table: string, scratch: Scratch): Promise<IngestResult> {
  const { files, options } = source;
  await checkInputFiles(engine, files, { allowEmpty: false, blankIsEmpty: false });
  const hive = options.hive_partitioning !== false;
  const scan = `read_parquet(${fileList(files)}, union_by_name=true, hive_partitioning=${literal(hive)})`;
  try {
    const described = await engine.query(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${scan})`);
    // file_index (position in the list) and file_row_number are the reader's virtual columns.
    const rows = `SELECT *, file_index AS ${ident(FILE_INDEX)}, file_row_number + 1 AS ${ident(LINE)} FROM ${scan}`;
    const { schema, kept } = await createWorkingTable(engine, table, rows, fileLabels(source), described.map((row) => String(row.column_name)), { denseLines: true });
    return { table, read: kept, kept, rejected: 0, schema };
  } catch (error) {
    if (error instanceof WinnowError) throw error;
    throw await firstUnreadable(engine, files, (file) => `read_parquet(${literal(file)})`, 'Parquet', scratch.name('probe'), error);
  }
}
