/**
 * JSON and NDJSON sources (native engine). NDJSON lines are physical lines, 1-based, blank lines
 * counted; a JSON document's rows are numbered within their file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { NativeEngine } from '../node/engine/native-engine';
import { InputFolder, ingest, readReject } from '../../testing/ingest-kit';

describe('JSON and NDJSON sources', () => {
  let engine: Engine;
  let folder: InputFolder;

  beforeAll(async () => {
    engine = await NativeEngine.create({ threads: 2 });
    folder = new InputFolder();
  });
  afterAll(async () => {
    await engine?.close();
    folder?.remove();
  });

  it('reads NDJSON objects with nested objects and lists, whatever their keys', async () => {
    const lines = [
      { id: 1, meta: { 'b"); DROP TABLE x; --': 1, 'c d': [1, 2] } },
      { id: 2, meta: { 'b"); DROP TABLE x; --': 3, 'c d': [] } },
    ];
    const file = folder.write('nested.ndjson', lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    const outcome = await ingest(engine, folder, 'nested', [file], 'ndjson');
    expect(outcome.result).toMatchObject({ read: 2, kept: 2, rejected: 0 });
    expect(outcome.result.schema.find((column) => column.name === 'meta')?.type).toMatch(/^STRUCT\(/);
    expect(outcome.rows.map((row) => [row.id, row.__winnow_line])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('rejects NDJSON lines that are not JSON or not UTF-8, keeping the others with their lines', async () => {
    const content = Buffer.concat([
      Buffer.from('{"id":1,"name":"a"}\n\n{"id":2,"name":"b"}\n{"id":3,\n{"id":4,"name":"'),
      Buffer.from([0xff]),
      Buffer.from('"}\n   \n{"id":5,"name":"e","extra":true}\n'),
    ]);
    const file = folder.write('events.ndjson', content);
    const outcome = await ingest(engine, folder, 'events', [file], 'ndjson');
    expect(outcome.result).toMatchObject({ read: 5, kept: 3, rejected: 2 });
    expect(outcome.result.read).toBe(outcome.result.kept + outcome.result.rejected);
    expect(outcome.result.schema).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'extra', type: 'BOOLEAN' },
    ]);
    expect(outcome.rows.map((row) => [row.__winnow_row, row.__winnow_line, row.id, row.name, row.extra])).toEqual([
      [1, 1, 1, 'a', null],
      [2, 3, 2, 'b', null],
      [3, 7, 5, 'e', true],
    ]);
    expect(outcome.rejects).toEqual([
      readReject('events.ndjson', 4, 'INVALID JSON', null, '{"id":3,'),
      readReject('events.ndjson', 5, 'INVALID ENCODING', null, '{"id":4,"name":"?"}'),
    ]);
  });

  it('reads NDJSON with a byte order mark and CRLF line breaks', async () => {
    const file = folder.write('bom.ndjson', '\uFEFF{"id":1}\r\n{"id":2}\r\n');
    const outcome = await ingest(engine, folder, 'bom_ndjson', [file], 'ndjson');
    expect(outcome.result).toMatchObject({ read: 2, kept: 2, rejected: 0 });
    expect(outcome.rows.map((row) => [row.__winnow_line, row.id])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('numbers NDJSON rows across files, an empty file adding none', async () => {
    const files = [
      folder.write('parts/a.jsonl', '{"id":1}\n{"id":2}\n'),
      folder.write('parts/b.jsonl', ''),
      folder.write('parts/c.jsonl', '{"id":3,"v":"x"}\n'),
    ];
    const outcome = await ingest(engine, folder, 'parts', files, 'ndjson');
    expect(outcome.result).toMatchObject({ read: 3, kept: 3, rejected: 0 });
    expect(outcome.rows.map((row) => [row.__winnow_row, row.__winnow_file, row.__winnow_line, row.id, row.v])).toEqual([
      [1, 'parts/a.jsonl', 1, 1, null],
      [2, 'parts/a.jsonl', 2, 2, null],
      [3, 'parts/c.jsonl', 1, 3, 'x'],
    ]);
  });

  it('stops on an NDJSON line that is JSON but not an object, naming file and line', async () => {
    const file = folder.write('scalar.ndjson', '{"id":1}\n[1,2]\n');
    const error = await ingest(engine, folder, 'scalar', [file], 'ndjson').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WinnowError);
    expect(error).toMatchObject({ kind: 'input', place: { file, line: 2 } });
    expect((error as WinnowError).message).toBe(`${file} line 2 holds an array, not a JSON object: each line of an NDJSON file must be one object`);
  });

  it('reads JSON arrays, numbering rows within each file', async () => {
    const files = [folder.write('docs/a.json', '[{"id":1},{"id":2,"tag":"q"}]'), folder.write('docs/b.json', '[{"id":3}]')];
    const outcome = await ingest(engine, folder, 'docs', files, 'json');
    expect(outcome.result).toMatchObject({ read: 3, kept: 3, rejected: 0 });
    expect(outcome.rows.map((row) => [row.__winnow_row, row.__winnow_file, row.__winnow_line, row.id, row.tag])).toEqual([
      [1, 'docs/a.json', 1, 1, null],
      [2, 'docs/a.json', 2, 2, 'q'],
      [3, 'docs/b.json', 1, 3, null],
    ]);
  });

  it('stops on a malformed JSON document, naming it', async () => {
    const good = folder.write('broken/a.json', '[{"id":1}]');
    const bad = folder.write('broken/b.json', '[{"id":1},{"id":');
    const error = await ingest(engine, folder, 'broken', [good, bad], 'json').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'input', place: { file: bad } });
    expect((error as WinnowError).message).toMatch(new RegExp(`^${bad} cannot be read as JSON: `));
  });
});
