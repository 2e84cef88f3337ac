/**
 * A JSON key seen only as null is a text column (as read_csv types a column of empty fields); a
 * key whose values are JSON (an object here, a number there) keeps its JSON type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { NativeEngine } from '../node/engine/native-engine';
import { InputFolder, ingest } from '../../testing/ingest-kit';

describe('JSON keys with no value', () => {
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

  it.each(['json', 'ndjson'] as const)('%s: an all-null key is VARCHAR, a key of JSON values stays JSON', async (format) => {
    const records = [
      // An object in one record and a number in another: no one type but JSON holds both.
      { id: 1, empty: null, mixed: { a: 1 } },
      { id: 2, empty: null, mixed: 5 },
    ];
    const text = format === 'json' ? JSON.stringify(records) : records.map((record) => JSON.stringify(record)).join('\n') + '\n';
    const file = folder.write(`keys.${format}`, text);
    const { result, rows } = await ingest(engine, folder, `keys_${format}`, [file], format);
    expect(result.schema.map((column) => column.name)).toEqual(['id', 'empty', 'mixed']);
    expect(result.schema.find((column) => column.name === 'empty')).toEqual({ name: 'empty', type: 'VARCHAR' });
    expect(result.schema.find((column) => column.name === 'mixed')).toEqual({ name: 'mixed', type: 'JSON' });
    expect(rows.map((row) => row.empty)).toEqual([null, null]);
  });
});
