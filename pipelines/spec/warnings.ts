/**
 * What a valid spec's checks say about their own parameters without being wrong: a range with no
 * bounds holds for any value, an empty set for none, an empty pattern matches everything (Great
 * Expectations' meaning, see docs/gx.md). They do not stop a run; `winnow validate` prints them.
 */
import { formatPlace, type Place } from '../errors';
import { checks, transforms } from '../steps/registry';
import { notDriftTested, notDriftTestedReason } from './column-roles';
import type { Spec, StepSpec } from './types';

export interface SpecWarning {
  place: Place;
  message: string;
}

/** The warnings of the spec's enabled steps, in step order. */
export function specWarnings(spec: Spec, file: string): SpecWarning[] {
  return spec.steps.flatMap((step) => {
    const definition = step.enabled === false ? undefined : step.check ? checks.get(step.check) : transforms.get(String(step.transform));
    const own = (definition?.warnings?.(step as never) ?? []).map(({ field, message }) => ({ place: { file, stepId: step.id, field }, message }));
    return [...own, ...(step.enabled === false ? [] : roleWarnings(spec, step, file))];
  });
}

/**
 * Drift checks that name a column the spec's roles make an id, the timestamp or ignored: the run
 * leaves such a column out (drift: not evaluated; drift_share: skipped), so validate says so first.
 */
function roleWarnings(spec: Spec, step: StepSpec, file: string): SpecWarning[] {
  const untested = notDriftTested(spec.columns);
  const [field, names] = namedDriftColumns(step);
  return names.flatMap((name) => {
    const role = untested.get(name);
    if (!role) return [];
    const outcome = step.check === 'drift' ? 'so the check will not be evaluated' : 'so it is left out of the share';
    return [{ place: { file, stepId: step.id, field }, message: `column "${name}": ${notDriftTestedReason(role)}, ${outcome}` }];
  });
}

/**
 * Drift checks whose column (drift) or listed columns (drift_share) their baseline source lacks,
 * given each source's columns as read: such a check will end `not_evaluated`, so validate says so.
 */
export function baselineWarnings(spec: Spec, file: string, sourceColumns: ReadonlyMap<string, readonly { name: string }[]>): SpecWarning[] {
  return spec.steps.flatMap((step) => {
    const columns = step.enabled === false ? undefined : sourceColumns.get(String(step.baseline));
    const [field, names] = namedDriftColumns(step);
    if (!columns) return [];
    return names
      .filter((name) => !columns.some((column) => column.name === name))
      .map((name) => ({
        place: { file, stepId: step.id, field },
        message: `column "${name}" is not in baseline "${String(step.baseline)}", so the check will not be evaluated`,
      }));
  });
}

/** The columns a drift check names, and the field naming them. */
function namedDriftColumns(step: StepSpec): [string, string[]] {
  if (step.check === 'drift' && typeof step.column === 'string') return ['column', [step.column]];
  if (step.check === 'drift_share' && Array.isArray(step.columns)) return ['columns', step.columns.map(String)];
  return ['', []];
}

/** One line: `warning: file, step "id", field "min": message`. */
export function warningLine({ place, message }: SpecWarning): string {
  return `warning: ${formatPlace(place)}${message}`;
}
