import { NativeEngine } from '../runner/native-engine';
import { testPipeline } from './test-pipeline';
import { testTimeZones } from './test-time-zones';
import { testTypesAndTransforms } from './test-types-and-transforms';

testPipeline('native DuckDB', () => NativeEngine.create({ threads: 2 }));
testTypesAndTransforms('native DuckDB', () => NativeEngine.create({ threads: 2 }));
testTimeZones('native DuckDB', () => NativeEngine.create({ threads: 2 }));
