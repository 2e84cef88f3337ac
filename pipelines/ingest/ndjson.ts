/**
 * NDJSON sources (format 'ndjson': one JSON object per line), native engine only.
 *
 * Each file is first read a physical line at a time (read_csv with no quoting and a delimiter
 * that valid JSON never holds: a raw control character; a line that holds it is not JSON, and
 * its raw text in the reject stops there), which numbers the lines exactly and turns invalid
 * UTF-8 into rejects. Every other line is blank (skipped, as read_json skips it), a JSON object, or not valid
 * JSON (a reject, reason 'INVALID JSON'). The objects are then read by read_json, which gives the
 * same column types as a JSON source, and paired with their lines in order: read_json gives one
 * row per non-blank line, an all-NULL one for a line it cannot parse (with ignore_errors).
 * __winnow_line is the physical line, 1-based, blank lines counted.
 *
 * A line that is valid JSON but not an object (an array, a number) stops the run: read_json
 * then reads every line as one JSON value instead of as columns, so the file cannot be read as
 * rows at all.
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { LINE } from '../table/rejects';
import type { Column } from '../table/column';
import { describedTypeName, ident, literal } from '../sql';
import { LINE_DELIMITER, MAX_LINE_SIZE } from './csv-layout';
import { MAX_JSON_DEPTH } from './json-depth';
import { typeAllNullJsonAsText } from './all-null-json';
import { checkInputFiles } from './input-files';
import type { IngestResult, ResolvedSource } from './source';
import { ORDINAL, keptLines } from './kept-lines';
import { insertReadRejects } from './read-rejects';
import type { Scratch } from './scratch';
import { namedArguments } from './sql-options';
import { unionColumns } from './union-columns';
import { unreadable } from './unreadable';
import { FILE_INDEX, createWorkingTable, fileLabels } from './working-table';

/** json_type()'s answers in words, for the error on a line that is not an object (else: a number). */
const VALUE_KINDS: Record<string, string> = { ARRAY: 'an array', VARCHAR: 'a string', BOOLEAN: 'a boolean', NULL: 'null' };

/** Whitespace that JSON allows around a value (the line break itself is already gone). */
const JSON_WHITESPACE = `' ' || chr(9) || chr(13)`;

/** Reads an NDJSON source into `table`; see the top of this file and ingest.ts. */
export async function ingestNdjson(engine: Engine, source: ResolvedSource, table: string, scratch: Scratch): Promise<IngestResult> {
  const { files } = source;
  // Zero lines is a valid NDJSON file: it adds no rows.
  await checkInputFiles(engine, files, { allowEmpty: true, blankIsEmpty: false });
  const lines = scratch.name('ndjson_lines');
  const rejectLines = scratch.name('reject_lines');
  const classified = scratch.name('ndjson_classified');
  const errors = scratch.name('ndjson_errors');
  const scans = scratch.name('ndjson_scans');
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${ident(lines)} (${ident(FILE_INDEX)} INTEGER, text VARCHAR);
     CREATE OR REPLACE TEMP TABLE ${ident(rejectLines)} (file_index INTEGER, line BIGINT)`,
  );

  let rejected = 0;
  for (const [index, file] of files.entries()) {
    try {
      await engine.run(
        `INSERT INTO ${ident(lines)} SELECT ${index}, text FROM read_csv(${literal(file)}, ${namedArguments({
          columns: { text: 'VARCHAR' },
          header: false,
          auto_detect: false,
          delim: LINE_DELIMITER,
          quote: '',
          escape: '',
          comment: '',
          strict_mode: false,
          // As CRLF, both CRLF and a lone LF end a line; left to detection, a file whose first
          // break is LF reads each later CRLF as two breaks, and every line after it is misnumbered.
          new_line: '\\r\\n',
          max_line_size: MAX_LINE_SIZE,
          store_rejects: true,
          rejects_table: errors,
          rejects_scan: scans,
        })})`,
      );
    } catch (error) {
      throw unreadable(file, 'cannot be read as NDJSON', error);
    }
    rejected += await insertReadRejects(
      engine,
      source.name,
      `SELECT ${literal(file)} AS file, line, NULL AS field, string_agg(DISTINCT error_type::VARCHAR, ', ') AS reason, min(csv_line) AS raw
       FROM ${ident(errors)} GROUP BY line`,
    );
    await engine.run(
      `INSERT INTO ${ident(rejectLines)} SELECT DISTINCT ${index}, line FROM ${ident(errors)};
       DROP TABLE IF EXISTS ${ident(errors)}; DROP TABLE IF EXISTS ${ident(scans)}`,
    );
  }

  // Lines that read are numbered around the ones that did not (no header: every line counts).
  const numbered = keptLines({
    kept: `SELECT *, row_number() OVER (PARTITION BY ${ident(FILE_INDEX)} ORDER BY rowid) AS ${ident(ORDINAL)} FROM ${ident(lines)}`,
    rejectLines,
    headerLines: files.map(() => 0),
  });
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${ident(classified)} AS
     SELECT ${ident(FILE_INDEX)} AS file_index, ${ident(LINE)} AS line, text,
            CASE WHEN text IS NULL OR trim(text, ${JSON_WHITESPACE}) = '' THEN 'blank'
                 WHEN NOT json_valid(text) THEN 'invalid'
                 ELSE json_type(text) END AS kind
     FROM (${numbered})`,
  );
  const [notObject] = await engine.query(
    `SELECT file_index, line, kind FROM ${ident(classified)} WHERE kind NOT IN ('blank', 'invalid', 'OBJECT') ORDER BY file_index, line LIMIT 1`,
  );
  if (notObject) {
    const file = files[Number(notObject.file_index)] as string;
    const what = VALUE_KINDS[String(notObject.kind)] ?? 'a number';
    throw new WinnowError(
      `${file} line ${Number(notObject.line)} holds ${what}, not a JSON object: each line of an NDJSON file must be one object`,
      { file, line: Number(notObject.line) },
      'input',
    );
  }
  for (const [index, file] of files.entries()) {
    rejected += await insertReadRejects(
      engine,
      source.name,
      `SELECT ${literal(file)} AS file, line, NULL AS field, 'INVALID JSON' AS reason, text AS raw
       FROM ${ident(classified)} WHERE file_index = ${index} AND kind = 'invalid'`,
    );
  }

  const perFile = await readObjects(engine, source, scratch, classified, rejectLines);
  const columns = await unionColumns(
    engine,
    perFile.map((file) => file.columns),
  );
  const stage = scratch.name('stage');
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${ident(stage)} (${[
      ...columns.map((column) => `${ident(column.name)} ${describedTypeName(column.type)}`),
      `${ident(FILE_INDEX)} INTEGER`,
      `${ident(LINE)} BIGINT`,
    ].join(', ')})`,
  );
  for (const { index, table: objects } of perFile) {
    // The k-th row read_json gave is the k-th line that is neither blank nor missing from `lines`.
    await engine.run(
      `INSERT INTO ${ident(stage)} BY NAME
       SELECT o.* EXCLUDE (${ident(ORDINAL)}), ${index} AS ${ident(FILE_INDEX)}, r.line AS ${ident(LINE)}
       FROM (SELECT *, row_number() OVER (ORDER BY rowid) AS ${ident(ORDINAL)} FROM ${ident(objects)}) AS o
       JOIN (${recordsOf(classified, rejectLines, index)}) AS r ON r.ordinal = o.${ident(ORDINAL)}
       WHERE r.kind = 'OBJECT'`,
    );
  }
  await typeAllNullJsonAsText(engine, stage);
  const { schema, kept } = await createWorkingTable(
    engine,
    table,
    `SELECT * FROM ${ident(stage)}`,
    fileLabels(source),
    columns.map((column) => column.name),
  );
  return { table, read: kept + rejected, kept, rejected, schema };
}

/** The lines of one file that read_json gives a row for, numbered in order, with their kind. */
function recordsOf(classified: string, rejectLines: string, index: number): string {
  return `SELECT line, kind, row_number() OVER (ORDER BY line) AS ordinal FROM (
            SELECT line, kind FROM ${ident(classified)} WHERE file_index = ${index} AND kind <> 'blank'
            UNION ALL SELECT line, 'unreadable' FROM ${ident(rejectLines)} WHERE file_index = ${index})`;
}

/** Reads each file that has objects with read_json into a table of its own, in line order. */
async function readObjects(
  engine: Engine,
  source: ResolvedSource,
  scratch: Scratch,
  classified: string,
  rejectLines: string,
): Promise<{ index: number; table: string; columns: Column[] }[]> {
  const read: { index: number; table: string; columns: Column[] }[] = [];
  for (const [index, file] of source.files.entries()) {
    const [counts] = await engine.query(
      `SELECT count(*) FILTER (WHERE kind = 'OBJECT') AS objects, count(*) AS records FROM (${recordsOf(classified, rejectLines, index)})`,
    );
    const objects = Number(counts?.objects);
    const records = Number(counts?.records);
    if (objects === 0) continue;
    const table = scratch.name(`ndjson_objects_${index}`);
    // ignore_errors (newline_delimited only) turns a bad line into an all-NULL row; a clean file
    // is read with format auto, which unlike newline_delimited accepts a byte order mark.
    const format = objects === records ? { format: 'auto' } : { format: 'newline_delimited', ignore_errors: true };
    try {
      await engine.run(
        `CREATE OR REPLACE TEMP TABLE ${ident(table)} AS SELECT * FROM read_json(${literal(file)}, ${namedArguments({
          ...format,
          maximum_object_size: MAX_LINE_SIZE,
          maximum_depth: MAX_JSON_DEPTH,
          hive_partitioning: source.options.hive_partitioning !== false,
        })})`,
      );
    } catch (error) {
      throw unreadable(file, 'cannot be read as NDJSON', error);
    }
    const [count] = await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`);
    if (Number(count?.n) !== records) {
      throw new WinnowError(`read_json gave ${Number(count?.n)} rows for the ${records} lines of ${file}; cannot pair rows with lines`, { file }, 'internal');
    }
    const described = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(table)})`);
    read.push({ index, table, columns: described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) })) });
  }
  return read;
}
