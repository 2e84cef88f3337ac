/**
 * The malformed-CSV corpus: every case on the native engine and on duckdb-wasm, with the same
 * exact expectations, and a last check that both engines gave identical outcomes.
 *
 * Line numbers are DuckDB's (see csv-lines.ts): 1-based, the header is line 1, line breaks
 * inside quoted values are not counted, blank lines are.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { WasmEngine } from '../engine/wasm-engine';
import { WinnowError } from '../errors';
import { NativeEngine } from '../node/engine/native-engine';
import { InputFolder, type Outcome, ingest, readReject } from '../../testing/ingest-kit';

/** Outcomes by engine label and case, for the cross-engine check. */
const outcomes = new Map<string, Map<string, Outcome>>();

/** Rows of one file as [line, ...data values], the way most cases assert them. */
function linesAndValues(outcome: Outcome, columns: string[]): unknown[][] {
  return outcome.rows.map((row) => [row.__winnow_line, ...columns.map((column) => row[column])]);
}

function expectBalanced(outcome: Outcome, read: number, kept: number, rejected: number): void {
  expect(outcome.result).toMatchObject({ read, kept, rejected });
  expect(outcome.result.read).toBe(outcome.result.kept + outcome.result.rejected);
  expect(outcome.rows).toHaveLength(kept);
  expect(outcome.rejects).toHaveLength(rejected);
}

function csvCorpus(label: string, create: () => Promise<Engine>): void {
  describe(`CSV corpus on ${label}`, () => {
    let engine: Engine;
    let folder: InputFolder;
    const seen = new Map<string, Outcome>();
    outcomes.set(label, seen);

    beforeAll(async () => {
      engine = await create();
      folder = new InputFolder();
    });
    afterAll(async () => {
      await engine?.close();
      folder?.remove();
    });

    /** Ingests one CSV file written from `content`; the case name is the source and table name. */
    async function readCsv(name: string, content: string | Uint8Array, options = {}, format: 'csv' | 'tsv' = 'csv') {
      const file = folder.write(`${label}/${name}.${format}`, content);
      const outcome = await ingest(engine, folder, name, [file], format, options);
      seen.set(name, outcome);
      return outcome;
    }

    it('keeps a row whole when a quoted value spans lines', async () => {
      const outcome = await readCsv('quoted_newline', 'id,text\n1,"a\nb"\n2\n3,plain\n');
      expectBalanced(outcome, 3, 2, 1);
      expect(linesAndValues(outcome, ['id', 'text'])).toEqual([
        [2, 1, 'a\nb'],
        // DuckDB's numbering: the line break inside "a\nb" is not counted.
        [4, 3, 'plain'],
      ]);
      expect(outcome.rejects).toEqual([readReject(`${label}/quoted_newline.csv`, 3, 'MISSING COLUMNS', 'text', '2')]);
    });

    it('reads CRLF line breaks, inside quotes too', async () => {
      const outcome = await readCsv('crlf', 'id,name\r\n1,a\r\n2\r\n3,"c\r\nd"\r\n4,e\r\n');
      expectBalanced(outcome, 4, 3, 1);
      expect(linesAndValues(outcome, ['id', 'name'])).toEqual([
        [2, 1, 'a'],
        [4, 3, 'c\r\nd'],
        [5, 4, 'e'],
      ]);
      expect(outcome.rejects).toEqual([readReject(`${label}/crlf.csv`, 3, 'MISSING COLUMNS', 'name', '2')]);
    });

    it('drops a UTF-8 byte order mark from the first column name', async () => {
      const outcome = await readCsv('bom', '\uFEFFid,name\n1,a\n2,b\n');
      expectBalanced(outcome, 2, 2, 0);
      expect(outcome.result.schema).toEqual([
        { name: 'id', type: 'BIGINT' },
        { name: 'name', type: 'VARCHAR' },
      ]);
      expect(linesAndValues(outcome, ['id', 'name'])).toEqual([
        [2, 1, 'a'],
        [3, 2, 'b'],
      ]);
    });

    it('rejects rows with too few or too many fields, one reject per line', async () => {
      const outcome = await readCsv('ragged', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10\n11,12,13\n');
      expectBalanced(outcome, 5, 2, 3);
      expect(linesAndValues(outcome, ['a', 'b', 'c'])).toEqual([
        [2, 1, 2, 3],
        [6, 11, 12, 13],
      ]);
      const file = `${label}/ragged.csv`;
      expect(outcome.rejects).toEqual([
        readReject(file, 3, 'MISSING COLUMNS', 'c', '4,5'),
        readReject(file, 4, 'TOO MANY COLUMNS', null, '6,7,8,9'),
        // DuckDB reports one problem per missing column; Winnow one reject per line.
        readReject(file, 5, 'MISSING COLUMNS', 'b, c', '10'),
      ]);
    });

    it('rejects a record with trailing empty fields beyond the header, which DuckDB keeps', async () => {
      const outcome = await readCsv('trailing_empty_fields', 'a,b\n1,2\n3,4,,\n\n5,6,\n7,8\n');
      expectBalanced(outcome, 4, 2, 2);
      expect(linesAndValues(outcome, ['a', 'b'])).toEqual([
        [2, 1, 2],
        [6, 7, 8],
      ]);
      const file = `${label}/trailing_empty_fields.csv`;
      expect(outcome.rejects).toEqual([readReject(file, 3, 'TOO MANY COLUMNS', null, '3,4,,'), readReject(file, 5, 'TOO MANY COLUMNS', null, '5,6,')]);
    });

    it('decodes UTF-16 with a little-endian byte order mark', async () => {
      const outcome = await readCsv('utf16le', Buffer.from('\uFEFFid,name\r\n1,å\r\n2\r\n3,c\r\n', 'utf16le'));
      expectBalanced(outcome, 3, 2, 1);
      expect(linesAndValues(outcome, ['id', 'name'])).toEqual([
        [2, 1, 'å'],
        [4, 3, 'c'],
      ]);
      expect(outcome.rejects).toEqual([readReject(`${label}/utf16le.csv`, 3, 'MISSING COLUMNS', 'name', '2')]);
    });

    it('rejects a line of invalid UTF-8 rather than failing', async () => {
      const content = Buffer.concat([Buffer.from('id,name\n1,ok\n2,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n3,fine\n')]);
      const outcome = await readCsv('invalid_utf8', content);
      expectBalanced(outcome, 3, 2, 1);
      expect(linesAndValues(outcome, ['id', 'name'])).toEqual([
        [2, 1, 'ok'],
        [4, 3, 'fine'],
      ]);
      // DuckDB shows each invalid byte as '?' in the raw text.
      expect(outcome.rejects).toEqual([readReject(`${label}/invalid_utf8.csv`, 3, 'INVALID ENCODING', 'name', '2,??')]);
    });

    it('stops on an empty file, naming it', async () => {
      const file = folder.write(`${label}/empty.csv`, '');
      const error = await ingest(engine, folder, 'empty', [file], 'csv').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WinnowError);
      expect(error).toMatchObject({ kind: 'input', place: { file } });
      expect((error as WinnowError).message).toContain(file);
      expect((error as WinnowError).message).toContain('empty');
    });

    it('stops on a file of blank lines only, naming it', async () => {
      const file = folder.write(`${label}/blank_only.csv`, '\n\r\n\n');
      const error = await ingest(engine, folder, 'blank_only', [file], 'csv').catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'input', place: { file } });
      expect((error as WinnowError).message).toContain(file);
    });

    it('stops on a file that does not exist, naming it', async () => {
      const file = `${folder.path}/${label}/missing.csv`;
      const error = await ingest(engine, folder, 'missing', [file], 'csv').catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'input', place: { file } });
      expect((error as WinnowError).message).toBe(`${file} does not exist or is not a file`);
    });

    it('reads a header-only file as no rows with its columns', async () => {
      const outcome = await readCsv('header_only', 'a,b,c\n');
      expectBalanced(outcome, 0, 0, 0);
      expect(outcome.result.schema.map((column) => column.name)).toEqual(['a', 'b', 'c']);
    });

    it('rejects values that do not fit a declared type', async () => {
      const outcome = await readCsv('declared_types', 'id,v,day\n1,10,2024-01-02\n2,abc,2024-01-03\n3,30,not a date\n4,,2024-01-05\n', {
        types: { v: 'INTEGER', day: 'DATE' },
      });
      expectBalanced(outcome, 4, 2, 2);
      expect(outcome.result.schema).toEqual([
        { name: 'id', type: 'BIGINT' },
        { name: 'v', type: 'INTEGER' },
        { name: 'day', type: 'DATE' },
      ]);
      expect(linesAndValues(outcome, ['id', 'v', 'day'])).toEqual([
        [2, 1, 10, '2024-01-02'],
        [5, 4, null, '2024-01-05'],
      ]);
      const file = `${label}/declared_types.csv`;
      expect(outcome.rejects).toEqual([readReject(file, 3, 'CAST', 'v', '2,abc,2024-01-03'), readReject(file, 4, 'CAST', 'day', '3,30,not a date')]);
    });

    it('reads dates in a declared format', async () => {
      const outcome = await readCsv('date_format', 'd\n02/01/2024\n31/12/2023\nxx\n', { types: { d: 'DATE' }, dateformat: '%d/%m/%Y' });
      expectBalanced(outcome, 3, 2, 1);
      expect(linesAndValues(outcome, ['d'])).toEqual([
        [2, '2024-01-02'],
        [3, '2023-12-31'],
      ]);
      expect(outcome.rejects).toEqual([readReject(`${label}/date_format.csv`, 4, 'CAST', 'd', 'xx')]);
    });

    it('reads a 10 MB field', async () => {
      const big = 'x'.repeat(10 * 1024 * 1024);
      const outcome = await readCsv('ten_mb_field', `id,blob,n\n1,short,1\n2,"${big}",2\n3,after,3\n`);
      expectBalanced(outcome, 3, 3, 0);
      expect(outcome.rows.map((row) => [row.__winnow_line, row.id, String(row.blob).length, row.n])).toEqual([
        [2, 1, 5, 1],
        [3, 2, big.length, 2],
        [4, 3, 5, 3],
      ]);
    });

    it('rejects a value with a stray quote in it', async () => {
      const outcome = await readCsv('stray_quote', 'a,b\n1,2\n3,"ab"c\n4,5\n');
      expectBalanced(outcome, 3, 2, 1);
      expect(linesAndValues(outcome, ['a', 'b'])).toEqual([
        [2, 1, '2'],
        [4, 4, '5'],
      ]);
      expect(outcome.rejects).toEqual([readReject(`${label}/stray_quote.csv`, 3, 'UNQUOTED VALUE', 'b', '3,"ab"c')]);
    });

    it('rejects an unterminated quote, which runs to the end of the file', async () => {
      // DuckDB's sniffer cannot read this file; the layout comes from the header alone.
      const outcome = await readCsv('unterminated_quote', 'a,b\n1,2\n3,"abc\n4,5\n');
      expectBalanced(outcome, 2, 1, 1);
      expect(outcome.result.schema).toEqual([
        { name: 'a', type: 'VARCHAR' },
        { name: 'b', type: 'VARCHAR' },
      ]);
      expect(linesAndValues(outcome, ['a', 'b'])).toEqual([[2, '1', '2']]);
      expect(outcome.rejects).toEqual([readReject(`${label}/unterminated_quote.csv`, 3, 'UNQUOTED VALUE', 'b', '3,"abc\n4,5\n')]);
    });

    it('counts blank lines between records in line numbers', async () => {
      const outcome = await readCsv('blank_lines', 'a,b\n1,2\n\n3,4\n5\n\n6,7\n\n');
      expectBalanced(outcome, 4, 3, 1);
      expect(linesAndValues(outcome, ['a', 'b'])).toEqual([
        [2, 1, 2],
        [4, 3, 4],
        [7, 6, 7],
      ]);
      expect(outcome.rejects).toEqual([readReject(`${label}/blank_lines.csv`, 5, 'MISSING COLUMNS', 'b', '5')]);
    });

    it('numbers a record with an empty first field next to a blank line', async () => {
      const outcome = await readCsv('empty_first_field', 'a,b\n1,2\n\n,3\n4\n');
      expectBalanced(outcome, 3, 2, 1);
      expect(linesAndValues(outcome, ['a', 'b'])).toEqual([
        [2, 1, 2],
        [4, null, 3],
      ]);
      expect(outcome.rejects).toEqual([readReject(`${label}/empty_first_field.csv`, 5, 'MISSING COLUMNS', 'b', '4')]);
    });

    it('ignores blank lines after the last record', async () => {
      const outcome = await readCsv('trailing_blank_lines', 'a,b\n1,2\n3\n4,5\n\n\n');
      expectBalanced(outcome, 3, 2, 1);
      expect(linesAndValues(outcome, ['a', 'b'])).toEqual([
        [2, 1, 2],
        [4, 4, 5],
      ]);
    });

    it('reads blank lines of a one-column file as empty values', async () => {
      const outcome = await readCsv('one_column', 'name\nann\n\nbob\n');
      expectBalanced(outcome, 3, 3, 0);
      expect(linesAndValues(outcome, ['name'])).toEqual([
        [2, 'ann'],
        [3, null],
        [4, 'bob'],
      ]);
    });

    it('reads TSV with null strings', async () => {
      const outcome = await readCsv('tsv_nulls', 'x\ty\tz\n1\tNA\t"q"\n2\t3\t\n', { null_values: ['NA', ''] }, 'tsv');
      expectBalanced(outcome, 2, 2, 0);
      expect(linesAndValues(outcome, ['x', 'y', 'z'])).toEqual([
        [2, 1, null, 'q'],
        [3, 2, 3, null],
      ]);
    });

    it('reads a file without a header, with a given delimiter', async () => {
      const outcome = await readCsv('no_header', 'a;1\nb;2\nc\n', { header: false, delimiter: ';' });
      expectBalanced(outcome, 3, 2, 1);
      expect(outcome.result.schema.map((column) => column.name)).toEqual(['column0', 'column1']);
      expect(linesAndValues(outcome, ['column0', 'column1'])).toEqual([
        [1, 'a', 1],
        [2, 'b', 2],
      ]);
      expect(outcome.rejects).toEqual([readReject(`${label}/no_header.csv`, 3, 'MISSING COLUMNS', 'column1', 'c')]);
    });

    it('honours a given quote and escape character', async () => {
      const outcome = await readCsv('quote_escape', "id,text\n1,'it\\'s'\n2,'a,b'\n", { quote: "'", escape: '\\' });
      expectBalanced(outcome, 2, 2, 0);
      expect(linesAndValues(outcome, ['id', 'text'])).toEqual([
        [2, 1, "it's"],
        [3, 2, 'a,b'],
      ]);
    });

    it('reads every column as VARCHAR with all_varchar', async () => {
      const outcome = await readCsv('all_varchar', 'a,b\n1,007\n', { all_varchar: true });
      expect(outcome.result.schema).toEqual([
        { name: 'a', type: 'VARCHAR' },
        { name: 'b', type: 'VARCHAR' },
      ]);
      expect(linesAndValues(outcome, ['a', 'b'])).toEqual([[2, '1', '007']]);
    });

    it('reads gzip-compressed CSV', async () => {
      const file = folder.write(`${label}/compressed.csv.gz`, gzipSync('id,name\n1,a\n2\n3,c\n'));
      const outcome = await ingest(engine, folder, 'compressed', [file], 'csv');
      seen.set('compressed', outcome);
      expectBalanced(outcome, 3, 2, 1);
      expect(linesAndValues(outcome, ['id', 'name'])).toEqual([
        [2, 1, 'a'],
        [4, 3, 'c'],
      ]);
      expect(outcome.rejects).toEqual([readReject(`${label}/compressed.csv.gz`, 3, 'MISSING COLUMNS', 'name', '2')]);
    });

    it('numbers rows across files in the order given, uniting columns by name', async () => {
      const first = folder.write(`${label}/many/a.csv`, 'id,x\n1,10\n2,20\n');
      const second = folder.write(`${label}/many/b.csv`, 'id,x,y\n3,1.5,q\n4\n');
      const outcome = await ingest(engine, folder, 'many_files', [first, second], 'csv');
      seen.set('many_files', outcome);
      expectBalanced(outcome, 4, 3, 1);
      expect(outcome.result.schema).toEqual([
        { name: 'id', type: 'BIGINT' },
        { name: 'x', type: 'DOUBLE' },
        { name: 'y', type: 'VARCHAR' },
      ]);
      expect(outcome.rows.map((row) => [row.__winnow_row, row.__winnow_file, row.__winnow_line, row.id, row.x, row.y])).toEqual([
        [1, `${label}/many/a.csv`, 2, 1, 10, null],
        [2, `${label}/many/a.csv`, 3, 2, 20, null],
        [3, `${label}/many/b.csv`, 2, 3, 1.5, 'q'],
      ]);
      expect(outcome.rejects).toEqual([readReject(`${label}/many/b.csv`, 3, 'MISSING COLUMNS', 'x, y', '4')]);
    });

    it('turns hive partition folders into columns unless told not to', async () => {
      const files = [folder.write(`${label}/hive/year=2023/part.csv`, 'id\n1\n'), folder.write(`${label}/hive/year=2024/part.csv`, 'id\n2\n3\n')];
      const outcome = await ingest(engine, folder, 'hive', files, 'csv');
      seen.set('hive', outcome);
      expectBalanced(outcome, 3, 3, 0);
      expect(outcome.result.schema).toEqual([
        { name: 'id', type: 'BIGINT' },
        { name: 'year', type: 'BIGINT' },
      ]);
      expect(outcome.rows.map((row) => [row.__winnow_row, row.__winnow_line, row.id, row.year])).toEqual([
        [1, 2, 1, 2023],
        [2, 2, 2, 2024],
        [3, 3, 3, 2024],
      ]);
      const plain = await ingest(engine, folder, 'hive_off', files, 'csv', { hive_partitioning: false });
      expect(plain.result.schema).toEqual([{ name: 'id', type: 'BIGINT' }]);
    });

    it('stops when a declared type names a column no file has', async () => {
      const file = folder.write(`${label}/undeclared.csv`, 'a\n1\n');
      const error = await ingest(engine, folder, 'undeclared', [file], 'csv', { types: { b: 'INTEGER' } }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'spec', place: { field: 'b' } });
    });
  });
}

csvCorpus('native', () => NativeEngine.create({ threads: 2 }));
// WasmEngine.createForNode caps memory at 1 GB: past 2 GB duckdb-wasm 1.32 can open files as 0 bytes.
csvCorpus('wasm', () => WasmEngine.createForNode());

describe('CSV corpus across engines', () => {
  it('gives identical outcomes on native DuckDB and duckdb-wasm', () => {
    const native = outcomes.get('native');
    const wasm = outcomes.get('wasm');
    expect(native?.size).toBeGreaterThan(20);
    expect([...(wasm?.keys() ?? [])]).toEqual([...(native?.keys() ?? [])]);
    for (const [name, outcome] of native ?? []) {
      // The files sit in a folder per engine; compare with that prefix taken off.
      const relabel = (value: Outcome) => JSON.parse(JSON.stringify(value).replaceAll(/"(native|wasm)\//g, '"'));
      expect(relabel(wasm?.get(name) as Outcome), name).toEqual(relabel(outcome));
    }
  });
});
