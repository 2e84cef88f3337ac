/**
 * The byte survey (csv-byte-survey.ts) is a shortcut: a CSV read with it must come out exactly as
 * one read with DuckDB's own line survey, rows, line numbers and rejects alike. Random files
 * from an alphabet of the characters that matter (delimiters, quotes, both line breaks, blank
 * lines, short and long records) are read both ways and compared.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { NativeEngine } from '../node/engine/native-engine';
import { byteSurveyFor } from './csv-byte-survey';
import type { CsvLayout } from './csv-layout';
import { InputFolder, ingest } from '../../testing/ingest-kit';

let native: NativeEngine;
let withoutBytes: Engine;
const folder = new InputFolder();

beforeAll(async () => {
  native = await NativeEngine.create({ threads: 1 });
  // The same engine without readBytes: the CSV reader then takes DuckDB's survey.
  withoutBytes = {
    name: native.name,
    runtime: native.runtime,
    readsFormats: native.readsFormats,
    version: () => native.version(),
    run: (sql) => native.run(sql),
    query: (sql) => native.query(sql),
    attachDatabase: (path, alias) => native.attachDatabase(path, alias),
    close: async () => undefined,
  };
});

afterAll(async () => {
  await native.close();
  folder.remove();
});

const layout: CsvLayout = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  newLine: '\\n',
  header: true,
  columns: [
    { name: 'a', type: 'VARCHAR' },
    { name: 'b', type: 'VARCHAR' },
  ],
};

/**
 * `text` with a closing quote added when it would end inside a quoted value. DuckDB 1.4.3's
 * lenient scans (strict_mode off) crash the process, now and then, on files with a bare CR
 * inside a quoted value that end inside a quote (the smallest found: 'a,b,c\r\n"\r"\n5k, "'):
 * a DuckDB bug both surveys share, not a difference between them, and one this test must not
 * trip over; so fields here hold no bare CR and quotes are balanced.
 */
function balanceQuotes(text: string): string {
  return (text.match(/"/g)?.length ?? 0) % 2 === 1 ? text + '"' : text;
}

function survey(text: string, shape = layout) {
  const scan = byteSurveyFor(shape);
  if (!scan) return 'no scan';
  // In two chunks, split anywhere: state must carry across chunk boundaries.
  const bytes = new TextEncoder().encode(text);
  const cut = Math.floor(bytes.length / 2);
  scan.push(bytes.subarray(0, cut));
  scan.push(bytes.subarray(cut));
  return scan.finish() ?? 'gave up';
}

describe('the byte survey of a CSV file', () => {
  it('counts records, and records wider than the header, across chunk boundaries', () => {
    expect(survey('a,b\n1,2\n"x,\n""y""",3\n4,5,,\n')).toEqual({ records: 4, skipsBeforeRecords: false, widerRecords: 1 });
    expect(survey('a,b\n1,2')).toEqual({ records: 2, skipsBeforeRecords: false, widerRecords: 0 });
    expect(survey('a,b\n1,2\n\n\n')).toEqual({ records: 2, skipsBeforeRecords: false, widerRecords: 0 });
  });

  it('gives up where its reading could differ from DuckDB: CR, blank line before a record, a stray or open quote', () => {
    for (const text of ['a,b\r\n1,2\r\n', 'a,b\n\n1,2\n', 'a,b\n1"x,2\n', 'a,b\n"1"x,2\n', 'a,b\n"1,2\n']) expect(survey(text)).toBe('gave up');
  });

  it('is not taken for layouts it does not read: one column, a multi-byte delimiter, CRLF, another encoding, an escape other than the quote', () => {
    expect(survey('a\n1\n', { ...layout, columns: [{ name: 'a', type: 'VARCHAR' }] })).toBe('no scan');
    expect(survey('a||b\n', { ...layout, delimiter: '||' })).toBe('no scan');
    expect(survey('a,b\r\n', { ...layout, newLine: '\\r\\n' })).toBe('no scan');
    expect(survey('a,b\n', { ...layout, encoding: 'utf-16' })).toBe('no scan');
    expect(survey('a,b\n', { ...layout, escape: '\\' })).toBe('no scan');
  });

  it('answers alike whether whole lines are counted at once or the bytes come one at a time', () => {
    // One byte per chunk never holds a whole line, so it takes the byte-by-byte scan throughout;
    // any other cut lets whole plain lines take the quick count.
    const field = fc.oneof({ arbitrary: fc.stringMatching(/^[a-z0-9 ,]{1,6}$/), weight: 6 }, fc.stringMatching(/^[a-z0-9 ,"\r\n]{0,6}$/));
    const text = fc.array(
      fc.array(field, { maxLength: 4 }).map((fields) => fields.join(',')),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (records, size) => {
        const bytes = new TextEncoder().encode(['a,b', ...records].join('\n'));
        const scan = (chunkSize: number) => {
          const shape = byteSurveyFor(layout)!;
          for (let start = 0; start < bytes.length; start += chunkSize) if (!shape.push(bytes.subarray(start, start + chunkSize))) break;
          return shape.finish() ?? 'gave up';
        };
        expect(scan(size)).toEqual(scan(1));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a CSV read with the byte survey', () => {
  it('makes a clean file a view over one load, numbered by line', async () => {
    const file = folder.write('clean.csv', 'a,b\n1,x\n2,y\n3,z\n');
    const outcome = await ingest(native, folder, 'clean', [file], 'csv');
    expect(outcome.rows.map((row) => [row.__winnow_row, row.__winnow_line, row.a])).toEqual([
      [1, 2, 1],
      [2, 3, 2],
      [3, 4, 3],
    ]);
    const [view] = await native.query(`SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'clean'`);
    expect(Number(view?.n)).toBe(1);
  });

  it('keeps a file with a few rejected lines a view, its rows numbered around them', async () => {
    const file = folder.write('some-bad.csv', 'a,b\n1,x\n2,y,extra\n3,z\nnot-a-number-row\n4,w\n');
    const outcome = await ingest(native, folder, 'some_bad', [file], 'csv', { types: { a: 'BIGINT' } });
    expect(outcome.rows.map((row) => [row.__winnow_row, row.__winnow_line, row.a])).toEqual([
      [1, 2, 1],
      [2, 4, 3],
      [3, 6, 4],
    ]);
    expect(outcome.rejects.map((reject) => reject.line)).toEqual([3, 5]);
    const [view] = await native.query(`SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'some_bad'`);
    expect(Number(view?.n)).toBe(1);
  });

  it('numbers rows across several clean files, each file from its own header', async () => {
    const first = folder.write('two/1.csv', 'a,b\n1,x\n2,y\n');
    const second = folder.write('two/2.csv', 'a,b\n3,z\n');
    const outcome = await ingest(native, folder, 'two', [first, second], 'csv');
    expect(outcome.rows.map((row) => [row.__winnow_row, row.__winnow_file, row.__winnow_line])).toEqual([
      [1, 'two/1.csv', 2],
      [2, 'two/1.csv', 3],
      [3, 'two/2.csv', 2],
    ]);
  });

  it('reads any file exactly as the read with DuckDB’s survey does', async () => {
    const field = fc.stringMatching(/^[a-z0-9 ,"\n]{0,6}$/);
    const record = fc.array(field, { minLength: 0, maxLength: 4 }).map((fields) => fields.join(','));
    const files = fc
      .tuple(fc.array(record, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
      .map(([records, lineBreak, finalBreak]) => balanceQuotes('a,b,c' + lineBreak + records.join(lineBreak) + (finalBreak ? lineBreak : '')));
    let case_ = 0;
    await fc.assert(
      fc.asyncProperty(files, async (text) => {
        case_++;
        const file = folder.write(`random/${case_}.csv`, text);
        const read = async (engine: Engine, name: string) => {
          try {
            return await ingest(engine, folder, name, [file], 'csv');
          } catch (error) {
            return { error: (error as Error).message.replaceAll(name, '<table>') };
          }
        };
        const fast = await read(native, `fast_${case_}`);
        const slow = await read(withoutBytes, `slow_${case_}`);
        if ('error' in fast || 'error' in slow) {
          expect(fast).toEqual(slow);
          return;
        }
        expect(fast.rows).toEqual(slow.rows);
        expect(fast.rejects).toEqual(slow.rejects);
        expect(fast.result.read).toBe(slow.result.read);
      }),
      { numRuns: 60, seed: 20261204 },
    );
  });
});
