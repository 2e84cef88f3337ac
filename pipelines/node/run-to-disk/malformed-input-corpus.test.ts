/**
 * The malformed-input corpus: files made here, each run through `winnow run` as a person would,
 * asserting that no input is lost, refused whole where rows should be, or left hanging.
 *
 * For each case: the exit code; for a run that read the input, `read = kept + rejected + dropped`
 * from the manifest with the counts expected, and each reject's file, line and reason; for a
 * refused input, that the error is one line naming the file (or the link) and saying why.
 *
 * Line numbers are DuckDB's (see ingest/csv-lines.ts): 1-based, the header is line 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../manifest/manifest';
import { literal } from '../../sql';
import { main } from '../cli/cli';
import { NativeEngine } from '../engine/native-engine';

/** A file's content, or a symbolic link to `link` (relative to the link's folder). */
type Content = string | Uint8Array | { link: string };

interface Case {
  /** Also the case's folder and spec name. */
  name: string;
  /** Files by path relative to the case folder. */
  files: Record<string, Content>;
  /** The source URI, relative to the case folder; default 'data'. */
  uri?: string;
  format?: string;
  options?: Record<string, unknown>;
  expected: Read | Refused;
}

interface Read {
  read: number;
  kept: number;
  rejected: number;
  /** [file relative to the case folder, line, reason], in file and line order. */
  rejects?: [string, number, string][];
  /** The input's column names, when they matter to the case. */
  columns?: string[];
}

interface Refused {
  /** The file or link the error must name, relative to the case folder. */
  names: string;
  /** What the error must say. */
  says: RegExp;
}

const rows = (count: number, from = 1) => Array.from({ length: count }, (_, index) => `${from + index},name${from + index}\n`).join('');
const fiveThousand = `id,name\n${rows(5000)}`;
const gzipped = gzipSync(Buffer.from(fiveThousand));
const utf16 = (text: string, littleEndian = true) => {
  const bytes = Buffer.from(text, 'utf16le');
  if (!littleEndian) bytes.swap16();
  return bytes;
};
const big = 'x'.repeat(17 * 1024 * 1024);
const deepArray = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const deepObject = `[${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}]`;

/** Files written by DuckDB in beforeAll (zstd CSV, Parquet), by name. */
const made: Record<string, Uint8Array> = {};

const cases: Case[] = [
  // Empty, blank, header only.
  { name: 'empty_file', files: { 'data/a.csv': '' }, expected: { names: 'data/a.csv', says: /is empty \(0 bytes\)/ } },
  { name: 'blank_lines_only', files: { 'data/a.csv': '\n\r\n\n' }, expected: { names: 'data/a.csv', says: /only blank lines/ } },
  { name: 'bom_only', files: { 'data/a.csv': '\uFEFF' }, expected: { names: 'data/a.csv', says: /only blank lines/ } },
  { name: 'header_only', files: { 'data/a.csv': 'a,b,c\n' }, expected: { read: 0, kept: 0, rejected: 0, columns: ['a', 'b', 'c'] } },
  { name: 'header_only_bom_crlf', files: { 'data/a.csv': '\uFEFFa,b\r\n' }, expected: { read: 0, kept: 0, rejected: 0, columns: ['a', 'b'] } },
  { name: 'no_final_line_break', files: { 'data/a.csv': 'a,b\n1,2\n3,4' }, expected: { read: 2, kept: 2, rejected: 0 } },
  // Byte order marks and encodings.
  { name: 'utf8_bom', files: { 'data/a.csv': '\uFEFFid,name\n1,a\n2,b\n' }, expected: { read: 2, kept: 2, rejected: 0, columns: ['id', 'name'] } },
  {
    name: 'invalid_utf8',
    files: { 'data/a.csv': Buffer.concat([Buffer.from('id,name\n1,ok\n2,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n3,fine\n')]) },
    expected: { read: 3, kept: 2, rejected: 1, rejects: [['data/a.csv', 3, 'INVALID ENCODING']] },
  },
  {
    name: 'latin1_text',
    files: { 'data/a.csv': Buffer.from('id,name\n1,caf\xe9\n2,ok\n', 'latin1') },
    expected: { read: 2, kept: 1, rejected: 1, rejects: [['data/a.csv', 2, 'INVALID ENCODING']] },
  },
  { name: 'utf16le_bom', files: { 'data/a.csv': utf16('\uFEFFid,name\n1,å\n2,b\n') }, expected: { read: 2, kept: 2, rejected: 0, columns: ['id', 'name'] } },
  {
    name: 'utf16le_bom_crlf_ragged',
    files: { 'data/a.csv': utf16('\uFEFFid,name\r\n1,a\r\n2\r\n3,c\r\n') },
    expected: { read: 3, kept: 2, rejected: 1, rejects: [['data/a.csv', 3, 'MISSING COLUMNS']] },
  },
  { name: 'utf16be_bom', files: { 'data/a.csv': utf16('\uFEFFid,name\n1,a\n', false) }, expected: { names: 'data/a.csv', says: /UTF-16 big-endian/ } },
  { name: 'utf16_without_bom', files: { 'data/a.csv': utf16('id,name\n1,a\n') }, expected: { names: 'data/a.csv', says: /NUL bytes in its first line/ } },
  { name: 'nul_bytes_in_a_value', files: { 'data/a.csv': 'id,name\n1,a\u0000b\n2,c\n' }, expected: { read: 2, kept: 2, rejected: 0 } },
  // Quoting.
  { name: 'quoted_newlines', files: { 'data/a.csv': 'id,text\n1,"a\nb"\n2,"c\n\nd"\n3,e\n' }, expected: { read: 3, kept: 3, rejected: 0 } },
  {
    name: 'unterminated_quote',
    files: { 'data/a.csv': 'a,b\n1,2\n3,"abc\n4,5\n' },
    expected: { read: 2, kept: 1, rejected: 1, rejects: [['data/a.csv', 3, 'UNQUOTED VALUE']] },
  },
  {
    name: 'stray_quote',
    files: { 'data/a.csv': 'a,b\n1,2\n3,"ab"c\n4,5\n' },
    expected: { read: 3, kept: 2, rejected: 1, rejects: [['data/a.csv', 3, 'UNQUOTED VALUE']] },
  },
  {
    name: 'backslash_escaped_quote',
    files: { 'data/a.csv': 'a,b\n1,"x\\"y"\n2,z\n' },
    expected: { read: 2, kept: 1, rejected: 1, rejects: [['data/a.csv', 2, 'UNQUOTED VALUE']] },
  },
  // Rows of the wrong width.
  {
    name: 'ragged_rows',
    files: { 'data/a.csv': 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10\n11,12,13\n' },
    expected: {
      read: 5,
      kept: 2,
      rejected: 3,
      rejects: [
        ['data/a.csv', 3, 'MISSING COLUMNS'],
        ['data/a.csv', 4, 'TOO MANY COLUMNS'],
        ['data/a.csv', 5, 'MISSING COLUMNS'],
      ],
    },
  },
  {
    name: 'trailing_empty_fields',
    files: { 'data/a.csv': 'a,b\n1,2\n3,4,,\n5,6\n' },
    expected: { read: 3, kept: 2, rejected: 1, rejects: [['data/a.csv', 3, 'TOO MANY COLUMNS']] },
  },
  {
    name: 'one_trailing_empty_field_first_row',
    files: { 'data/a.csv': 'a,b\n1,2,\n3,4\n' },
    expected: { read: 2, kept: 1, rejected: 1, rejects: [['data/a.csv', 2, 'TOO MANY COLUMNS']] },
  },
  {
    name: 'trailing_quoted_empty_field',
    files: { 'data/a.csv': 'a,b\n1,2,""\n3,4\n' },
    expected: { read: 2, kept: 1, rejected: 1, rejects: [['data/a.csv', 2, 'TOO MANY COLUMNS']] },
  },
  {
    name: 'trailing_empty_field_crlf',
    files: { 'data/a.csv': 'a,b\r\n1,2,\r\n3,4\r\n' },
    expected: { read: 2, kept: 1, rejected: 1, rejects: [['data/a.csv', 2, 'TOO MANY COLUMNS']] },
  },
  {
    name: 'trailing_empty_field_after_blank_line',
    files: { 'data/a.csv': 'a,b\n1,2\n\n3,4,\n5,6\n,7\n' },
    expected: { read: 4, kept: 3, rejected: 1, rejects: [['data/a.csv', 4, 'TOO MANY COLUMNS']] },
  },
  {
    name: 'trailing_empty_field_one_column',
    files: { 'data/a.csv': 'name\nann\nbob,\ncid\n' },
    expected: { read: 3, kept: 2, rejected: 1, rejects: [['data/a.csv', 3, 'TOO MANY COLUMNS']] },
  },
  { name: 'every_line_ends_in_a_delimiter', files: { 'data/a.csv': 'a,b,\n1,2,\n3,4,\n' }, expected: { read: 2, kept: 2, rejected: 0 } },
  {
    name: 'blank_lines_between_rows',
    files: { 'data/a.csv': 'a,b\n1,2\n\n3,4\n5\n\n6,7\n\n' },
    expected: { read: 4, kept: 3, rejected: 1, rejects: [['data/a.csv', 5, 'MISSING COLUMNS']] },
  },
  // Line breaks.
  { name: 'crlf', files: { 'data/a.csv': 'id,name\r\n1,a\r\n2,b\r\n' }, expected: { read: 2, kept: 2, rejected: 0 } },
  { name: 'one_crlf_in_an_lf_file', files: { 'data/a.csv': `id,name\n${rows(50)}51,x\r\n${rows(50, 52)}` }, expected: { read: 101, kept: 101, rejected: 0 } },
  { name: 'one_lf_in_a_crlf_file', files: { 'data/a.csv': 'id,name\r\n1,a\r\n2,b\n3,c\r\n' }, expected: { read: 3, kept: 3, rejected: 0 } },
  { name: 'crlf_header_lf_rows', files: { 'data/a.csv': 'id,name\r\n1,a\n2,b\n' }, expected: { read: 2, kept: 2, rejected: 0 } },
  {
    name: 'mixed_line_breaks_with_bad_rows',
    files: { 'data/a.csv': 'a,b\n1,2\r\n3,"ab"c\n4,5\r\n6\n7,8,9\n' },
    expected: {
      read: 5,
      kept: 2,
      rejected: 3,
      rejects: [
        ['data/a.csv', 3, 'UNQUOTED VALUE'],
        ['data/a.csv', 5, 'MISSING COLUMNS'],
        ['data/a.csv', 6, 'TOO MANY COLUMNS'],
      ],
    },
  },
  { name: 'mixed_line_breaks_quoted_newlines', files: { 'data/a.csv': 'a,b\r\n1,"x\r\ny"\r\n2,b\n3,"p\nq"\r\n' }, expected: { read: 3, kept: 3, rejected: 0 } },
  {
    name: 'mixed_line_breaks_in_a_hive_folder',
    files: { 'data/year=2024/a.csv': 'id,name\n1,a\r\n2,b\n' },
    expected: { read: 2, kept: 2, rejected: 0, columns: ['id', 'name', 'year'] },
  },
  {
    name: 'mixed_line_breaks_hive_folder_hive_off',
    files: { 'data/year=2024/a.csv': 'id,name\n1,a\r\n2,b\n' },
    options: { hive_partitioning: false },
    expected: { read: 2, kept: 2, rejected: 0, columns: ['id', 'name'] },
  },
  // DuckDB's line scan cannot copy a line that is not UTF-8, so this one file is refused, naming the line.
  {
    name: 'mixed_line_breaks_and_invalid_utf8',
    files: { 'data/a.csv': Buffer.from('a,b\n1,\xff\r\n2,3\n', 'latin1') },
    expected: { names: 'data/a.csv', says: /line 2 is not UTF-8 text/ },
  },
  { name: 'mixed_line_breaks_utf16', files: { 'data/a.csv': utf16('\uFEFFid,name\r\n1,a\n2,b\r\n') }, expected: { read: 2, kept: 2, rejected: 0 } },
  // Over-long lines.
  {
    name: 'field_over_the_line_limit_near_the_top',
    files: { 'data/a.csv': `id,blob\n1,${big}\n2,b\n3,c\n` },
    expected: { read: 3, kept: 2, rejected: 1, rejects: [['data/a.csv', 2, 'LINE SIZE OVER MAXIMUM']] },
  },
  {
    name: 'field_over_the_line_limit_further_down',
    files: { 'data/a.csv': `id,blob\n${rows(3000)}3001,${big}\n3002,z\n` },
    expected: { read: 3002, kept: 3001, rejected: 1, rejects: [['data/a.csv', 3002, 'LINE SIZE OVER MAXIMUM']] },
  },
  { name: 'header_over_the_line_limit', files: { 'data/a.csv': `id,${big}\n1,2\n` }, expected: { names: 'data/a.csv', says: /first line is over 16 MB/ } },
  { name: 'very_long_header', files: { 'data/a.csv': `${'h'.repeat(100_000)},b\n1,2\n` }, expected: { read: 1, kept: 1, rejected: 0 } },
  // Headers and delimiters.
  {
    name: 'duplicate_header_names',
    files: { 'data/a.csv': 'id,id,name\n1,2,a\n3,4,b\n' },
    expected: { read: 2, kept: 2, rejected: 0, columns: ['id', 'id_1', 'name'] },
  },
  {
    name: 'semicolon_delimiter',
    files: { 'data/a.csv': 'id;name;v\n1;a;2\n3;b;4\n' },
    expected: { read: 2, kept: 2, rejected: 0, columns: ['id', 'name', 'v'] },
  },
  {
    name: 'wrong_delimiter_given',
    files: { 'data/a.csv': 'id;name\n1;a\n2;b\n' },
    options: { delimiter: ',' },
    expected: { read: 2, kept: 2, rejected: 0, columns: ['id;name'] },
  },
  { name: 'tabs_in_a_csv_file', files: { 'data/a.csv': 'a\tb\n1\t2\n' }, expected: { read: 1, kept: 1, rejected: 0, columns: ['a', 'b'] } },
  // Numbers as people write them.
  { name: 'thousands_separators', files: { 'data/a.csv': 'id,amount\n1,"1,234"\n2,"12,345,678"\n3,5\n' }, expected: { read: 3, kept: 3, rejected: 0 } },
  {
    name: 'thousands_separators_declared_bigint',
    files: { 'data/a.csv': 'id,amount\n1,"1,234"\n2,"12,345,678"\n3,5\n' },
    options: { types: { amount: 'BIGINT' } },
    expected: {
      read: 3,
      kept: 1,
      rejected: 2,
      rejects: [
        ['data/a.csv', 2, 'CAST'],
        ['data/a.csv', 3, 'CAST'],
      ],
    },
  },
  { name: 'decimal_commas', files: { 'data/a.csv': 'id;v\n1;1,5\n2;2,25\n' }, expected: { read: 2, kept: 2, rejected: 0 } },
  {
    name: 'decimal_commas_declared_double',
    files: { 'data/a.csv': 'id;v\n1;1,5\n2;2,25\n3;7\n' },
    options: { types: { v: 'DOUBLE' } },
    expected: {
      read: 3,
      kept: 1,
      rejected: 2,
      rejects: [
        ['data/a.csv', 2, 'CAST'],
        ['data/a.csv', 3, 'CAST'],
      ],
    },
  },
  // Compressed files.
  { name: 'gzip_whole', files: { 'data/a.csv.gz': gzipped }, expected: { read: 5000, kept: 5000, rejected: 0 } },
  {
    name: 'gzip_truncated',
    files: { 'data/a.csv.gz': gzipped.subarray(0, Math.floor(gzipped.length / 10)) },
    expected: { names: 'data/a.csv.gz', says: /gzip file cut short/ },
  },
  {
    name: 'gzip_missing_its_trailer',
    files: { 'data/a.csv.gz': gzipped.subarray(0, gzipped.length - 4) },
    expected: { names: 'data/a.csv.gz', says: /gzip file cut short/ },
  },
  {
    name: 'gzip_damaged_in_the_middle',
    files: {
      'data/a.csv.gz': Buffer.concat([gzipped.subarray(0, 1000), Buffer.from(gzipped.subarray(1000, 1100).map((byte) => byte ^ 0x55)), gzipped.subarray(1100)]),
    },
    expected: { names: 'data/a.csv.gz', says: /damaged gzip file/ },
  },
  {
    name: 'gzip_wrong_checksum',
    files: { 'data/a.csv.gz': Buffer.concat([gzipped.subarray(0, -8), Buffer.alloc(4), gzipped.subarray(-4)]) },
    expected: { names: 'data/a.csv.gz', says: /damaged gzip file/ },
  },
  { name: 'gzip_zero_bytes', files: { 'data/a.csv.gz': '' }, expected: { names: 'data/a.csv.gz', says: /is empty \(0 bytes\)/ } },
  { name: 'gzip_that_is_plain_text', files: { 'data/a.csv.gz': 'id,name\n1,a\n' }, expected: { names: 'data/a.csv.gz', says: /damaged gzip file/ } },
  {
    name: 'gzip_of_two_members',
    files: { 'data/a.csv.gz': Buffer.concat([gzipSync('id,name\n1,a\n'), gzipSync('2,b\n')]) },
    expected: { read: 2, kept: 2, rejected: 0 },
  },
  { name: 'zstd_whole', files: { 'data/a.csv.zst': { link: '../../made/a.csv.zst' } }, expected: { read: 5000, kept: 5000, rejected: 0 } },
  {
    name: 'zstd_truncated',
    files: { 'data/a.csv.zst': { link: '../../made/cut.csv.zst' } },
    expected: { names: 'data/a.csv.zst', says: /zstd file cut short/ },
  },
  // JSON and NDJSON.
  { name: 'json_trailing_comma', files: { 'data/a.json': '[{"a":1},{"a":2},]' }, expected: { names: 'data/a.json', says: /cannot be read as JSON/ } },
  { name: 'json_empty_file', files: { 'data/a.json': '' }, expected: { names: 'data/a.json', says: /is empty/ } },
  { name: 'json_5000_deep_array', files: { 'data/a.json': deepArray }, expected: { read: 1, kept: 1, rejected: 0 } },
  { name: 'json_5000_deep_objects', files: { 'data/a.json': deepObject }, expected: { read: 1, kept: 1, rejected: 0 } },
  {
    name: 'ndjson_one_bad_line',
    files: { 'data/a.ndjson': '{"a":1}\n{"a":2\n{"a":3}\n' },
    expected: { read: 3, kept: 2, rejected: 1, rejects: [['data/a.ndjson', 2, 'INVALID JSON']] },
  },
  { name: 'ndjson_5000_deep_line', files: { 'data/a.ndjson': `{"a":1}\n{"a":${deepArray}}\n` }, expected: { read: 2, kept: 2, rejected: 0 } },
  {
    name: 'ndjson_mixed_line_breaks',
    files: { 'data/a.ndjson': '{"a":1}\n{"a":2}\r\n{"a":3}\n{"a":4\n' },
    expected: { read: 4, kept: 3, rejected: 1, rejects: [['data/a.ndjson', 4, 'INVALID JSON']] },
  },
  { name: 'ndjson_empty_file', files: { 'data/a.ndjson': '' }, expected: { read: 0, kept: 0, rejected: 0 } },
  // Parquet.
  {
    name: 'parquet_cut_in_half',
    files: { 'data/a.parquet': { link: '../../made/half.parquet' } },
    expected: { names: 'data/a.parquet', says: /cannot be read as Parquet/ },
  },
  { name: 'parquet_zero_bytes', files: { 'data/a.parquet': '' }, expected: { names: 'data/a.parquet', says: /is empty/ } },
  { name: 'parquet_that_is_text', files: { 'data/a.parquet': 'id,name\n1,a\n' }, expected: { names: 'data/a.parquet', says: /cannot be read as Parquet/ } },
  // Folders.
  {
    name: 'folder_mixed_types_across_files',
    files: { 'data/a.csv': 'id,v\n1,10\n2,20\n', 'data/b.csv': 'id,v\n3,x\n', 'data/c.csv': 'id,v\n4,1.5\n' },
    expected: { read: 4, kept: 4, rejected: 0, columns: ['id', 'v'] },
  },
  { name: 'folder_with_an_empty_file', files: { 'data/a.csv': 'id\n1\n', 'data/b.csv': '' }, expected: { names: 'data/b.csv', says: /is empty/ } },
  { name: 'folder_with_a_header_only_file', files: { 'data/a.csv': 'id\n1\n', 'data/b.csv': 'id\n' }, expected: { read: 1, kept: 1, rejected: 0 } },
  {
    name: 'folder_with_different_columns',
    files: { 'data/a.csv': 'id\n1\n', 'data/b.csv': 'id,extra\n2,x\n' },
    expected: { read: 2, kept: 2, rejected: 0, columns: ['id', 'extra'] },
  },
  {
    name: 'folder_with_a_truncated_gzip',
    files: { 'data/a.csv': 'id,name\n1,a\n', 'data/b.csv.gz': gzipped.subarray(0, 500) },
    format: 'csv',
    expected: { names: 'data/b.csv.gz', says: /cut short/ },
  },
  {
    name: 'folder_with_rejects_in_two_files',
    files: { 'data/a.csv': 'a,b\n1,2\n3\n', 'data/b.csv': 'a,b\n4,5,\n6,7\n' },
    expected: {
      read: 4,
      kept: 2,
      rejected: 2,
      rejects: [
        ['data/a.csv', 3, 'MISSING COLUMNS'],
        ['data/b.csv', 2, 'TOO MANY COLUMNS'],
      ],
    },
  },
  // Symbolic links.
  {
    name: 'symlinked_file_in_a_folder',
    files: { 'data/a.csv': 'id\n1\n2\n', 'data/b.csv': { link: '../elsewhere/b.csv' }, 'elsewhere/b.csv': 'id\n3\n4\n5\n' },
    expected: { read: 5, kept: 5, rejected: 0 },
  },
  {
    name: 'symlinked_folder',
    files: { 'data/one/a.csv': 'id\n1\n2\n', 'data/two': { link: '../elsewhere' }, 'elsewhere/b.csv': 'id\n3\n4\n5\n' },
    expected: { read: 5, kept: 5, rejected: 0 },
  },
  {
    name: 'symlinked_file_in_a_glob',
    uri: 'data/*.csv',
    files: { 'data/a.csv': 'id\n1\n', 'data/b.csv': { link: '../elsewhere/b.csv' }, 'elsewhere/b.csv': 'id\n2\n3\n' },
    expected: { read: 3, kept: 3, rejected: 0 },
  },
  {
    name: 'symlinked_file_with_a_reject',
    files: { 'data/a.csv': { link: '../elsewhere/a.csv' }, 'elsewhere/a.csv': 'a,b\n1,2\n3\n' },
    expected: { read: 2, kept: 1, rejected: 1, rejects: [['data/a.csv', 3, 'MISSING COLUMNS']] },
  },
  {
    name: 'symlink_loop_to_a_parent',
    files: { 'data/a.csv': 'id\n1\n', 'data/sub/up': { link: '..' } },
    expected: { names: 'data/sub/up', says: /a folder that holds the link; following it would never end/ },
  },
  { name: 'symlink_to_itself', files: { 'data/a.csv': 'id\n1\n', 'data/b.csv': { link: 'b.csv' } }, expected: { names: 'data/b.csv', says: /loop of links/ } },
  {
    name: 'broken_symlink',
    files: { 'data/a.csv': 'id\n1\n', 'data/b.csv': { link: '../gone.csv' } },
    expected: { names: 'data/b.csv', says: /does not exist/ },
  },
  {
    name: 'broken_symlink_to_a_folder',
    files: { 'data/a.csv': 'id\n1\n', 'data/2024': { link: '../gone' } },
    expected: { names: 'data/2024', says: /does not exist/ },
  },
];

describe('malformed-input corpus through winnow run', () => {
  let root: string;
  let engine: NativeEngine;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'winnow-malformed-'));
    engine = await NativeEngine.create({ threads: 2 });
    // Files only DuckDB writes here: zstd CSV (Node 20 has no zstd) and Parquet.
    mkdirSync(join(root, 'made'));
    const csv = join(root, 'made', 'five-thousand.csv');
    writeFileSync(csv, fiveThousand);
    await engine.run(
      `COPY (SELECT * FROM read_csv(${literal(csv)})) TO ${literal(join(root, 'made', 'a.csv.zst'))} (FORMAT csv, HEADER true, COMPRESSION zstd)`,
    );
    await engine.run(`COPY (SELECT * FROM read_csv(${literal(csv)})) TO ${literal(join(root, 'made', 'whole.parquet'))} (FORMAT parquet)`);
    const zst = readFileSync(join(root, 'made', 'a.csv.zst'));
    made['cut.csv.zst'] = zst.subarray(0, Math.floor(zst.length / 3));
    const parquet = readFileSync(join(root, 'made', 'whole.parquet'));
    made['half.parquet'] = parquet.subarray(0, Math.floor(parquet.length / 2));
    for (const [name, bytes] of Object.entries(made)) writeFileSync(join(root, 'made', name), bytes);
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((each) => each.name)).size).toBe(cases.length);
  });

  it.each(cases.map((each) => [each.name, each] as const))('%s', async (name, each) => {
    const folder = join(root, name);
    for (const [path, content] of Object.entries(each.files)) {
      const file = join(folder, path);
      mkdirSync(dirname(file), { recursive: true });
      if (typeof content === 'object' && 'link' in content) symlinkSync(content.link, file);
      else writeFileSync(file, content);
    }
    const { code, out, err, seconds } = await winnowRun(folder, each);
    // Every case answers within seconds, the 5,000-deep JSON included.
    expect(seconds).toBeLessThan(60);
    const { expected } = each;
    if ('names' in expected) {
      expect({ code, out }).toEqual({ code: 2, out: '' });
      const message = err.trimEnd();
      expect(message.split('\n'), 'one line').toHaveLength(1);
      expect(message).toContain(join(folder, expected.names));
      expect(message).toMatch(expected.says);
      return;
    }
    expect(err).toBe('');
    expect(code).toBe(0);
    const manifest = JSON.parse(out) as Manifest;
    const { read, kept, rejected, dropped } = manifest.rowCounts;
    expect(read).toBe(kept + rejected + dropped);
    expect({ read, kept, rejected }).toEqual({ read: expected.read, kept: expected.kept, rejected: expected.rejected });
    const rejects = await engine.query(`SELECT file, line, reason FROM read_parquet(${literal(join(folder, 'out', 'rejects.parquet'))}) ORDER BY file, line`);
    expect(rejects.map((row) => [relative(folder, String(row.file)), row.line, row.reason])).toEqual(expected.rejects ?? []);
    if (expected.columns) expect(manifest.inputs[0]?.schema.map((column) => column.name)).toEqual(expected.columns);
  });

  it('pins the bytes a followed link points to, and notices when it is pointed elsewhere', async () => {
    const folder = join(root, 'symlink_pinned');
    const write = (path: string, content: string) => {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), content);
    };
    write('data/a.csv', 'id\n1\n');
    write('elsewhere/b.csv', 'id\n2\n3\n');
    write('elsewhere/c.csv', 'id\n4\n');
    symlinkSync('../elsewhere/b.csv', join(folder, 'data', 'b.csv'));
    const first = await winnowRun(folder, { name: 'symlink_pinned', files: {}, expected: { read: 3, kept: 3, rejected: 0 } });
    expect(first.code).toBe(0);
    const manifest = JSON.parse(first.out) as Manifest;
    const linked = manifest.inputs[0]?.files.find((file) => file.path.endsWith('data/b.csv'));
    const { createHash } = await import('node:crypto');
    expect(linked?.sha256).toBe(createHash('sha256').update('id\n2\n3\n').digest('hex'));

    rmSync(join(folder, 'data', 'b.csv'));
    symlinkSync('../elsewhere/c.csv', join(folder, 'data', 'b.csv'));
    const again = await winnowRun(folder, { name: 'symlink_pinned', files: {}, expected: { read: 2, kept: 2, rejected: 0 } }, [
      '--snapshot',
      join(folder, 'out', 'manifest.json'),
    ]);
    expect(again.code).toBe(3);
    expect(again.err).toContain(`changed: ${join(folder, 'data', 'b.csv')}`);
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO among the files rather than waiting on it forever', async () => {
    const folder = join(root, 'fifo_in_a_folder');
    mkdirSync(join(folder, 'data'), { recursive: true });
    writeFileSync(join(folder, 'data', 'a.csv'), 'id\n1\n');
    expect(spawnSync('mkfifo', [join(folder, 'data', 'b.csv')]).status).toBe(0);
    const { code, err } = await winnowRun(folder, { name: 'fifo_in_a_folder', files: {}, expected: { read: 1, kept: 1, rejected: 0 } });
    expect(code).toBe(2);
    expect(err.trimEnd().split('\n')).toEqual([expect.stringContaining(`${join(folder, 'data', 'b.csv')} is not a regular file`)]);
  });
});

/** Writes the case's spec into `folder` and runs `winnow run --json` on it. */
async function winnowRun(folder: string, each: Case, extra: string[] = []): Promise<{ code: number; out: string; err: string; seconds: number }> {
  const source = { uri: each.uri ?? 'data', ...(each.format ? { format: each.format } : {}), ...(each.options ? { options: each.options } : {}) };
  const spec = `version: 1\nname: ${each.name}\nseed: 1\nsources:\n  input: ${JSON.stringify(source)}\nsteps: []\n`;
  writeFileSync(join(folder, 'spec.winnow.yaml'), spec);
  let out = '';
  let err = '';
  const started = performance.now();
  const code = await main(['run', join(folder, 'spec.winnow.yaml'), '--out', join(folder, 'out'), '--json', ...extra], {
    out: (text) => (out += text + '\n'),
    err: (text) => (err += text + '\n'),
    isTTY: false,
  });
  return { code, out, err, seconds: (performance.now() - started) / 1000 };
}
