/**
 * Parquet sources, read by read_parquet (native engine; duckdb-wasm has no Parquet reader
 * offline). Parquet has no unparseable rows: a file reads whole or not at all, and a file that
 * does not (truncated, not Parquet) stops the run naming it. __winnow_line is the row's 1-based
 * number within its file. The working relation is a view over one load of the files (see
 * createWorkingView). Files are read as one union by name, with hive partition folders
 * (key=value) as columns unless options.hive_partitioning is false.
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { ident, literal } from '../sql';
import { checkInputFiles } from './input-files';
import type { IngestResult, ResolvedSource } from './source';
import type { Scratch } from './scratch';
import { fileList } from './sql-options';
import { firstUnreadable } from './unreadable';
import { FILE_INDEX, createWorkingView, dropWorkingRelation, fileLabels, workingDataTable } from './working-table';

/** Reads a Parquet source into `table`; see the top of this file and ingest.ts. */
export async function ingestParquet(engine: Engine, source: ResolvedSource, table: string, scratch: Scratch): Promise<IngestResult> {
  const { files, options } = source;
  await checkInputFiles(engine, files, { allowEmpty: false, blankIsEmpty: false });
  const hive = options.hive_partitioning !== false;
  const scan = `read_parquet(${fileList(files)}, union_by_name=true, hive_partitioning=${literal(hive)})`;
  const data = workingDataTable(table);
  try {
    const described = await engine.query(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${scan})`);
    // One load, as a person would write it, into the working view's data table: the files in
    // order, each in its row order (DuckDB keeps insertion order), so rowid gives each row's
    // number and line. file_index (position in the list) is the reader's virtual column.
    await dropWorkingRelation(engine, table);
    await engine.run(`CREATE TABLE ${ident(data)} AS SELECT *${files.length > 1 ? `, file_index AS ${ident(FILE_INDEX)}` : ''} FROM ${scan}`);
    const dataColumns = described.map((row) => String(row.column_name));
    const { schema, kept } = await createWorkingView(engine, table, { data, dataColumns, files: fileLabels(source), linesBefore: files.map(() => 0) });
    return { table, read: kept, kept, rejected: 0, schema, rowidNumbered: true };
  } catch (error) {
    await dropWorkingRelation(engine, table);
    if (error instanceof WinnowError) throw error;
    throw await firstUnreadable(engine, files, (file) => `read_parquet(${literal(file)})`, 'Parquet', scratch.name('probe'), error);
  }
}
