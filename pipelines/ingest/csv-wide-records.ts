/**
 * Records with more fields than the header, all the extra ones empty ("3,4,," under "a,b").
 * DuckDB's strict reader keeps them as if the extra fields were not there: it lets a first extra
 * value through when it equals a null string, and '' is the default one. A record that does not
 * fit the header is rejected, so these are found and moved to the rejects as TOO MANY COLUMNS,
 * the reason DuckDB gives for other records wider than the header.
 *
 * Only a file whose line survey counted more wide records than the read rejected as too wide
 * pays for this (csv-lines.ts): one more scan, with a column more than the header, typed
 * INTEGER, no null string and null padding. A record of the header's width pads it with NULL; a
 * wide one puts an empty string there, which fails the cast: DuckDB reports that record's line.
 * The lines reported that the read did not reject are the records to move. findWideRecords()
 * lists them; csv.ts then numbers the file's kept rows (exactKeptLines needs them, since its
 * own scan cannot see a record one field wider than the header) and moveWideRecords() moves them.
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { ident, literal } from '../sql';
import type { CsvLayout } from './csv-layout';
import { dialectArguments } from './csv-scan';
import { insertReadRejects } from './read-rejects';
import { namedArguments } from './sql-options';
import { FILE_INDEX } from './working-table';

/** A null string no field holds, so that an empty field reads as '' rather than NULL. */
const NEVER_NULL = '\u001fwinnow:never-null\u001f';

export interface WideRecordsInput {
  source: string;
  /** What rejects name the file by; `path` is what is scanned (a normalized copy, see csv-line-breaks.ts). */
  file: string;
  path: string;
  fileIndex: number;
  layout: CsvLayout;
  /** The stage table the read filled, with FILE_INDEX; its rows of this file are in file order by rowid. */
  stage: string;
  /** (file_index, line) of the read's rejected lines; the moved lines are added. */
  rejectLines: string;
  /** (file_index, ordinal, line) when the file's kept rows were numbered exactly; undefined for the fast rule. */
  exactLines?: string;
  /** `lines` is filled by findWideRecords with (line, raw) and dropped by moveWideRecords. */
  scratch: { lines: string; errors: string; scans: string };
}

/** Fills scratch.lines with the file's wide records that the read kept, as (line, raw); returns how many. */
export async function findWideRecords(engine: Engine, input: Omit<WideRecordsInput, 'source' | 'stage' | 'exactLines'>): Promise<number> {
  const { path, fileIndex, layout, rejectLines, scratch } = input;
  const columns = Object.fromEntries([...layout.columns.map((column) => [column.name, 'VARCHAR']), ['__winnow_extra', 'INTEGER']]);
  await engine.query(
    `SELECT count(__winnow_extra) AS n FROM read_csv(${literal(path)}, ${namedArguments({
      ...dialectArguments(layout),
      header: layout.header,
      columns,
      nullstr: NEVER_NULL,
      null_padding: true,
      parallel: false,
      hive_partitioning: false,
      store_rejects: true,
      rejects_table: scratch.errors,
      rejects_scan: scratch.scans,
    })})`,
  );
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${ident(scratch.lines)} AS
     SELECT line, ltrim(min(csv_line), chr(13) || chr(10)) AS raw FROM ${ident(scratch.errors)}
     WHERE line NOT IN (SELECT line FROM ${ident(rejectLines)} WHERE file_index = ${fileIndex})
     GROUP BY line;
     DROP TABLE IF EXISTS ${ident(scratch.errors)}; DROP TABLE IF EXISTS ${ident(scratch.scans)}`,
  );
  const [found] = await engine.query(`SELECT count(*) AS n FROM ${ident(scratch.lines)}`);
  return Number(found?.n);
}

/** Moves the wide records findWideRecords listed from the stage to the rejects; returns how many. */
export async function moveWideRecords(engine: Engine, input: WideRecordsInput): Promise<number> {
  const { file, fileIndex, layout, stage, rejectLines, exactLines, scratch } = input;
  const header = layout.header ? 1 : 0;
  // Each wide line's ordinal among the file's kept rows: from the exact numbering, or by the fast
  // rule (line less header, less rejected lines before it).
  const ordinal = exactLines
    ? `(SELECT x.ordinal FROM ${ident(exactLines)} AS x WHERE x.file_index = ${fileIndex} AND x.line = w.line)`
    : `w.line - ${header} - (SELECT count(*) FROM ${ident(rejectLines)} AS r WHERE r.file_index = ${fileIndex} AND r.line < w.line)`;
  await engine.run(`CREATE OR REPLACE TEMP TABLE ${ident(scratch.errors)} AS SELECT w.line, w.raw, ${ordinal} AS ordinal FROM ${ident(scratch.lines)} AS w`);
  await engine.run(`DROP TABLE ${ident(scratch.lines)}; ALTER TABLE ${ident(scratch.errors)} RENAME TO ${ident(scratch.lines)}`);
  const [found] = await engine.query(`SELECT count(*) AS n, count(ordinal) AS placed FROM ${ident(scratch.lines)}`);
  const wide = Number(found?.n);
  if (Number(found?.placed) !== wide) {
    throw new WinnowError(`found ${wide} records wider than the header of ${file} but could not place them among its rows`, { file }, 'internal');
  }
  await engine.run(
    `DELETE FROM ${ident(stage)} WHERE rowid IN (
       SELECT rowid FROM (
         SELECT rowid, row_number() OVER (ORDER BY rowid) AS ordinal FROM ${ident(stage)} WHERE ${ident(FILE_INDEX)} = ${fileIndex})
       WHERE ordinal IN (SELECT ordinal FROM ${ident(scratch.lines)}))`,
  );
  if (exactLines) {
    // The remaining kept rows are renumbered 1..n in line order, as the stage now has them.
    await engine.run(
      `DELETE FROM ${ident(exactLines)} WHERE file_index = ${fileIndex} AND line IN (SELECT line FROM ${ident(scratch.lines)});
       CREATE OR REPLACE TEMP TABLE ${ident(scratch.errors)} AS
         SELECT file_index, row_number() OVER (ORDER BY line) AS ordinal, line FROM ${ident(exactLines)} WHERE file_index = ${fileIndex};
       DELETE FROM ${ident(exactLines)} WHERE file_index = ${fileIndex};
       INSERT INTO ${ident(exactLines)} SELECT * FROM ${ident(scratch.errors)};
       DROP TABLE ${ident(scratch.errors)}`,
    );
  }
  const moved = await insertReadRejects(
    engine,
    input.source,
    `SELECT ${literal(file)} AS file, line, NULL AS field, 'TOO MANY COLUMNS' AS reason, raw FROM ${ident(scratch.lines)}`,
  );
  await engine.run(`INSERT INTO ${ident(rejectLines)} SELECT ${fileIndex}, line FROM ${ident(scratch.lines)}; DROP TABLE ${ident(scratch.lines)}`);
  return moved;
}
