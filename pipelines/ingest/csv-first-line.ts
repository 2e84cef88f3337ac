/**
 * What a CSV file's first line says before it is sniffed: its text encoding, and whether it can
 * be a header at all.
 *
 * Encoding. DuckDB reads UTF-8 unless told otherwise. Given a UTF-16 file, its sniffer makes
 * column names of the raw bytes, NUL bytes included, and a name with a NUL in it breaks the SQL
 * every later scan is written in ("unterminated quoted string"). read_csv's encoding='utf-16'
 * decodes little-endian UTF-16 (byte order mark FF FE, what Windows tools write) and drops the
 * mark; DuckDB has no big-endian decoder (it reads FE FF files as little-endian, into nonsense).
 * So FF FE is read as 'utf-16', and FE FF, or NUL bytes in the first line (UTF-16 or UTF-32
 * without a mark), stop the run with one line.
 *
 * Length. A first line over 16 MB cannot be a header, and DuckDB's sniffer would quietly take
 * the second line for one; it stops the run. (Lower down, such a line is rejected as its line.)
 *
 * The first line is read as Latin-1, where every byte is one character, by a serial scan with a
 * small buffer: a few milliseconds, whatever the file's size. Only a first line over that
 * buffer's 64 KB pays for a second look with the full line limit.
 */
import type { Engine } from '../engine/engine';
import { ident, literal } from '../sql';
import { LINE_DELIMITER, MAX_LINE_SIZE } from './csv-layout';
import { type OptionValue, namedArguments } from './sql-options';
import { unreadable } from './unreadable';

/** The longest first line the quick look reads. */
const PROBE_LINE_SIZE = 64 * 1024;

/**
 * read_csv's encoding for `file`: undefined for UTF-8, 'utf-16' for little-endian UTF-16 with its
 * byte order mark. Throws a WinnowError naming the file for text DuckDB cannot decode and for a
 * header line over the line limit (without a header, the read rejects such a line). `scratch` names the reject tables of the look.
 */
export async function checkFirstLine(engine: Engine, file: string, header: boolean, scratch: { errors: string; scans: string }): Promise<string | undefined> {
  const look = async (maxLineSize: number, extra: Record<string, OptionValue>) => {
    try {
      const [row] = await engine.query(
        `SELECT line FROM read_csv(${literal(file)}, ${namedArguments({
          columns: { line: 'VARCHAR' },
          header: false,
          auto_detect: false,
          delim: LINE_DELIMITER,
          quote: '',
          escape: '',
          comment: '',
          strict_mode: false,
          max_line_size: maxLineSize,
          parallel: false,
          store_rejects: true,
          rejects_table: scratch.errors,
          rejects_scan: scratch.scans,
          ...extra,
        })}) LIMIT 1`,
      );
      const [tooLong] = await engine.query(`SELECT count(*) AS n FROM ${ident(scratch.errors)} WHERE line = 1 AND error_type = 'LINE SIZE OVER MAXIMUM'`);
      return { head: String(row?.line ?? ''), firstTooLong: Number(tooLong?.n) > 0 };
    } catch {
      // Whatever this look cannot read, the reader will say more about.
      return undefined;
    } finally {
      await engine.run(`DROP TABLE IF EXISTS ${ident(scratch.errors)}; DROP TABLE IF EXISTS ${ident(scratch.scans)}`);
    }
  };
  const first = await look(PROBE_LINE_SIZE, { encoding: 'latin-1', buffer_size: 4 * PROBE_LINE_SIZE });
  if (!first) return undefined;
  if (first.firstTooLong) {
    if (header && (await look(MAX_LINE_SIZE, {}))?.firstTooLong) {
      throw unreadable(file, `cannot be read as CSV: its first line is over ${MAX_LINE_SIZE / 1024 / 1024} MB long, so it cannot be a header`);
    }
    // A long first line under the limit: its first bytes were not seen, so the file is taken for UTF-8.
    return undefined;
  }
  const { head } = first;
  if (head.startsWith('\u00ff\u00fe')) return 'utf-16';
  if (head.startsWith('\u00fe\u00ff')) {
    throw unreadable(file, 'is UTF-16 big-endian text (its byte order mark says so), which DuckDB cannot decode; save it as UTF-8 or as UTF-16 little-endian');
  }
  if (head.includes('\u0000')) {
    throw unreadable(
      file,
      'has NUL bytes in its first line, so it is not UTF-8 text (UTF-16 without a byte order mark?); save it as UTF-8, or as UTF-16 with its byte order mark',
    );
  }
  return undefined;
}
