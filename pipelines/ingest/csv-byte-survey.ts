/**
 * The line survey of csv-lines.ts, taken from the file's bytes in the same pass that hashes them
 * instead of from two more DuckDB scans (which cost 1.5x the read itself on 5M rows).
 *
 * It answers only for files it can read exactly as DuckDB's strict read does: one-byte
 * delimiter, quote and escape; LF line breaks; quotes only around whole fields; no blank line
 * before a record; more than one column; UTF-8. Anything else (a CR, a quote inside an unquoted
 * value, an escape other than a doubled quote, an open quote at the end) makes it give up, and
 * the caller takes DuckDB's survey as before. It is only asked about files DuckDB read without a
 * reject, so every record it counts DuckDB parsed the same way.
 */
import type { CsvLayout } from './csv-layout';
import type { LineSurvey } from './csv-lines';

const LF = 10;
const CR = 13;

/** Where the scan is within a record. */
const enum At {
  FieldStart,
  Unquoted,
  Quoted,
  AfterQuote,
}

/** One byte of ASCII, or undefined when `text` is not exactly that (DuckDB spells LF as '\\n'). */
function asciiByte(text: string | undefined): number | undefined {
  return text !== undefined && text.length === 1 && text.charCodeAt(0) < 128 ? text.charCodeAt(0) : undefined;
}

/**
 * A survey for `layout`, or undefined when the layout is one the byte scan does not read (see
 * the top of this file).
 */
export function byteSurveyFor(layout: CsvLayout): CsvByteSurvey | undefined {
  const delimiter = asciiByte(layout.delimiter);
  const quote = layout.quote === '' ? -1 : asciiByte(layout.quote);
  const escape = layout.escape === '' || layout.escape === layout.quote ? quote : asciiByte(layout.escape);
  const lfOnly = layout.newLine === undefined || layout.newLine === '\\n' || layout.newLine === '\n';
  const utf8 = layout.encoding === undefined || /^utf-?8$/i.test(layout.encoding);
  if (delimiter === undefined || quote === undefined || escape === undefined || !lfOnly || !utf8 || layout.columns.length < 2) return undefined;
  if (escape !== quote) return undefined;
  if ([LF, CR].includes(delimiter) || [LF, CR, delimiter].includes(quote)) return undefined;
  return new CsvByteSurvey(delimiter, quote, layout.columns.length, layout.header);
}

export class CsvByteSurvey {
  private at = At.FieldStart;
  private fields = 1;
  private lineBytes = 0;
  private records = 0;
  private blankLines = 0;
  private wider = 0;
  private gaveUp = false;

  constructor(
    private readonly delimiter: number,
    /** -1: no quoting. */
    private readonly quote: number,
    private readonly columns: number,
    private readonly header: boolean,
  ) {}

  /** Takes the next chunk of the file; false once the survey has given up (read no further). */
  push(chunk: Uint8Array): boolean {
    if (this.gaveUp) return false;
    const { delimiter, quote } = this;
    let { at, fields, lineBytes } = this;
    let index = 0;
    while (index < chunk.length) {
      if (at === At.FieldStart && fields === 1 && lineBytes === 0) {
        // A whole line in this chunk with no quote and no CR is just its delimiters: counted in a
        // tight loop (the byte-by-byte scan below cost 2.6 s of the main thread on 5M rows).
        const end = chunk.indexOf(LF, index);
        if (end >= 0) {
          let count = 1;
          let plain = true;
          for (let position = index; position < end; position++) {
            const byte = chunk[position]!;
            if (byte === delimiter) count++;
            else if (byte === quote || byte === CR) {
              plain = false;
              break;
            }
          }
          if (plain) {
            if (!this.endLine(count, end - index)) return false;
            index = end + 1;
            continue;
          }
        }
      }
      const byte = chunk[index++]!;
      if (at === At.Quoted) {
        if (byte === quote) at = At.AfterQuote;
        lineBytes++;
        continue;
      }
      if (byte === LF) {
        if (!this.endLine(fields, lineBytes)) return false;
        at = At.FieldStart;
        fields = 1;
        lineBytes = 0;
        continue;
      }
      if (byte === CR) return this.giveUp();
      lineBytes++;
      if (byte === delimiter) {
        fields++;
        at = At.FieldStart;
      } else if (byte === quote) {
        // A quote opens a field, or doubles inside a quoted one; anywhere else DuckDB's reading
        // of it is not this scan's to guess.
        if (at === At.FieldStart || at === At.AfterQuote) at = At.Quoted;
        else return this.giveUp();
      } else if (at === At.AfterQuote) {
        return this.giveUp();
      } else {
        at = At.Unquoted;
      }
    }
    this.at = at;
    this.fields = fields;
    this.lineBytes = lineBytes;
    return true;
  }

  /** The survey, or undefined when the scan gave up. */
  finish(): LineSurvey | undefined {
    if (this.gaveUp || this.at === At.Quoted) return undefined;
    if (this.lineBytes > 0 && !this.endLine(this.fields, this.lineBytes)) return undefined;
    return { records: this.records, skipsBeforeRecords: false, widerRecords: this.wider };
  }

  private endLine(fields: number, lineBytes: number): boolean {
    if (lineBytes === 0) {
      this.blankLines++;
      return true;
    }
    // A blank line before a record shifts DuckDB's line numbers: csv-lines.ts handles that.
    if (this.blankLines > 0) return this.giveUp();
    this.records++;
    if (fields > this.columns && (this.records > 1 || !this.header)) this.wider++;
    return true;
  }

  private giveUp(): false {
    this.gaveUp = true;
    return false;
  }
}
