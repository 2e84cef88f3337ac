/**
 * The last step of every reader: the working table, with Winnow's own columns first and its rows
 * stored in __winnow_row order, so later steps and outputs never depend on scan order.
 *
 * Two shapes, the same to every reader of it: a table (createWorkingTable), or, where the rows
 * were loaded in file order and nothing was deleted from them, a view over that load
 * (createWorkingView) whose __winnow_row, __winnow_file and __winnow_line come from DuckDB's
 * rowid. The view saves a second copy of the data: for a Parquet or clean CSV file, the read is
 * then the same single load a person would write by hand. dropWorkingRelation drops either.
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { FILE, LINE, ROW, isInternalColumn } from '../table/rejects';
import type { Column } from '../table/column';
import type { ResolvedSource } from './source';
import { ident, literal } from '../sql';

/**
 * What __winnow_file says for each of the source's files: the path, or for a remote source the
 * object's URI (`s3://bucket/key`), not the cached copy's path, which means nothing to a reader.
 */
export function fileLabels(source: ResolvedSource): readonly string[] {
  return source.remote?.map((object) => object.uri) ?? source.files;
}

/** The column of a reader's rows that says which of the source's files (0-based, sorted) a row came from. */
export const FILE_INDEX = '__winnow_file_index';

/**
 * Creates `table` from `rows`, a relation with FILE_INDEX, LINE (__winnow_line) and the data
 * columns; `files` are what __winnow_file says (see fileLabels). __winnow_row numbers the rows by file, then line: file order, as the contract says.
 * With `denseLines` (Parquet, JSON arrays: LINE is 1..n within each file) the number is the
 * file's offset plus its line, with no sort; otherwise a window numbers them. Rows are stored in
 * no particular order: everything that reads them in order says ORDER BY __winnow_row.
 * Returns the data columns as stored and the number of rows.
 */
export async function createWorkingTable(
  engine: Engine,
  table: string,
  rows: string,
  files: readonly string[],
  dataColumns: readonly string[],
  { denseLines = false }: { denseLines?: boolean } = {},
): Promise<{ schema: Column[]; kept: number }> {
  const reserved = dataColumns.find(isInternalColumn);
  if (reserved) {
    throw new WinnowError(`column "${reserved}" uses the prefix __winnow_, which Winnow keeps for its own columns`, { field: reserved }, 'input');
  }
  await dropRelation(engine, table);
  const offsets = files.map(() => 0);
  // One file starts at offset 0: no need to count its rows first.
  if (denseLines && files.length > 1) {
    const counts = await engine.query(`SELECT ${ident(FILE_INDEX)} AS i, count(*) AS n FROM (${rows}) GROUP BY ALL`);
    const perFile = files.map(() => 0);
    for (const count of counts) perFile[Number(count.i)] = Number(count.n);
    perFile.forEach((n, index) => (offsets[index + 1] = (offsets[index] ?? 0) + n));
  }
  // Lookups by list position rather than a join: a join on millions of rows costs more than the read.
  const single = files.length === 1;
  const fileName = single ? literal(files[0]) : `list_extract([${files.map(literal).join(', ')}], CAST(r.${ident(FILE_INDEX)} AS BIGINT) + 1)`;
  const offset = single ? '0' : `list_extract([${offsets.slice(0, files.length).join(', ')}], CAST(r.${ident(FILE_INDEX)} AS BIGINT) + 1)`;
  const data = dataColumns.map((name) => `r.${ident(name)}`);
  const rowNumber = denseLines ? `${offset} + r.${ident(LINE)}` : `row_number() OVER (ORDER BY r.${ident(FILE_INDEX)}, r.${ident(LINE)})`;
  await engine.run(
    `CREATE OR REPLACE TABLE ${ident(table)} AS
     SELECT CAST(${rowNumber} AS BIGINT) AS ${ident(ROW)},
            CAST(${fileName} AS VARCHAR) AS ${ident(FILE)},
            r.${ident(LINE)}::BIGINT AS ${ident(LINE)}${data.length ? ', ' : ''}${data.join(', ')}
     FROM (${rows}) AS r`,
  );
  // A reader that loaded its rows as if for a view, then found it needs this table, is done with them.
  await engine.run(`DROP TABLE IF EXISTS ${ident(workingDataTable(table))}`);
  const described = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(table)})`);
  const schema = described
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }))
    .filter((column) => ![ROW, FILE, LINE].includes(column.name));
  const [count] = await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`);
  return { schema, kept: Number(count?.n) };
}

/** The table that holds a working view's rows (see createWorkingView). */
export function workingDataTable(table: string): string {
  return `${table}__data`;
}

/** Drops the working relation `table` (unquoted), a table or a view with its data table. */
export async function dropWorkingRelation(engine: Engine, table: string): Promise<void> {
  await dropRelation(engine, table);
  await engine.run(`DROP TABLE IF EXISTS ${ident(workingDataTable(table))}`);
}

/** Whether a working relation `table` (unquoted) exists: a table, or a view over its data table. */
export async function workingRelationExists(engine: Engine, table: string): Promise<boolean> {
  const [found] = await engine.query(
    `SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name = ${literal(table)}) + (SELECT count(*) FROM duckdb_views() WHERE view_name = ${literal(table)} AND NOT internal) AS n`,
  );
  return Number(found?.n) > 0;
}

/** Drops the table or view `name` (unquoted), if there is one: DROP TABLE refuses a view. */
async function dropRelation(engine: Engine, name: string): Promise<void> {
  const [view] = await engine.query(`SELECT count(*) AS n FROM duckdb_views() WHERE view_name = ${literal(name)} AND NOT internal`);
  await engine.run(Number(view?.n) ? `DROP VIEW IF EXISTS ${ident(name)}` : `DROP TABLE IF EXISTS ${ident(name)}`);
}

export interface WorkingViewInput {
  /** The rows, loaded in file order then line order, never deleted from: rowid order is row order. */
  data: string;
  /** Its data columns, in order. With several files it also has FILE_INDEX. */
  dataColumns: readonly string[];
  /** What __winnow_file says for each file (see fileLabels). */
  files: readonly string[];
  /** Lines before each file's first row (a CSV header): __winnow_line is that plus the row's place in its file. */
  linesBefore: readonly number[];
  /**
   * For each file, the kept rows before each of its rejected lines, in order (kept-lines.ts):
   * kept row k is below every rejected line with fewer than k kept rows before it, so its line
   * counts those too. A handful at most: each is a comparison per row.
   */
  keptBeforeRejects?: readonly (readonly number[])[];
}

/**
 * Makes `table` a view over `data` (which must be named workingDataTable(table), so that
 * dropWorkingRelation finds it): __winnow_row is rowid + 1, __winnow_line the row's place within
 * its file plus the lines before it and the rejected lines above it. That numbering is right only
 * when every line after those holds one record, kept or rejected, in order (the caller's to know:
 * a CSV file with no blank line before a record and no row moved out).
 */
export async function createWorkingView(engine: Engine, table: string, input: WorkingViewInput): Promise<{ schema: Column[]; kept: number }> {
  const reserved = input.dataColumns.find(isInternalColumn);
  if (reserved) {
    throw new WinnowError(`column "${reserved}" uses the prefix __winnow_, which Winnow keeps for its own columns`, { field: reserved }, 'input');
  }
  if (input.data !== workingDataTable(table))
    throw new WinnowError(`a working view's rows must be in ${workingDataTable(table)}, not ${input.data}`, {}, 'internal');
  const single = input.files.length === 1;
  // The first rowid of each file: files were loaded one after another, so they are contiguous.
  const starts = input.files.map(() => 0);
  if (!single) {
    const found = await engine.query(`SELECT ${ident(FILE_INDEX)} AS i, min(rowid) AS first FROM ${ident(input.data)} GROUP BY ALL`);
    for (const row of found) starts[Number(row.i)] = Number(row.first);
  }
  const byFile = (values: readonly (string | number)[]) =>
    single
      ? String(values[0])
      : `list_extract([${values.map((value) => (typeof value === 'number' ? String(value) : literal(value))).join(', ')}], CAST(${ident(FILE_INDEX)} AS BIGINT) + 1)`;
  const ordinal = `(rowid - ${byFile(starts)} + 1)`;
  const rejectsAbove = (thresholds: readonly number[]) =>
    thresholds.length ? thresholds.map((kept) => ` + CAST(${ordinal} > ${kept} AS BIGINT)`).join('') : '';
  const rejected = input.keptBeforeRejects ?? [];
  const skipped = single
    ? rejectsAbove(rejected[0] ?? [])
    : rejected.some((thresholds) => thresholds.length)
      ? ` + CASE CAST(${ident(FILE_INDEX)} AS BIGINT) ${rejected.map((thresholds, index) => `WHEN ${index} THEN 0${rejectsAbove(thresholds)}`).join(' ')} ELSE 0 END`
      : '';
  const line = `${ordinal} + ${byFile([...input.linesBefore])}${skipped}`;
  await dropRelation(engine, table);
  await engine.run(
    `CREATE VIEW ${ident(table)} AS
     SELECT CAST(rowid + 1 AS BIGINT) AS ${ident(ROW)},
            CAST(${single ? literal(input.files[0]) : byFile(input.files)} AS VARCHAR) AS ${ident(FILE)},
            CAST(${line} AS BIGINT) AS ${ident(LINE)}${input.dataColumns.length ? ', ' : ''}${input.dataColumns.map(ident).join(', ')}
     FROM ${ident(input.data)}`,
  );
  const described = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(table)})`);
  const schema = described
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }))
    .filter((column) => ![ROW, FILE, LINE].includes(column.name));
  const [count] = await engine.query(`SELECT count(*) AS n FROM ${ident(input.data)}`);
  return { schema, kept: Number(count?.n) };
}
