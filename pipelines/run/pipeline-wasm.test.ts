import { WasmEngine } from '../engine/wasm-engine';
import { testPipeline } from './test-pipeline';
import { testTimeZones } from './test-time-zones';
import { testTypesAndTransforms } from './test-types-and-transforms';

testPipeline('duckdb-wasm', () => WasmEngine.createForNode());
testTypesAndTransforms('duckdb-wasm', () => WasmEngine.createForNode());
testTimeZones('duckdb-wasm', () => WasmEngine.createForNode());
