/**
 * DuckDB's error text, said for the cell it belongs to. The reading lives in the core
 * (pipelines/run/engine-errors.ts), so the app and `winnow run` say the same thing.
 */
export { stepProblem, type StepProblem } from '../../pipelines/run/engine-errors';
