/** What a run found, step by step: the shape the manifest and report are written from. */
import type { Value } from '../engine/engine';

/**
 * passed: the check held (and, with on_fail: reject, no row was rejected);
 * warned: it did not hold, on_fail: warn; rejected: rows were moved to the rejects;
 * failed: it did not hold, on_fail: fail (the run fails); done: a transform ran;
 * skipped: the step is disabled; not_evaluated: a dataset-level check had nothing to measure
 * (no comparable column, no labelled row, ...: see `reason`), so it neither held nor failed. It
 * fails the run where the check's failure would (`failsRun`: on_fail fail, or reject on a
 * dataset-level check) and is a warning otherwise (docs/gx.md#not-evaluated).
 */
export type StepStatus = 'passed' | 'warned' | 'rejected' | 'failed' | 'not_evaluated' | 'done' | 'skipped';

export interface FailingExample {
  /** Winnow's row number (1-based over the input, in file order). */
  row: number;
  file: string | null;
  line: number | null;
  value: Value;
}

export interface StepResult {
  id: string;
  /** The step kind: not_null, between, split, ... */
  kind: string;
  type: 'check' | 'transform';
  success: boolean;
  status: StepStatus;
  rowsIn: number;
  rowsOut: number;
  /** Rows counted by the check (the denominator of unexpectedFraction); null for dataset-level checks. */
  elementCount: number | null;
  unexpectedCount: number | null;
  unexpectedFraction: number | null;
  /** Rows this step sent to the rejects. */
  rejected: number;
  /** Rows this transform removed on purpose (filter, dedupe, sample). */
  dropped: number;
  observed: Record<string, unknown>;
  examples: FailingExample[];
  /** Parameters learnt from the data (normalize, encode, fill_null). */
  fitted?: Record<string, unknown>;
  /** What its parameters make of a check that it still ran: a range with no bounds, an empty set (see CheckDefinition.warnings). */
  warnings?: string[];
  /** A not_evaluated check: what it had nothing to measure in, one line ("no labelled row in label"). */
  reason?: string;
  /** A not_evaluated check: whether that failed the run (else it is a warning). */
  failsRun?: boolean;
  /** The step's own parameters as written (besides id and kind). */
  params: Record<string, unknown>;
  durationMs: number;
}

export interface GateResult {
  gate: string;
  limit: number;
  observed: number;
  passed: boolean;
}

export interface RowCounts {
  /** Data rows in the input, parsed or not. */
  read: number;
  /** Rows that reached the end of the steps. */
  kept: number;
  /** Rows in the rejects (unparseable, rejected by a check, a cast or a split). */
  rejected: number;
  /** Rows removed on purpose by filter, dedupe and sample. */
  dropped: number;
}
