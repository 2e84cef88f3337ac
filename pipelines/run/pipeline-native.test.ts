import { NativeEngine } from '../runner/native-engine';
import { testPipeline } from './test-pipeline';
import { testTimeZones } from './test-time-zones';

testPipeline('native DuckDB', () => NativeEngine.create({ threads: 2 }));
testTimeZones('native DuckDB', () => NativeEngine.create({ threads: 2 }));
