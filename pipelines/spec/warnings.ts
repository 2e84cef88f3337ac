/**
 * What a valid spec's checks say about their own parameters without being wrong: a range with no
 * bounds holds for any value, an empty set for none, an empty pattern matches everything (Great
 * Expectations' meaning, see docs/gx.md). They do not stop a run; `winnow validate` prints them.
 */
import { formatPlace, type Place } from '../errors';
import { checks } from '../steps/registry';
import type { Spec } from './types';

export interface SpecWarning {
  place: Place;
  message: string;
}

/** The warnings of the spec's enabled checks, in step order. */
export function specWarnings(spec: Spec, file: string): SpecWarning[] {
  return spec.steps.flatMap((step) => {
    const definition = step.enabled === false || !step.check ? undefined : checks.get(step.check);
    return (definition?.warnings?.(step as never) ?? []).map(({ field, message }) => ({ place: { file, stepId: step.id, field }, message }));
  });
}

/** One line: `warning: file, step "id", field "min": message`. */
export function warningLine({ place, message }: SpecWarning): string {
  return `warning: ${formatPlace(place)}${message}`;
}
