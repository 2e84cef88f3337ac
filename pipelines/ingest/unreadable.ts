/**
 * The error for an input file that cannot be read at all: one line that names the file and
 * says what is wrong, with the engine's own words (first line only) when it gave any.
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { ident } from '../sql';

/** `<file> <problem>: <engine's first line>` as an input error placed at the file. */
export function unreadable(file: string, problem: string, cause?: unknown): WinnowError {
  const detail = cause === undefined ? '' : `: ${firstLine(cause)}`;
  return new WinnowError(`${file} ${problem}${detail}`, { file }, 'input');
}

/**
 * After a multi-file read failed with `error`: the error naming the first file that does not
 * read on its own (DuckDB's message does not always name it). `read(file)` is the table
 * function call that reads one file; `probe` a scratch table name.
 */
export async function firstUnreadable(
  engine: Engine,
  files: readonly string[],
  read: (file: string) => string,
  what: string,
  probe: string,
  error: unknown,
): Promise<WinnowError> {
  for (const file of files) {
    try {
      await engine.run(`CREATE OR REPLACE TEMP TABLE ${ident(probe)} AS SELECT * FROM ${read(file)}`);
    } catch (fileError) {
      return unreadable(file, `cannot be read as ${what}`, fileError);
    }
  }
  return unreadable(files.join(', '), `cannot be read together as ${what}`, error);
}

function firstLine(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.split('\n', 1)[0]?.trim() ?? '';
}
