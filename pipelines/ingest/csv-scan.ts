/**
 * The read_csv arguments that make a scan cut a file exactly as its layout says: auto detection
 * off, the dialect spelled out. Every scan of a file (the read itself and the scans that find
 * line numbers) starts from these, so they all see the same records.
 */
import type { CsvLayout } from './csv-layout';
import { MAX_LINE_SIZE } from './csv-layout';
import type { OptionValue } from './sql-options';

/** The arguments every scan of a file with `layout` starts from. */
export function dialectArguments(layout: CsvLayout): Record<string, OptionValue | undefined> {
  return {
    auto_detect: false,
    delim: layout.delimiter,
    quote: layout.quote,
    escape: layout.escape,
    new_line: layout.newLine,
    comment: '',
    max_line_size: MAX_LINE_SIZE,
    encoding: layout.encoding,
  };
}
