/**
 * Checks a spec's steps against a source's columns without running anything: each step may
 * only read columns that exist at its place in the pipeline (earlier transforms can add, drop
 * or rename them).
 */
import { WinnowError } from '../errors';
import { checks, transforms } from '../steps/registry';
import type { Column } from '../steps/step';
import { didYouMean } from './did-you-mean';
import type { Spec } from './types';

export function checkStepColumns(spec: Spec, columns: Column[], file: string): WinnowError[] {
  const errors: WinnowError[] = [];
  let current = columns;
  for (const step of spec.steps) {
    if (step.enabled === false) continue;
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
