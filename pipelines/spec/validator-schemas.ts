/**
 * The schemas the spec parser validates with, by id: the top level, and one per step kind.
 * They are compiled ahead of time into pipelines/spec/generated/validators.js (ajv's standalone
 * code), because the app's Content-Security-Policy rightly forbids compiling code at run time.
 */
import { checks, transforms } from '../steps/registry';
import { stepKindSchema, topLevelSchema } from './schema';

export const TOP_LEVEL = 'spec';

/** The id of a step kind's validator. */
export function stepValidatorId(kindKey: 'check' | 'transform', name: string): string {
  return `${kindKey}_${name}`;
}

export function validatorSchemas(): Record<string, object> {
  const schemas: Record<string, object> = { [TOP_LEVEL]: topLevelSchema() };
  for (const check of checks.values()) schemas[stepValidatorId('check', check.name)] = stepKindSchema('check', check.name, check.params, Boolean(check.rows));
  for (const transform of transforms.values())
    schemas[stepValidatorId('transform', transform.name)] = stepKindSchema('transform', transform.name, transform.params, false);
  return schemas;
}
