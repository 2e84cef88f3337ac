/**
 * Checks a spec's steps against a source's columns without running anything: each step may
 * only read columns that exist at its place in the pipeline (earlier transforms can add, drop
 * or rename them).
 */
import { WinnowError } from '../errors';
import { checks, transforms } from '../steps/registry';
import { stepWithRoles } from '../steps/role-defaults';
import type { Column } from '../table/column';
import { quotedName, roleColumns, roleField, ROLES } from './column-roles';
import { didYouMean } from './did-you-mean';
import type { Spec } from './types';

export function checkStepColumns(spec: Spec, columns: Column[], file: string): WinnowError[] {
  const errors: WinnowError[] = [];
  let current = columns;
  for (const written of spec.steps) {
    if (written.enabled === false) continue;
    const step = stepWithRoles(written, spec.columns);
    const definition = step.check ? checks.get(step.check) : transforms.get(String(step.transform));
    if (!definition) continue;
    const names = current.map((column) => column.name);
    for (const column of definition.reads(step as never)) {
      if (!names.includes(column)) {
        errors.push(new WinnowError(`no column "${column}" at this step${didYouMean(column, names)}`, { file, stepId: step.id, field: 'column' }, 'spec'));
      }
    }
    if (definition.kind === 'transform') current = definition.columnsAfter(step as never, current);
  }
  return errors;
}

/**
 * Each role of the spec's `columns` block names columns of the input: one error per role that does
 * not, naming `columns.<role>`, the first missing column (with a suggestion) and how many more.
 */
export function checkRoleColumns(spec: Spec, columns: Column[], file: string): WinnowError[] {
  if (!spec.columns) return [];
  const names = columns.map((column) => column.name);
  const known = new Set(names);
  const errors: WinnowError[] = [];
  for (const role of ROLES) {
    const missing = roleColumns(spec.columns, role).filter((column) => !known.has(column));
    if (missing.length === 0) continue;
    const [first] = missing as [string];
    // A suggestion compares names letter by letter: not worth it for a name far longer than any column's.
    const hint = first.length <= 200 ? didYouMean(first, names) : '';
    const more = missing.length > 1 ? ` (and ${missing.length - 1} more missing)` : '';
    errors.push(new WinnowError(`no column ${quotedName(first)} in the input${hint}${more}`, { file, field: roleField(role) }, 'spec'));
  }
  return errors;
}
