/**
 * Formats an engine does not read stop the run with a message that says so, before any SQL:
 * Arrow IPC on every engine for now, Parquet and JSON on duckdb-wasm (another module brings those
 * to it through a database file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { WasmEngine } from '../engine/wasm-engine';
import { WinnowError } from '../errors';
import { NativeEngine } from '../runner/native-engine';
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

  it('stops on Arrow IPC files, naming the file', async () => {
    const error = await ingestSource(native, { name: 'flights', uri: flights, format: 'arrow', options: {}, files: [flights] }, 'flights').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WinnowError);
    expect(error).toMatchObject({ kind: 'input', place: { file: flights } });
    expect((error as WinnowError).message).toBe(`${flights}: Arrow IPC sources are not supported yet; convert the file to Parquet`);
  });

  it.each(['parquet', 'json', 'ndjson'] as const)('stops on %s on duckdb-wasm, naming the engine', async (format) => {
    const file = `/data/x.${format}`;
    const error = await ingestSource(wasm, { name: 'x', uri: file, format, options: {}, files: [file] }, 'x').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'input', place: { file } });
    expect((error as WinnowError).message).toBe(`${file}: the duckdb-wasm engine cannot read ${format} files`);
  });
});
