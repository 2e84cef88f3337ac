/**
 * CSV and TSV sources, read by DuckDB's read_csv on any engine (duckdb-wasm included).
 *
 * Each file is sniffed on its own (csv-layout.ts), then read with its layout spelled out and
 * store_rejects on, into one stage table in file order. Records that do not parse (wrong number
 * of fields, bad quoting, invalid UTF-8, a value that does not fit its declared type, a record
 * over 16 MB) land in DuckDB's reject tables, one row per problem; they become one Winnow reject
 * per line. __winnow_line is DuckDB's line numbering for kept and rejected rows alike (see
 * csv-lines.ts for what it counts).
 *
 * Where DuckDB's reader falls short, this file makes up for it: UTF-16 with a byte order mark is
 * decoded, other non-UTF-8 text stops the run in one line (csv-first-line.ts); a record with extra
 * empty fields, which DuckDB keeps, is rejected (csv-wide-records.ts); a file that mixes LF and
 * CRLF, which DuckDB refuses whole, is read from a copy with one kind (csv-line-breaks.ts).
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import type { SourceOptions } from '../spec/types';
import type { Column } from '../table/column';
import { LINE, REJECTS_TABLE } from '../table/rejects';
import { ident, literal, typeName } from '../sql';
import { checkFirstLine } from './csv-first-line';
import { type CsvLayout, sniffCsvLayout } from './csv-layout';
import { COPY_KEY, isInvalidStateError, normalizedCopy } from './csv-line-breaks';
import { byteSurveyFor } from './csv-byte-survey';
import { type LineSurvey, exactKeptLines, surveyLines } from './csv-lines';
import { dialectArguments } from './csv-scan';
import { findWideRecords, moveWideRecords } from './csv-wide-records';
import { checkInputFiles } from './input-files';
import type { IngestResult, ResolvedSource } from './source';
import { ORDINAL, keptLines } from './kept-lines';
import { READ_STEP, insertReadRejects } from './read-rejects';
import type { Scratch } from './scratch';
import { type OptionValue, namedArguments } from './sql-options';
import { unionColumns } from './union-columns';
import { unreadable } from './unreadable';
import { FILE_INDEX, createWorkingTable, createWorkingView, dropWorkingRelation, fileLabels, workingDataTable } from './working-table';

/** Reads a CSV or TSV source into `table`; see the top of this file and ingest.ts. */
export async function ingestCsv(engine: Engine, source: ResolvedSource, table: string, scratch: Scratch): Promise<IngestResult> {
  const { files, options, format } = source;
  await checkInputFiles(engine, files, { allowEmpty: false, blankIsEmpty: true });

  const declared = declaredTypes(options);
  const layouts: CsvLayout[] = [];
  for (const file of files) {
    const encoding = await checkFirstLine(engine, file, options.header !== false, { errors: scratch.name('csv_errors'), scans: scratch.name('csv_scans') });
    try {
      const layout = await sniffCsvLayout(engine, file, format, options, encoding);
      layouts.push({ ...layout, columns: layout.columns.map((column) => ({ ...column, type: declared.get(column.name) ?? column.type })) });
    } catch (error) {
      throw unreadable(file, `cannot be read as ${format.toUpperCase()}`, error);
    }
  }
  const columnsPerFile: Column[][] = [];
  for (const [index, file] of files.entries()) {
    columnsPerFile.push(await describeRead(engine, file, format, readArguments(layouts[index] as CsvLayout, options)));
  }
  for (const name of declared.keys()) {
    if (!columnsPerFile.some((columns) => columns.some((column) => column.name === name))) {
      throw new WinnowError(`options.types names column "${name}", which no file of source "${source.name}" has`, { field: name }, 'spec');
    }
  }
  const columns = (await unionColumns(engine, columnsPerFile)).map((column) => ({ ...column, type: declared.get(column.name) ?? column.type }));
  const typeOf = new Map(columns.map((column) => [column.name, column.type]));

  // The rows land in the working view's data table; a file that needs more than the fast rule
  // to number its lines (see below) makes the working relation a table built from them instead.
  await dropWorkingRelation(engine, table);
  const stage = workingDataTable(table);
  const rejectLines = scratch.name('reject_lines');
  const exactLines = scratch.name('exact_lines');
  const errors = scratch.name('csv_errors');
  const scans = scratch.name('csv_scans');
  const sink = scratch.name('csv_sink');
  const columnList = columns.map((column) => `${ident(column.name)} ${typeName(column.type)}`);
  await engine.run(
    `CREATE TABLE ${ident(stage)} (${[...columnList, `${ident(FILE_INDEX)} INTEGER`].join(', ')});
     CREATE OR REPLACE TEMP TABLE ${ident(rejectLines)} (file_index INTEGER, line BIGINT);
     CREATE OR REPLACE TEMP TABLE ${ident(exactLines)} (file_index INTEGER, ordinal BIGINT, line BIGINT)`,
  );

  let rejected = 0;
  /**
   * Whether kept-lines.ts's fast rule numbers every file's rows (each line after the header holds
   * one record, kept or rejected) and the rows stayed as the read loaded them (none moved out).
   */
  let linesByRule = true;
  for (const [index, file] of files.entries()) {
    const layout = layouts[index] as CsvLayout;
    // The line survey from the file's bytes, taken while DuckDB reads it (see csv-byte-survey.ts).
    const byteSurvey = surveyBytes(engine, file, layout).catch(() => undefined);
    // Each file is read with the source's column types, so all files land alike in the stage.
    const asUnion = { ...layout, columns: layout.columns.map((column) => ({ ...column, type: typeOf.get(column.name) ?? column.type })) };
    const read = (path: string, overrides: Record<string, OptionValue> = {}, exclude = '') =>
      engine.run(
        `INSERT INTO ${ident(stage)} BY NAME
         SELECT *${exclude}, ${index} AS ${ident(FILE_INDEX)} FROM read_csv(${literal(path)}, ${namedArguments({
           ...readArguments(asUnion, options),
           ...overrides,
           store_rejects: true,
           rejects_table: errors,
           rejects_scan: scans,
         })})`,
      );
    // A file with mixed line breaks fails the read outright, or (with new_line spelled out) reads
    // short without a word, which the line survey finds: either way it is read again from a
    // copy with LF line breaks (csv-line-breaks.ts), after what the first read left is undone.
    let failure: unknown;
    try {
      await read(file);
    } catch (error) {
      if (!isInvalidStateError(error)) throw unreadable(file, `cannot be read as ${format.toUpperCase()}`, error);
      failure = error;
    }
    let fileRejected = failure === undefined ? await readFileRejects(file, index, layout, file, byteSurvey) : undefined;
    if (fileRejected === undefined) {
      linesByRule = false;
      await engine.run(
        `DROP TABLE IF EXISTS ${ident(errors)}; DROP TABLE IF EXISTS ${ident(scans)};
         DELETE FROM ${ident(stage)} WHERE ${ident(FILE_INDEX)} = ${index};
         DELETE FROM ${ident(rejectLines)} WHERE file_index = ${index};
         DELETE FROM ${ident(exactLines)} WHERE file_index = ${index};
         DELETE FROM ${ident(REJECTS_TABLE)} WHERE source = ${literal(source.name)} AND step = ${literal(READ_STEP)} AND file = ${literal(file)}`,
      );
      const copy = await normalizedCopy(engine, file, layout, `${stage}_${index}`, { errors, scans });
      // The copy is UTF-8 with LF line breaks, whatever the original was (DuckDB spells LF '\\n').
      const copyLayout: CsvLayout = { ...layout, newLine: '\\n', encoding: undefined };
      try {
        // The copy's partition folders give the original's columns, plus Winnow's own, left out.
        const hive = copy.hivePartitioned && options.hive_partitioning !== false;
        await read(copy.path, { ...dialectArguments(copyLayout), hive_partitioning: hive }, hive ? ` EXCLUDE (${ident(COPY_KEY)})` : '');
        fileRejected = await readFileRejects(file, index, copyLayout, copy.path);
      } catch (error) {
        throw unreadable(file, `cannot be read as ${format.toUpperCase()}`, failure ?? error);
      } finally {
        await copy.remove();
      }
      if (fileRejected === undefined) {
        throw new WinnowError(
          `${file} has records that neither a read of it nor of a copy with LF line breaks accounts for; stopping rather than losing rows`,
          { file },
          'internal',
        );
      }
    }
    rejected += fileRejected;
  }

  /**
   * Moves the file's parse failures to the rejects, and checks that every record of `path` (the
   * file or its copy) is accounted for: returns how many it rejected, or undefined when the read
   * kept and rejected fewer records than the file has.
   */
  async function readFileRejects(
    file: string,
    index: number,
    layout: CsvLayout,
    path: string,
    byteSurvey?: Promise<LineSurvey | undefined>,
  ): Promise<number | undefined> {
    let fileRejected = await insertReadRejects(engine, source.name, rejectsOf(errors, file));
    const [tooWide] = await engine.query(`SELECT count(DISTINCT line) AS n FROM ${ident(errors)} WHERE error_type = 'TOO MANY COLUMNS'`);
    await engine.run(`INSERT INTO ${ident(rejectLines)} SELECT DISTINCT ${index}, line FROM ${ident(errors)}`);
    await engine.run(`DROP TABLE IF EXISTS ${ident(errors)}; DROP TABLE IF EXISTS ${ident(scans)}`);

    const keptNow = async () => Number((await engine.query(`SELECT count(*) AS n FROM ${ident(stage)} WHERE ${ident(FILE_INDEX)} = ${index}`))[0]?.n);
    // The byte survey cuts records as DuckDB's strict read does (it gives up where their reading
    // of a quote could differ), so records DuckDB rejected for their fields or types count alike.
    const fromBytes = await byteSurvey;
    const survey = fromBytes ?? (await surveyLines(engine, path, layout, options.null_values ?? [''], { errors, scans }));
    if (survey.skipsBeforeRecords) linesByRule = false;
    const wideLines = scratch.name('wide_lines');
    const wideInput = { file, path, fileIndex: index, layout, rejectLines, scratch: { lines: wideLines, errors, scans } };
    const wide = survey.widerRecords > Number(tooWide?.n) ? await findWideRecords(engine, wideInput) : 0;
    // Wide records the read kept are moved out of the rows: rowid order then has gaps.
    if (wide) linesByRule = false;
    if (survey.skipsBeforeRecords) {
      const kept = await keptNow();
      await exactKeptLines(engine, path, index, layout, kept, { rejectLines, exactLines, sink, errors, scans, wideLines: wide ? wideLines : undefined });
    }
    if (wide) {
      const exact = survey.skipsBeforeRecords ? exactLines : undefined;
      fileRejected += await moveWideRecords(engine, { ...wideInput, source: source.name, stage, exactLines: exact });
    }
    // DuckDB can drop records without a word (with new_line given, a file that also has the other
    // kind of line break reads as no rows at all): a read must account for every record the
    // survey found. It may account for more: the survey's lenient scan can take a stray quote
    // for the start of a quoted value and run two lines into one record, which the read splits.
    const header = layout.header ? 1 : 0;
    return survey.records <= header + (await keptNow()) + fileRejected ? fileRejected : undefined;
  }

  const dataColumns = columns.map((column) => column.name);
  const keptBefore = linesByRule ? await keptBeforeRejects(rejectLines, layouts) : undefined;
  if (keptBefore) {
    // The fast rule: kept row k of a file is on line k + its header lines + the rejected lines before it.
    const { schema, kept } = await createWorkingView(engine, table, {
      data: stage,
      dataColumns,
      files: fileLabels(source),
      linesBefore: layouts.map((layout) => (layout.header ? 1 : 0)),
      keptBeforeRejects: keptBefore,
    });
    return { table, read: kept + rejected, kept, rejected, schema, rowidNumbered: true };
  }
  /**
   * For each file, how many kept rows come before each of its rejected lines, when there are few
   * enough of those for the working view to add them up per row (see createWorkingView); else
   * undefined, and the rows are numbered into a table below.
   */
  async function keptBeforeRejects(lines: string, fileLayouts: CsvLayout[]): Promise<number[][] | undefined> {
    const found = await engine.query(`SELECT file_index, line FROM ${ident(lines)} ORDER BY file_index, line LIMIT ${MAX_REJECTED_LINES_IN_VIEW + 1}`);
    if (found.length > MAX_REJECTED_LINES_IN_VIEW) return undefined;
    const perFile: number[][] = fileLayouts.map(() => []);
    for (const row of found) {
      const index = Number(row.file_index);
      const own = perFile[index]!;
      own.push(Number(row.line) - (fileLayouts[index]!.header ? 1 : 0) - (own.length + 1));
    }
    return perFile;
  }

  // Kept rows in stage (rowid) order, numbered within their file; exactLines wins where filled.
  const ordered = `SELECT *, row_number() OVER (PARTITION BY ${ident(FILE_INDEX)} ORDER BY rowid) AS ${ident(ORDINAL)} FROM ${ident(stage)}`;
  const numbered = keptLines({ kept: ordered, rejectLines, headerLines: layouts.map((layout) => (layout.header ? 1 : 0)) });
  const rows = `SELECT n.* EXCLUDE (${ident(ORDINAL)}, ${ident(LINE)}), COALESCE(x.line, n.${ident(LINE)}) AS ${ident(LINE)}
    FROM (${numbered}) AS n
    LEFT JOIN ${ident(exactLines)} AS x ON x.file_index = n.${ident(FILE_INDEX)} AND x.ordinal = n.${ident(ORDINAL)}`;
  const { schema, kept } = await createWorkingTable(engine, table, rows, fileLabels(source), dataColumns);
  return { table, read: kept + rejected, kept, rejected, schema };
}

/**
 * Rejected lines a working view numbers rows around; more make a table (kept-lines.ts). Each
 * costs one comparison per row wherever __winnow_line is read (a step that copies the table):
 * 64 of them cost about as much as the copy itself on 5M rows, and the table costs 3x the read.
 */
const MAX_REJECTED_LINES_IN_VIEW = 64;

/**
 * The byte survey of `file` (csv-byte-survey.ts), streamed while the caller's read runs; resolves
 * undefined when the engine cannot stream files or the survey gave up.
 */
async function surveyBytes(engine: Engine, file: string, layout: CsvLayout): Promise<LineSurvey | undefined> {
  const survey = byteSurveyFor(layout);
  if (!survey || !engine.readBytes) return undefined;
  await engine.readBytes(file, (chunk) => survey.push(chunk));
  return survey.finish();
}

/** The read_csv arguments of the read itself (without the reject tables). */
function readArguments(layout: CsvLayout, options: SourceOptions): Record<string, OptionValue | undefined> {
  return {
    ...dialectArguments(layout),
    header: layout.header,
    columns: Object.fromEntries(layout.columns.map((column) => [column.name, typeName(column.type)])),
    nullstr: options.null_values,
    dateformat: options.dateformat ?? layout.dateFormat,
    timestampformat: options.timestampformat ?? layout.timestampFormat,
    hive_partitioning: options.hive_partitioning !== false,
    // strict_mode is left at its default, which is strict: set explicitly to true, DuckDB 1.4.3
    // reads a CRLF file as no rows and no errors.
  };
}

/** The columns a read gives: the file's own, then any hive partition columns from its path. */
async function describeRead(engine: Engine, file: string, format: string, args: Record<string, OptionValue | undefined>): Promise<Column[]> {
  try {
    const rows = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_csv(${literal(file)}, ${namedArguments(args)}))`);
    return rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  } catch (error) {
    throw unreadable(file, `cannot be read as ${format.toUpperCase()}`, error);
  }
}

/** options.types with each type checked before it reaches SQL. */
function declaredTypes(options: SourceOptions): Map<string, string> {
  const declared = new Map<string, string>();
  for (const [name, type] of Object.entries(options.types ?? {})) {
    try {
      declared.set(name, typeName(type));
    } catch {
      throw new WinnowError(`options.types gives column "${name}" the type ${JSON.stringify(type)}, which is not a SQL type name`, { field: name }, 'spec');
    }
  }
  return declared;
}

/**
 * One reject per rejected line of DuckDB's reject table: every problem type of the line (one line
 * can have several: one MISSING COLUMNS row per missing column), the columns concerned, and the
 * raw text. DuckDB's raw text of a line that follows a blank line or a CRLF line break starts
 * with those line breaks; they are not part of the record.
 */
function rejectsOf(errors: string, file: string): string {
  return `SELECT ${literal(file)} AS file, line,
                 string_agg(column_name, ', ' ORDER BY column_idx) AS field,
                 string_agg(DISTINCT error_type::VARCHAR, ', ' ORDER BY error_type::VARCHAR) AS reason,
                 ltrim(min(csv_line), chr(13) || chr(10)) AS raw
          FROM ${ident(errors)} GROUP BY line`;
}
