/**
 * Formats an engine does not read stop the run with a message that says so, before any SQL:
 * Parquet and JSON on duckdb-wasm (the app brings those to it through a database file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { WasmEngine } from '../engine/wasm-engine';
import { WinnowError } from '../errors';
import { NativeEngine } from '../node/engine/native-engine';
import { ingestSource } from './ingest';

const flights = new URL('../../node_modules/vega-datasets/data/flights-200k.arrow', import.meta.url).pathname;

describe('unsupported formats', () => {
  let native: Engine;
  let wasm: Engine;

  beforeAll(async () => {
    native = await NativeEngine.create({ threads: 2 });
    wasm = await WasmEngine.createForNode();
  });
  afterAll(async () => {
    await native?.close();
    await wasm?.close();
  });

  it('reads Arrow IPC files on both engines, with the same rows in file order', async () => {
    const source = { name: 'flights', uri: flights, format: 'arrow' as const, options: {}, files: [flights] };
    const fromNative = await ingestSource(native, source, 'flights_native');
    const fromWasm = await ingestSource(wasm, source, 'flights_wasm');
    expect(fromNative).toMatchObject({ read: 200_000, kept: 200_000, rejected: 0 });
    expect(fromWasm.schema).toEqual(fromNative.schema);
    expect(fromNative.schema.map((column) => column.name)).toEqual(['delay', 'distance', 'time']);
    const sql = (table: string) =>
      `SELECT "__winnow_row", "__winnow_line", delay, distance, time FROM ${table} WHERE "__winnow_row" IN (1, 2, 100000, 200000) ORDER BY 1`;
    const nativeRows = await native.query(sql('flights_native'));
    expect(await wasm.query(sql('flights_wasm'))).toEqual(nativeRows);
    expect(nativeRows.map((row) => row.__winnow_line)).toEqual([1, 2, 100_000, 200_000]);
  });

  it('stops on a file that is not Arrow IPC, naming it', async () => {
    const bogus = new URL('../../examples/flights/data/flights.csv', import.meta.url).pathname;
    const error = await ingestSource(native, { name: 'x', uri: bogus, format: 'arrow', options: {}, files: [bogus] }, 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WinnowError);
    expect(error).toMatchObject({ kind: 'input', place: { file: bogus } });
    expect((error as WinnowError).message).toMatch(/cannot be read as Arrow IPC/);
  });

  it.each(['parquet', 'json', 'ndjson'] as const)('stops on %s on duckdb-wasm, naming the engine', async (format) => {
    const file = `/data/x.${format}`;
    const error = await ingestSource(wasm, { name: 'x', uri: file, format, options: {}, files: [file] }, 'x').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'input', place: { file } });
    expect((error as WinnowError).message).toBe(`${file}: the duckdb-wasm engine cannot read ${format} files`);
  });
});
