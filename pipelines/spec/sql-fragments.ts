/**
 * Checks every SQL parameter of a spec's steps (each step kind lists its own in `sqlFields`)
 * with the engine's DuckDB, before anything runs: `winnow validate` and every run call this.
 * A disabled step is never written into SQL, so it is not checked.
 */
import type { Engine } from '../engine/engine';
import { sqlFragmentChecker } from '../engine/sql-fragment';
import { WinnowError } from '../errors';
import { checks, transforms } from '../steps/registry';
import type { Spec } from './types';

/** One error per SQL parameter that is not what its step needs, naming file, step and field. */
export async function checkSqlFragments(engine: Engine, spec: Spec, file: string): Promise<WinnowError[]> {
  const fragments = spec.steps.flatMap((step) => {
    if (step.enabled === false) return [];
    const definition = step.check ? checks.get(step.check) : transforms.get(String(step.transform));
    return Object.entries(definition?.sqlFields ?? {})
      .filter(([field]) => typeof step[field] === 'string')
      .map(([field, kind]) => ({ stepId: step.id, field, kind, text: step[field] as string }));
  });
  if (fragments.length === 0) return [];
  const check = await sqlFragmentChecker(engine);
  if (!check) return [];
  const errors: WinnowError[] = [];
  for (const { stepId, field, kind, text } of fragments) {
    const problem = await check(kind, text);
    if (problem) errors.push(new WinnowError(problem, { file, stepId, field }, 'spec'));
  }
  return errors;
}
