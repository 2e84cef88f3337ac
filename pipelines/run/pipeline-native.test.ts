import { NativeEngine } from '../node/engine/native-engine';
import { testPipeline } from '../../testing/pipeline-suite';
import { testTimeZones } from '../../testing/time-zones-suite';
import { testTypesAndTransforms } from '../../testing/types-and-transforms-suite';

testPipeline('native DuckDB', () => NativeEngine.create({ threads: 2 }));
testTypesAndTransforms('native DuckDB', () => NativeEngine.create({ threads: 2 }));
testTimeZones('native DuckDB', () => NativeEngine.create({ threads: 2 }));
