/**
 * Checks, before any reader runs, that every input file exists and is not empty, so that such a
 * file stops the run with a message naming it rather than with whatever the reader makes of it
 * (DuckDB's CSV reader, for one, reads an empty file as one VARCHAR column and no rows).
 * read_blob is a core function, so this works on every engine.
 */
import type { Engine } from '../engine/engine';
import { literal } from '../sql';
import { fileList } from './sql-options';
import { unreadable } from './unreadable';

/** Files at most this long are also checked for holding nothing but blank lines. */
const BLANK_CHECK_LIMIT = 64 * 1024;

export interface InputFileRules {
  /** Whether a zero-byte file is a valid input (NDJSON: zero lines is zero rows). */
  allowEmpty: boolean;
  /** Whether a file of blank lines only counts as empty (CSV: it has no header either). */
  blankIsEmpty: boolean;
}

/** Throws a WinnowError (kind 'input') naming the first file that is missing or empty under `rules`. */
export async function checkInputFiles(engine: Engine, files: readonly string[], rules: InputFileRules): Promise<void> {
  const rows = await engine.query(`SELECT filename, size FROM read_blob(${fileList(files)})`);
  const sizes = new Map(rows.map((row) => [String(row.filename), Number(row.size)]));
  for (const file of files) {
    const size = sizes.get(file);
    if (size === undefined) throw unreadable(file, 'does not exist or is not a file');
    if (rules.allowEmpty) continue;
    if (size === 0) throw unreadable(file, 'is empty (0 bytes): it has no header and no rows');
    if (rules.blankIsEmpty && size <= BLANK_CHECK_LIMIT && (await isBlank(engine, file))) {
      throw unreadable(file, 'holds only blank lines: it has no header and no rows');
    }
  }
}

/** Whether the file is whitespace and line breaks only (a UTF-8 byte order mark aside). */
async function isBlank(engine: Engine, file: string): Promise<boolean> {
  const [row] = await engine.query(`SELECT regexp_full_match(hex(content), '(EFBBBF)?(0A|0D|20|09)*') AS blank FROM read_blob(${literal(file)})`);
  return row?.blank === true;
}
