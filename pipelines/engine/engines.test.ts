import { describe, expect, it } from 'vitest';
import { NativeEngine } from '../runner/native-engine';
import { testEngine } from './test-engine';
import { WasmEngine } from './wasm-engine';

testEngine('native', () => NativeEngine.create({ threads: 2 }));
testEngine('wasm', () => WasmEngine.createForNode());

describe('native and wasm engines', () => {
  // @duckdb/node-api and @duckdb/duckdb-wasm are pinned to releases that embed the same DuckDB
  // core; byte-identical outputs across the engines depend on it. Bump them together.
  it('embed the same DuckDB core version', async () => {
    const [native, wasm] = await Promise.all([NativeEngine.create({ threads: 2 }), WasmEngine.createForNode()]);
    try {
      expect(await wasm.version()).toBe(await native.version());
    } finally {
      await Promise.all([native.close(), wasm.close()]);
    }
  });
});
