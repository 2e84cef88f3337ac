import { NativeEngine } from '../runner/native-engine';
import { testPipeline } from './test-pipeline';

testPipeline('native DuckDB', () => NativeEngine.create({ threads: 2 }));
