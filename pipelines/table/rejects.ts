/**
 * The dead letter: every row that does not go on, with why and where it came from.
 * One table per run, written to DIR/rejects.parquet by the runner.
 */
import type { Engine } from '../engine/engine';

export const REJECTS_TABLE = '__winnow_rejects';

/** Winnow's own columns on every working table, in this order. */
export const ROW = '__winnow_row';
export const FILE = '__winnow_file';
export const LINE = '__winnow_line';
export const BASE_INTERNAL_COLUMNS = [ROW, FILE, LINE];

/** Whether a column name is one of Winnow's own bookkeeping columns. */
export function isInternalColumn(name: string): boolean {
  return name.startsWith('__winnow_');
}

/**
 * Columns of the rejects output:
 * - source: the spec's source name
 * - file: the input file (path as given in the manifest's inputs)
 * - line: the line number in that file for text formats (1-based, the header is line 1),
 *   the row number within the file for Parquet/Arrow/JSON arrays
 * - row: Winnow's row number (1-based, in file order) when the row was parsed, else NULL
 * - step: the step id that rejected the row, or 'read' for rows that could not be parsed
 * - field: the column concerned, when one is
 * - reason: why, in words (DuckDB's error type for parse failures: 'CAST', 'TOO MANY COLUMNS', ...)
 * - raw: the raw text of the line for parse failures; the row as text otherwise
 */
export async function createRejectsTable(engine: Engine): Promise<void> {
  await engine.run(
    `CREATE OR REPLACE TABLE ${REJECTS_TABLE} (source VARCHAR, file VARCHAR, line BIGINT, "row" BIGINT, step VARCHAR, field VARCHAR, reason VARCHAR, raw VARCHAR)`,
  );
}
