import { WasmEngine } from '../engine/wasm-engine';
import { testPipeline } from './test-pipeline';

testPipeline('duckdb-wasm', () => WasmEngine.createForNode());
