/** Every check and transform of the core, grouped for the "Add step" menu, with a fresh step for each. */
import { roleColumns } from '../../pipelines/spec/column-roles';
import type { ColumnRoles, StepSpec } from '../../pipelines/spec/types';
import { checks, transforms } from '../../pipelines/steps/registry';
import type { Column } from '../../pipelines/table/column';

export interface CatalogEntry {
  kindKey: 'check' | 'transform';
  name: string;
  summary: string;
  group: string;
}

const groups: Record<string, string> = {
  column_exists: 'Schema',
  schema: 'Schema',
  of_type: 'Schema',
  not_null: 'Values',
  between: 'Values',
  in_set: 'Values',
  regex: 'Values',
  unique: 'Values',
  sql: 'Values',
  row_count_between: 'Dataset',
  mean_between: 'Dataset',
  unique_proportion_between: 'Dataset',
  null_fraction: 'Dataset',
  duplicates: 'Dataset',
  freshness: 'Dataset',
  quantile_between: 'Dataset',
  pii: 'Dataset',
  drift: 'Drift and slices',
  drift_share: 'Drift and slices',
  slice_metric: 'Drift and slices',
  agreement: 'Labels',
  label_conflicts: 'Labels',
  class_balance: 'Labels',
  near_duplicates: 'Labels',
  select: 'Columns',
  drop: 'Columns',
  rename: 'Columns',
  cast: 'Columns',
  derive: 'Columns',
  filter: 'Rows',
  dedupe: 'Rows',
  sample: 'Rows',
  fill_null: 'Rows',
  normalize: 'Features',
  encode: 'Features',
  split: 'Split',
};

export const catalog: CatalogEntry[] = [
  ...[...checks.values()].map((check) => ({
    kindKey: 'check' as const,
    name: check.name,
    summary: check.summary,
    group: `Checks · ${groups[check.name] ?? (/outlier/.test(check.name) ? 'Outliers' : 'Other')}`,
  })),
  ...[...transforms.values()].map((transform) => ({
    kindKey: 'transform' as const,
    name: transform.name,
    summary: transform.summary,
    group: `Transforms · ${transform.name === 'sql' ? 'SQL' : (groups[transform.name] ?? 'Other')}`,
  })),
];

/** Entries matching a search: every word must appear in the name, summary or group. */
export function searchCatalog(query: string): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return catalog.filter((entry) => words.every((word) => `${entry.name} ${entry.summary} ${entry.group}`.toLowerCase().includes(word.replaceAll(' ', '_'))));
}

/** A unique step id from the kind: not_null, not_null_2, ... */
export function freshId(name: string, steps: readonly StepSpec[]): string {
  const taken = new Set(steps.map((step) => step.id));
  if (!taken.has(name)) return name;
  let index = 2;
  while (taken.has(`${name}_${index}`)) index++;
  return `${name}_${index}`;
}

/**
 * A new step of a kind, with its required column parameters pre-filled from the data, and from the
 * spec's column roles where it declares them: the label of a label check, the text of
 * near_duplicates, the timestamp of freshness, the ids as a hash split's key.
 */
export function newStep(entry: CatalogEntry, steps: readonly StepSpec[], columns: readonly Column[], roles?: ColumnRoles): StepSpec {
  const definition = entry.kindKey === 'check' ? checks.get(entry.name)! : transforms.get(entry.name)!;
  const step: StepSpec = { id: freshId(entry.name, steps), [entry.kindKey]: entry.name };
  const first = columns[0]?.name;
  const numeric = columns.find((column) => /INT|DOUBLE|FLOAT|DECIMAL/.test(column.type))?.name ?? first;
  for (const name of definition.params.required ?? []) {
    if (name === 'column' && first) step.column = ['between', 'mean_between', 'quantile_between', 'fill_null'].includes(entry.name) ? numeric : first;
    if (name === 'columns' && first) step.columns = entry.name === 'schema' || entry.name === 'rename' || entry.name === 'cast' ? {} : [first];
  }
  if (entry.name === 'split') Object.assign(step, { method: 'hash', fractions: { train: 0.8, valid: 0.1, test: 0.1 } });
  if (roles) fillFromRoles(step, definition.params.properties, columns, roles);
  if (entry.kindKey === 'check') step.on_fail = 'warn';
  return step;
}

/** The parameters a declared role answers, for the columns present at this point of the pipeline. */
function fillFromRoles(step: StepSpec, params: Record<string, object>, columns: readonly Column[], roles: ColumnRoles): void {
  const present = (names: string[]) => names.filter((name) => columns.some((column) => column.name === name));
  const one = (role: Parameters<typeof roleColumns>[1]) => present(roleColumns(roles, role))[0];
  const kind = String(step.check ?? step.transform);
  const label = one('label');
  if ('label' in params && label && kind !== 'agreement') step.label = label;
  if (kind === 'slice_metric' && one('prediction')) step.prediction = one('prediction');
  if (kind === 'near_duplicates' && one('text')) step.column = one('text');
  if (kind === 'freshness' && one('timestamp')) step.column = one('timestamp');
  const ids = present(roleColumns(roles, 'id'));
  if (kind === 'split' && ids.length) step.key = ids;
}

/** Parameters that mean something only for some values of another (split's per-method fields). */
const onlyFor: Record<string, Record<string, (step: StepSpec) => boolean>> = {
  split: {
    fractions: (step) => step.method !== 'time',
    key: (step) => step.method === 'hash' || step.method === 'group' || step.method === undefined,
    by: (step) => step.method === 'stratified',
    column: (step) => step.method === 'time',
    cutoffs: (step) => step.method === 'time',
  },
};

/** Whether the form shows `field` for this step: fields of another method stay hidden unless set. */
export function fieldShown(step: StepSpec, field: string): boolean {
  const kind = String(step.check ?? step.transform);
  const rule = onlyFor[kind]?.[field];
  return !rule || rule(step) || step[field] !== undefined;
}
