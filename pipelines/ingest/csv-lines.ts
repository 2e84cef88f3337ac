/**
 * Line numbers of the rows a CSV scan kept, and a count of the file's records to check the scan
 * against.
 *
 * DuckDB reports a line for each rejected record, and no line for kept ones. Its line is 1-based,
 * counts the header, and counts every line break outside quoted values, blank lines included: so
 * it is the physical line unless an earlier quoted value spans lines. Kept rows get a line in the
 * same numbering, so a kept row and a rejected one can be compared.
 *
 * Records come one per line, in file order (rowid order of the stage table, which DuckDB keeps
 * with preserve_insertion_order). When the only lines that are not kept records are the header
 * and the rejected ones, kept-lines.ts numbers kept rows from their order alone: the fast rule.
 * It breaks when a blank line comes before a record: DuckDB skips blank lines in files of more
 * than one column, yet counts them. surveyLines() tells such files apart with two cheap
 * single-column scans; for those, exactKeptLines() learns every record's line from DuckDB
 * itself, by scanning with one column too many so that each record is reported as a reject. That
 * is slow (roughly 10 us a record), so only those files pay for it.
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { ident, literal } from '../sql';
import type { CsvLayout } from './csv-layout';
import { dialectArguments } from './csv-scan';
import { namedArguments } from './sql-options';

/** A null string no field holds, so that an empty field reads as '' rather than NULL. */
const NEVER_NULL = '\u001fwinnow:never-null\u001f';

export interface LineSurvey {
  /** Records in the file, the header and rejected ones included, blank lines not (unless they are rows). */
  records: number;
  /** Whether a blank line that the read skips comes before one of the file's records. */
  skipsBeforeRecords: boolean;
  /** Records after the header with more fields than the layout has columns, empty ones included. */
  widerRecords: number;
}

/**
 * Scans the file as one lenient column, where each record or blank line is one row, numbered by
 * WITH ORDINALITY. With '' as the null string a blank line reads as a NULL row; with none it is
 * skipped. A record whose first field is empty reads as NULL in the first scan and '' in the
 * second. Lines the lenient scan cannot read (invalid UTF-8 in the first field) are counted from
 * its reject table. `nullStrings` are the read's: a single-column file whose null strings include
 * '' reads blank lines as NULL rows, so it skips none.
 *
 * The second scan also has one column more than the layout, NULL where a record has no such
 * field (null_padding) and '' where it has an empty one: it counts the records wider than the
 * header. DuckDB's read keeps a record whose extra fields are all empty, as if they were not
 * there ("1,2,," under "a,b"); csv.ts rejects those. null_padding needs a serial scan when a
 * quoted value spans lines; WITH ORDINALITY makes the scan serial anyway (measured: the same
 * time as the parallel one-column scan on 3M rows).
 */
export async function surveyLines(
  engine: Engine,
  file: string,
  layout: CsvLayout,
  nullStrings: readonly string[],
  scratch: { errors: string; scans: string },
): Promise<LineSurvey> {
  const headerLines = layout.header ? 1 : 0;
  const scan = async (nullstr: string | undefined, columns: Record<string, string>) => {
    const [row] = await engine.query(
      `SELECT count(*) AS total, max(ordinality) FILTER (WHERE field <> '') AS last_filled,
              ${'extra' in columns ? `count(extra) FILTER (WHERE ordinality > ${headerLines})` : '0'} AS wider
       FROM read_csv(${literal(file)}, ${namedArguments({
         ...dialectArguments(layout),
         columns,
         header: false,
         strict_mode: false,
         nullstr,
         ...('extra' in columns ? { null_padding: true, parallel: false } : {}),
         store_rejects: true,
         rejects_table: scratch.errors,
         rejects_scan: scratch.scans,
       })}) WITH ORDINALITY`,
    );
    const [unread] = await engine.query(`SELECT count(DISTINCT line) AS n FROM ${ident(scratch.errors)}`);
    await engine.run(`DROP TABLE IF EXISTS ${ident(scratch.errors)}; DROP TABLE IF EXISTS ${ident(scratch.scans)}`);
    return { total: Number(row?.total) + Number(unread?.n), lastFilled: Number(row?.last_filled ?? 0), wider: Number(row?.wider ?? 0) };
  };
  const withBlanks = await scan(undefined, { field: 'VARCHAR' });
  // field, the layout's other columns, then extra (names need only be distinct).
  const wide = Object.fromEntries([['field', 'VARCHAR'], ...layout.columns.slice(1).map((_, index) => [`c${index + 1}`, 'VARCHAR']), ['extra', 'VARCHAR']]);
  const records = await scan(NEVER_NULL, wide);
  if (layout.columns.length === 1 && nullStrings.includes('')) {
    return { records: withBlanks.total, skipsBeforeRecords: false, widerRecords: records.wider };
  }
  // Blank lines are harmless if all of them come after the last record: none before the last
  // record with a first field, and no record with an empty one after it.
  const blanksBeforeLastFilled = withBlanks.lastFilled - records.lastFilled;
  const recordsAfterLastFilled = records.total - records.lastFilled;
  return {
    records: records.total,
    skipsBeforeRecords: withBlanks.total !== records.total && (blanksBeforeLastFilled > 0 || recordsAfterLastFilled > 0),
    widerRecords: records.wider,
  };
}

export interface ExactLinesTables {
  /** (file_index, line): the lines of this ingest's rejected records. */
  rejectLines: string;
  /** (file_index, ordinal, line): filled here for the file. */
  exactLines: string;
  /** (line): lines of records the read kept that the scan below does not report (csv-wide-records.ts); optional. */
  wideLines?: string;
  /** Scratch names for the scan's output and DuckDB's reject tables. */
  sink: string;
  errors: string;
  scans: string;
}

/**
 * Fills `exactLines` with the line of each kept row of the file: a scan with one extra VARCHAR
 * column reports every record of the file's width as MISSING COLUMNS, with its line. The records
 * it keeps (one field too many) were rejected by the read, whose lines are known; so the kept
 * rows' lines are the reported lines less the rejected ones, in order.
 */
export async function exactKeptLines(
  engine: Engine,
  file: string,
  fileIndex: number,
  layout: CsvLayout,
  keptRows: number,
  tables: ExactLinesTables,
): Promise<void> {
  const columns = Object.fromEntries([...layout.columns.map((column) => [column.name, 'VARCHAR']), ['__winnow_extra', 'VARCHAR']]);
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${ident(tables.sink)} AS SELECT * FROM read_csv(${literal(file)}, ${namedArguments({
      ...dialectArguments(layout),
      header: layout.header,
      columns,
      hive_partitioning: false,
      store_rejects: true,
      rejects_table: tables.errors,
      rejects_scan: tables.scans,
    })})`,
  );
  await engine.run(
    `INSERT INTO ${ident(tables.exactLines)}
     SELECT ${fileIndex}, row_number() OVER (ORDER BY line), line FROM (
       (SELECT DISTINCT line FROM ${ident(tables.errors)}${tables.wideLines ? ` UNION SELECT line FROM ${ident(tables.wideLines)}` : ''})
       EXCEPT SELECT line FROM ${ident(tables.rejectLines)} WHERE file_index = ${fileIndex})`,
  );
  const [row] = await engine.query(`SELECT count(*) AS n FROM ${ident(tables.exactLines)} WHERE file_index = ${fileIndex}`);
  if (Number(row?.n) !== keptRows) {
    throw new WinnowError(`found ${Number(row?.n)} lines for the ${keptRows} rows read from ${file}; cannot number its rows`, { file }, 'internal');
  }
  for (const name of [tables.sink, tables.errors, tables.scans]) await engine.run(`DROP TABLE IF EXISTS ${ident(name)}`);
}
