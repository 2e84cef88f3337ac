/**
 * Files whose lines end in both LF and CRLF. DuckDB 1.4.3's strict CSV reader cannot read them:
 * one CRLF in an LF file (or the reverse) stops the whole read with "The CSV Parser state
 * machine reached an invalid state", and with new_line spelled out it reads no rows at all
 * (measured). Its lenient mode reads them, but keeps what strict mode rejects (stray quotes,
 * extra fields), so it is no way out.
 *
 * What works: a copy of the file with every line break written as LF, read strictly in the
 * original's place. The copy is made by DuckDB (a lenient scan of raw lines, written back with
 * COPY) under the engine's temp directory, only for a file whose strict read failed that way:
 * well-formed files never pay for it. duckdb-wasm has no temp directory on disk, so there such a
 * file stops the run with one line that says so. Line numbers stay the original's (one break is one break),
 * and rejects and rows still name the original file. Two things differ, both DuckDB's:
 * - a line break inside a quoted value reads as LF, whatever it was in the file;
 * - a lone CR (neither LF nor CRLF) is a line break to the line scan, which also drops the
 *   character after it; no reader here can tell such a file apart cheaply.
 * Lines the line scan cannot read (invalid UTF-8, over 16 MB) would vanish from the copy, so a
 * file with those as well as mixed line breaks stops the run, naming the file and the first line.
 */
import type { Engine } from '../engine/engine';
import { LINE_DELIMITER, MAX_LINE_SIZE } from './csv-layout';
import type { CsvLayout } from './csv-layout';
import { ident, literal } from '../sql';
import { namedArguments } from './sql-options';
import { unreadable } from './unreadable';

/** Whether a read failed on mixed line breaks (or on anything else DuckDB's state machine refuses). */
export function isInvalidStateError(error: unknown): boolean {
  return error instanceof Error && error.message.includes('state machine reached an invalid state');
}

/** The partition folder key each copy sits under (`<temp>/__winnow_lf=<name>/...`); reads of a copy leave it out. */
export const COPY_KEY = '__winnow_lf';

/** A copy of a file with LF line breaks, and how to delete it. */
export interface NormalizedCopy {
  path: string;
  /** Whether the original sits in key=value folders, which the copy's path repeats (else it is read without hive partitioning). */
  hivePartitioned: boolean;
  remove(): Promise<void>;
}

/**
 * Writes `file` with LF line breaks under the engine's temp directory, in folders named like
 * its hive partition folders (so a read of the copy finds the same partition columns). `name`
 * is unique to this ingest and file.
 */
export async function normalizedCopy(
  engine: Engine,
  file: string,
  layout: CsvLayout,
  name: string,
  scratch: { errors: string; scans: string },
): Promise<NormalizedCopy> {
  const [setting] = await engine.query(`SELECT current_setting('temp_directory') AS folder`);
  const temp = String(setting?.folder ?? '').replace(/[\\/]+$/, '');
  if (temp === '') {
    // duckdb-wasm has no temp folder on disk (its temp_directory is empty).
    throw unreadable(
      file,
      `mixes LF and CRLF line breaks; reading it needs a copy with one kind, and the ${engine.name} engine has no temp folder to write one (winnow run reads it)`,
    );
  }
  const lines = `read_csv(${literal(file)}, ${namedArguments({
    columns: { line: 'VARCHAR' },
    header: false,
    auto_detect: false,
    delim: LINE_DELIMITER,
    quote: '',
    escape: '',
    comment: '',
    strict_mode: false,
    // Spelled out: left to detection, a file whose first break is LF has each CRLF read as two
    // breaks (a blank line more). As CRLF, both CRLF and a lone LF end a line.
    new_line: '\\r\\n',
    max_line_size: MAX_LINE_SIZE,
    encoding: layout.encoding,
    store_rejects: true,
    rejects_table: scratch.errors,
    rejects_scan: scratch.scans,
  })})`;
  // PARTITION_BY makes the folders COPY writes into (DuckDB makes no others, and the temp folder
  // may not exist yet): one of Winnow's own, then the key=value folders of the original path, so
  // a read of the copy finds the same partition columns.
  const partitions = hivePartitions(file);
  const keys: [string, string][] = [[COPY_KEY, name], ...partitions];
  const values = keys.map(([key, value]) => `${literal(value)} AS ${ident(key)}`).join(', ');
  const partitionBy = keys.map(([key]) => ident(key)).join(', ');
  const folder = `${temp}/${COPY_KEY}=${name}`;
  try {
    // Blank lines read as NULL and are written back as blank lines, so line numbers hold.
    await engine.run(
      `COPY (SELECT line, ${values} FROM ${lines}) TO ${literal(temp)}
       (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER ${literal(LINE_DELIMITER[0] as string)}, PARTITION_BY (${partitionBy}), OVERWRITE_OR_IGNORE true)`,
    );
  } catch (error) {
    throw unreadable(file, `mixes LF and CRLF line breaks, and the ${engine.name} engine could not write the copy with one kind that reading it needs`, error);
  }
  const [unread] = await engine.query(`SELECT min(line) AS line FROM ${ident(scratch.errors)}`);
  await engine.run(`DROP TABLE IF EXISTS ${ident(scratch.errors)}; DROP TABLE IF EXISTS ${ident(scratch.scans)}`);
  // DuckDB deletes no file; an empty COPY over the copy's own folder with OVERWRITE empties it.
  const remove = () => engine.run(`COPY (SELECT 1 AS x, 1 AS p WHERE false) TO ${literal(folder)} (FORMAT csv, PARTITION_BY (p), OVERWRITE true)`);
  if (unread?.line !== null && unread?.line !== undefined) {
    await remove();
    throw unreadable(
      file,
      `mixes LF and CRLF line breaks, and line ${Number(unread.line)} is not UTF-8 text or is over 16 MB; DuckDB can read neither such a file nor a copy of it without losing that line`,
    );
  }
  const [written] = await engine.query(`SELECT file FROM glob(${literal(`${folder}/**/*.csv`)}) LIMIT 1`);
  return { path: String(written?.file), hivePartitioned: partitions.length > 0, remove };
}

/** The key=value folders of a path, in order. */
function hivePartitions(file: string): [string, string][] {
  return file
    .split(/[\\/]/)
    .slice(0, -1)
    .map((segment) => /^([^=]+)=(.*)$/.exec(segment))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1] as string, match[2] as string]);
}
