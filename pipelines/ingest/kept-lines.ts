/**
 * The line of each kept row of a text file, from the order of the kept rows and the lines of the
 * rejected ones: kept row k of a file sits on line k + header lines + (rejected lines before it),
 * provided that every line after the header holds a record, kept or rejected. csv-lines.ts says
 * when that holds for CSV; NDJSON files are read a physical line at a time, so it always does.
 */
import { LINE } from '../table/rejects';
import { ident } from '../sql';
import { FILE_INDEX } from './working-table';

/** The 1-based position of a kept row among the kept rows of its file, in file order. */
export const ORDINAL = '__winnow_ordinal';

export interface KeptLinesInput {
  /** A relation with FILE_INDEX and ORDINAL for each kept row, plus any other columns. */
  kept: string;
  /** A table of (file_index, line), one row per rejected line. */
  rejectLines: string;
  /** Header lines of each file, by file index. */
  headerLines: readonly number[];
}

/**
 * A relation with the columns of `kept` and LINE (__winnow_line). Each rejected line tells how
 * many kept rows came before it (its line, less the header, less the rejected lines up to it); an
 * ASOF join finds, for each kept row, the last rejected line with fewer kept rows before it.
 */
export function keptLines({ kept, rejectLines, headerLines }: KeptLinesInput): string {
  const headers = headerLines.map((lines, index) => `(${index}, ${lines})`).join(', ');
  const fileIndex = ident(FILE_INDEX);
  const ordinal = ident(ORDINAL);
  return `
    WITH header_lines AS (
      SELECT * FROM (VALUES ${headers}) AS h(file_index, header_lines)
    ), ranked AS (
      SELECT r.file_index,
             r.line - h.header_lines - row_number() OVER (PARTITION BY r.file_index ORDER BY r.line) AS kept_before,
             row_number() OVER (PARTITION BY r.file_index ORDER BY r.line) AS rejects_so_far
      FROM ${ident(rejectLines)} AS r JOIN header_lines AS h USING (file_index)
    ), steps AS (
      SELECT file_index, kept_before, max(rejects_so_far) AS rejects_before FROM ranked GROUP BY file_index, kept_before
    )
    SELECT k.*, k.${ordinal} + h.header_lines + COALESCE(s.rejects_before, 0) AS ${ident(LINE)}
    FROM (${kept}) AS k
    ASOF LEFT JOIN steps AS s ON s.file_index = k.${fileIndex} AND k.${ordinal} > s.kept_before
    JOIN header_lines AS h ON h.file_index = k.${fileIndex}`;
}
