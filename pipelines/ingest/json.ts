/**
 * JSON sources (format 'json'): each file one JSON document, an array of objects (or objects one
 * after another), read by read_json (native engine only). A document either parses or it does
 * not, so a malformed file stops the run naming it; for bad lines to become rejects one by one,
 * a file must be NDJSON (format 'ndjson', see ndjson.ts). __winnow_line is the row's 1-based
 * number within its file.
 *
 * Types are detected MAX_JSON_DEPTH levels deep, deeper values staying JSON text (json-depth.ts).
 */
import type { Engine } from '../engine/engine';
import { LINE } from '../table/rejects';
import { ident, literal } from '../sql';
import { MAX_LINE_SIZE } from './csv-layout';
import { MAX_JSON_DEPTH } from './json-depth';
import { typeAllNullJsonAsText } from './all-null-json';
import { checkInputFiles } from './input-files';
import type { IngestResult, ResolvedSource } from './source';
import type { Scratch } from './scratch';
import { fileList } from './sql-options';
import { firstUnreadable } from './unreadable';
import { FILE_INDEX, createWorkingTable, fileLabels } from './working-table';

/** Reads a JSON source into `table`; see the top of this file and ingest.ts. */
export async function ingestJson(engine: Engine, source: ResolvedSource, table: string, scratch: Scratch): Promise<IngestResult> {
  const { files, options } = source;
  await checkInputFiles(engine, files, { allowEmpty: false, blankIsEmpty: false });
  const stage = scratch.name('stage');
  const hive = options.hive_partitioning !== false;
  const scan = `read_json(${fileList(files)}, union_by_name=true, maximum_object_size=${MAX_LINE_SIZE}, maximum_depth=${MAX_JSON_DEPTH}, hive_partitioning=${literal(hive)})`;
  try {
    // read_json has no row number of its own: the stage's rowid order is file order.
    await engine.run(`CREATE OR REPLACE TEMP TABLE ${ident(stage)} AS SELECT *, file_index AS ${ident(FILE_INDEX)} FROM ${scan}`);
  } catch (error) {
    throw await firstUnreadable(
      engine,
      files,
      (file) => `read_json(${literal(file)}, maximum_object_size=${MAX_LINE_SIZE}, maximum_depth=${MAX_JSON_DEPTH})`,
      'JSON',
      scratch.name('probe'),
      error,
    );
  }
  await typeAllNullJsonAsText(engine, stage);
  const described = await engine.query(`SELECT column_name FROM (DESCRIBE ${ident(stage)})`);
  const dataColumns = described.map((row) => String(row.column_name)).filter((name) => name !== FILE_INDEX);
  const rows = `SELECT *, row_number() OVER (PARTITION BY ${ident(FILE_INDEX)} ORDER BY rowid) AS ${ident(LINE)} FROM ${ident(stage)}`;
  const { schema, kept } = await createWorkingTable(engine, table, rows, fileLabels(source), dataColumns);
  return { table, read: kept, kept, rejected: 0, schema };
}
