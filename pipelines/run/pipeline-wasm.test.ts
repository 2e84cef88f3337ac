import { WasmEngine } from '../engine/wasm-engine';
import { testPipeline } from './test-pipeline';
import { testTimeZones } from './test-time-zones';

testPipeline('duckdb-wasm', () => WasmEngine.createForNode());
testTimeZones('duckdb-wasm', () => WasmEngine.createForNode());
