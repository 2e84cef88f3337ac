/**
 * The last step of every reader: the working table, with Winnow's own columns first and its rows
 * stored in __winnow_row order, so later steps and outputs never depend on scan order.
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { FILE, LINE, ROW, isInternalColumn } from '../rejects';
import type { Column } from '../steps/step';
import type { ResolvedSource } from './ingest';
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
  const described = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(table)})`);
  const schema = described
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }))
    .filter((column) => ![ROW, FILE, LINE].includes(column.name));
  const [count] = await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`);
  return { schema, kept: Number(count?.n) };
}
