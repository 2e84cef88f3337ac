import { WasmEngine } from '../engine/wasm-engine';
import { testPipeline } from '../../testing/pipeline-suite';
import { testTimeZones } from '../../testing/time-zones-suite';
import { testTypesAndTransforms } from '../../testing/types-and-transforms-suite';

testPipeline('duckdb-wasm', () => WasmEngine.createForNode());
testTypesAndTransforms('duckdb-wasm', () => WasmEngine.createForNode());
testTimeZones('duckdb-wasm', () => WasmEngine.createForNode());
