/**
 * What an output's `from` names: a step, for the rows and columns as they are right after it
 * (`from: dedupe`), or a part of a split step, for that part's rows at the end of the pipeline
 * (`from: split.train`). Step ids hold no dot, so the first dot ends the step id; a part name
 * may hold dots of its own.
 *
 * @example
 * outputFrom('split.train') // { stepId: 'split', part: 'train' }
 * outputFrom('dedupe')      // { stepId: 'dedupe', part: null }
 */
import type { StepSpec } from './types';

export interface OutputFrom {
  stepId: string;
  /** The split part, or null for the data right after the step. */
  part: string | null;
}

export function outputFrom(from: string): OutputFrom {
  const dot = from.indexOf('.');
  return dot < 0 ? { stepId: from, part: null } : { stepId: from.slice(0, dot), part: from.slice(dot + 1) };
}

/** The part names of a split step (its fractions' or, for a time split, its cutoffs' keys); none for any other step. */
export function splitPartNames(step: StepSpec): string[] {
  if (step.transform !== 'split') return [];
  const parts = step.method === 'time' ? step.cutoffs : step.fractions;
  return parts && typeof parts === 'object' && !Array.isArray(parts) ? Object.keys(parts) : [];
}

/** The ids of the steps whose data right after them some output takes (`from: <step id>`). */
export function stepsOutputsTake(outputs: readonly { from?: string }[]): Set<string> {
  return new Set(
    outputs
      .flatMap((output) => (output.from === undefined ? [] : [outputFrom(output.from)]))
      .filter((from) => from.part === null)
      .map((from) => from.stepId),
  );
}
