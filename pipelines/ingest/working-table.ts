/**
 * The last step of every reader: the working table, with Winnow's own columns first and its rows
 * stored in __winnow_row order, so later steps and outputs never depend on scan order.
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { FILE, LINE, ROW, isInternalColumn } from '../rejects';
import type { Column } from '../steps/step';
import { ident, literal } from '../sql';

/** The column of a reader's rows that says which of the source's files (0-based, sorted) a row came from. */
export const FILE_INDEX = '__winnow_file_index';

/**
 * Creates `table` from `rows`, a relation with FILE_INDEX, LINE (__winnow_line) and the data
 * columns. __winnow_row numbers the rows by file, then line: file order, as the contract says.
 * Returns the data columns as stored and the number of rows.
 */
export async function createWorkingTable(
  engine: Engine,
  table: string,
  rows: string,
  files: readonly string[],
  dataColumns: readonly string[],
): Promise<{ schema: Column[]; kept: number }> {
  const reserved = dataColumns.find(isInternalColumn);
  if (reserved) {
    throw new WinnowError(`column "${reserved}" uses the prefix __winnow_, which Winnow keeps for its own columns`, { field: reserved }, 'input');
  }
  const fileNames = files.map((file, index) => `(${index}, ${literal(file)})`).join(', ');
  const data = dataColumns.map((name) => `r.${ident(name)}`);
  await engine.run(
    `CREATE OR REPLACE TABLE ${ident(table)} AS
     SELECT row_number() OVER (ORDER BY r.${ident(FILE_INDEX)}, r.${ident(LINE)}) AS ${ident(ROW)},
            f.file AS ${ident(FILE)},
            r.${ident(LINE)}::BIGINT AS ${ident(LINE)}${data.length ? ', ' : ''}${data.join(', ')}
     FROM (${rows}) AS r JOIN (VALUES ${fileNames}) AS f(file_index, file) ON f.file_index = r.${ident(FILE_INDEX)}
     ORDER BY ${ident(ROW)}`,
  );
  const described = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(table)})`);
  const schema = described
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }))
    .filter((column) => ![ROW, FILE, LINE].includes(column.name));
  const [count] = await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`);
  return { schema, kept: Number(count?.n) };
}
