/** The SQL a cell compiles to, for the "SQL" toggle: the same SQL the executor runs, over `input`. */
import type { Engine } from '../../pipelines/engine/engine';
import type { ColumnRoles, StepSpec } from '../../pipelines/spec/types';
import { checks, transforms } from '../../pipelines/steps/registry';
import { stepWithRoles } from '../../pipelines/steps/role-defaults';
import type { StepContext } from '../../pipelines/steps/step';
import type { Column } from '../../pipelines/table/column';
import { BASE_INTERNAL_COLUMNS } from '../../pipelines/table/rejects';

/** `roles`: the spec's column roles, which fill what the step leaves out, as in a run. */
export function stepSql(written: StepSpec, columns: Column[], fitted: Record<string, unknown> = {}, roles?: ColumnRoles): string {
  const step = stepWithRoles(written, roles);
  const context: StepContext = {
    engine: undefined as unknown as Engine,
    table: 'input',
    columns,
    roles,
    internalColumns: [...BASE_INTERNAL_COLUMNS],
    seed: 0,
    asOf: new Date(),
    stepId: step.id,
    source: () => Promise.reject(new Error('not available in a preview')),
  };
  try {
    if (step.check) {
      const check = checks.get(step.check);
      if (!check) return `-- unknown check ${step.check}`;
      if (!check.rows) return `-- ${step.check} judges the whole table with its own queries (pipelines/steps/checks); it has no single row predicate.`;
      const { domain, failing } = check.rows(step as never, context);
      return `SELECT count(*) FILTER (WHERE ${domain}) AS counted,\n       count(*) FILTER (WHERE (${domain}) AND (${failing})) AS unexpected\nFROM input`;
    }
    const transform = transforms.get(String(step.transform));
    if (!transform) return `-- unknown transform ${step.transform}`;
    const compiled = transform.compile(step as never, context, fitted);
    return compiled.rejects ? `${compiled.select};\n\n-- rows rejected:\n${compiled.rejects}` : compiled.select;
  } catch (error) {
    return `-- cannot compile yet: ${(error as Error).message}`;
  }
}
