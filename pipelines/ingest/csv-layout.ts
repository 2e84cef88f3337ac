/**
 * How one CSV or TSV file is laid out: its dialect, whether it has a header, and its columns.
 * Found once per file by DuckDB's sniffer; every later scan of the file then runs with
 * auto_detect off and this layout spelled out, so they all cut the file into the same records.
 *
 * The sniffer is fragile on exactly the files Winnow must handle: one badly quoted line near the
 * top makes it fail, or settle on a "dialect" that reads each line as one column. Hence the
 * fallbacks, tried in order until one gives an answer:
 * 1. sniff with the user's options (delimiter sniffed unless given; TSV: tab);
 * 2. for CSV with no delimiter given, when 1 failed or found a single column, go on with ',' and
 *    keep 1's answer only if ',' finds no more columns;
 * 3. sniff in lenient mode (strict_mode=false);
 * 4. take the column names from the header record alone, every column VARCHAR.
 * Whatever the layout, the scans themselves run in strict mode, so bad lines become rejects.
 */
import type { Engine, Format } from '../engine/engine';
import type { SourceOptions } from '../spec/types';
import type { Column } from '../table/column';
import { literal } from '../sql';
import { type OptionValue, namedArguments } from './sql-options';

/**
 * Longest record the reader accepts (DuckDB's default is 2 MB); longer ones are rejected. DuckDB
 * sizes its read buffers from it, so it is kept at 16 MB: at 64 MB duckdb-wasm ran out of memory
 * on gzipped files, and its Node runtime mishandles file reads once its heap passes 2 GB.
 */
export const MAX_LINE_SIZE = 16 * 1024 * 1024;

/** Separates nothing in real text: a scan with this delimiter sees each line as one field. */
export const LINE_DELIMITER = '\u001f\u001e';

/** One file's dialect and columns, as every scan of it spells them out. */
export interface CsvLayout {
  delimiter: string;
  /** '' for no quoting. */
  quote: string;
  escape: string;
  /** As DuckDB spells it ('\n', '\r\n'); undefined when unknown, which accepts either. */
  newLine?: string;
  header: boolean;
  /** The file's own columns in order, with sniffed types (declared types are applied later). */
  columns: Column[];
  dateFormat?: string;
  timestampFormat?: string;
  /** read_csv's encoding when the file is not UTF-8 ('utf-16': UTF-16 with a little-endian byte order mark). */
  encoding?: string;
}

/**
 * The layout of `file`, by the fallbacks above; throws only when the file cannot be read at all.
 * `encoding` is the file's when it is not UTF-8 (see csv-first-line.ts).
 */
export async function sniffCsvLayout(engine: Engine, file: string, format: Format, options: SourceOptions, encoding?: string): Promise<CsvLayout> {
  const quote = options.quote ?? '"';
  const escape = options.escape ?? quote;
  const given = options.delimiter ?? (format === 'tsv' ? '\t' : undefined);
  const base: Record<string, OptionValue | undefined> = {
    quote,
    escape,
    // Comment lines and skipped preamble lines would be rows dropped without a trace.
    comment: '',
    skip: 0,
    header: options.header,
    sample_size: options.sample_size,
    all_varchar: options.all_varchar,
    dateformat: options.dateformat,
    timestampformat: options.timestampformat,
    nullstr: options.null_values,
    max_line_size: MAX_LINE_SIZE,
    // The sniffer, like the scan with store_rejects, tolerates bad lines when choosing a dialect.
    ignore_errors: true,
    encoding,
  };
  // DuckDB's default line limit first: with max_line_size at 16 MB the sniffer reads buffers to
  // match and took 1-3 s on a 376 MB file instead of 0.1 s. A file it cannot sniff so (a long
  // line near the top) is sniffed again with the read's limit.
  const sniff = async (extra: Record<string, OptionValue | undefined>) => {
    const layout =
      (await trySniff(engine, file, quote, escape, { ...base, max_line_size: undefined, ...extra })) ??
      (await trySniff(engine, file, quote, escape, { ...base, ...extra }));
    return layout && { ...layout, encoding };
  };

  // Strict, then lenient, then from the header record alone: always some layout.
  const sniffWith = async (delim: string) =>
    (await sniff({ delim })) ??
    (await sniff({ delim, strict_mode: false })) ??
    (await headerRecordLayout(engine, file, delim, quote, escape, options.header ?? true, encoding));
  if (given !== undefined) return sniffWith(given);
  const sniffed = await sniff({});
  if (sniffed && sniffed.columns.length > 1) return sniffed;
  const comma = await sniffWith(',');
  return sniffed === undefined || comma.columns.length > 1 ? comma : sniffed;
}

async function trySniff(
  engine: Engine,
  file: string,
  quote: string,
  escape: string,
  options: Record<string, OptionValue | undefined>,
): Promise<CsvLayout | undefined> {
  let rows;
  try {
    rows = await engine.query(
      `SELECT generate_subscripts(Columns, 1) AS position, unnest(Columns, recursive := true),
              Delimiter AS delimiter, NewLineDelimiter AS new_line, HasHeader AS header,
              DateFormat AS date_format, TimestampFormat AS timestamp_format
       FROM sniff_csv(${literal(file)}, ${namedArguments(options)})`,
    );
  } catch (error) {
    // The sniffer's own failure ("Error when sniffing file"), or a line it could not take (one
    // over max_line_size near the top: "CSV Error on Line: 1"), means: try the next way; the
    // scan itself rejects such a line as that line. Anything else (out of memory, unreadable
    // file) must not pass for a layout problem.
    if (error instanceof Error && /Error when sniffing file|CSV Error on Line/.test(error.message)) return undefined;
    throw error;
  }
  const [first] = rows;
  if (!first) return undefined;
  return {
    delimiter: String(first.delimiter),
    quote,
    escape,
    newLine: String(first.new_line),
    header: first.header === true,
    columns: [...rows].sort((a, b) => Number(a.position) - Number(b.position)).map((row) => ({ name: String(row.name), type: String(row.type) })),
    dateFormat: first.date_format === null ? undefined : String(first.date_format),
    timestampFormat: first.timestamp_format === null ? undefined : String(first.timestamp_format),
  };
}

/**
 * The last resort: column names from the first record, cut with the dialect as given. The
 * number of fields is bounded by the delimiters on the first physical line; null_padding fills
 * the rest when quoted delimiters made fewer (and needs a serial scan if a quote spans lines).
 */
async function headerRecordLayout(
  engine: Engine,
  file: string,
  delimiter: string,
  quote: string,
  escape: string,
  header: boolean,
  encoding: string | undefined,
): Promise<CsvLayout> {
  // A line over max_line_size further down is skipped here (the read rejects it as its line);
  // one at the top has been refused already (csv-first-line.ts).
  const [firstLine] = await engine.query(
    `SELECT line FROM read_csv(${literal(file)}, ${namedArguments({
      columns: { line: 'VARCHAR' },
      header: false,
      auto_detect: false,
      delim: LINE_DELIMITER,
      quote: '',
      escape: '',
      comment: '',
      strict_mode: false,
      max_line_size: MAX_LINE_SIZE,
      encoding,
      parallel: false,
      ignore_errors: true,
    })}) LIMIT 1`,
  );
  const width = String(firstLine?.line ?? '').split(delimiter).length;
  const placeholders = Array.from({ length: width }, (_, index) => `column${index}`);
  let names = placeholders;
  if (header) {
    const [record] = await engine.query(
      `SELECT * FROM read_csv(${literal(file)}, ${namedArguments({
        columns: Object.fromEntries(placeholders.map((name) => [name, 'VARCHAR'])),
        header: false,
        auto_detect: false,
        delim: delimiter,
        quote,
        escape,
        comment: '',
        strict_mode: false,
        null_padding: true,
        parallel: false,
        max_line_size: MAX_LINE_SIZE,
        encoding,
        ignore_errors: true,
      })}) LIMIT 1`,
    );
    const values = placeholders.map((name) => record?.[name]);
    while (values.length > 1 && (values.at(-1) === null || values.at(-1) === undefined)) values.pop();
    names = uniqueNames(values.map((value, index) => (value === null || value === undefined || value === '' ? `column${index}` : String(value))));
  }
  return { delimiter, quote, escape, header, columns: names.map((name) => ({ name, type: 'VARCHAR' })), encoding };
}

/** Repeated names get a suffix, as DuckDB's sniffer does ("a", "a_1"). */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
}
