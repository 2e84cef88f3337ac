/**
 * A step with the fields it leaves out taken from the spec's `columns` roles (each check's
 * fromRoles says which): the spec says once which column is the label, and every check uses it.
 * A field the step writes always wins. Applied before a step is validated, checked against the
 * columns and run, so all three see the same parameters.
 *
 * @example
 * stepWithRoles({ id: 'fair', check: 'slice_metric', by: 'site', metric: 'ece', max: 0.1 }, { label: 'sick', score: { column: 'p', positive: 1 } })
 * // { id: 'fair', check: 'slice_metric', by: 'site', metric: 'ece', max: 0.1, label: 'sick', score: 'p', positive: 1 }
 */
import type { ColumnRoles } from '../spec/types';
import { checks } from './registry';

export function stepWithRoles<S extends object>(step: S, roles: ColumnRoles | undefined): S {
  const kind = (step as { check?: unknown }).check;
  if (!roles || typeof kind !== 'string') return step;
  const filled = checks.get(kind)?.fromRoles?.(step as never, roles);
  if (!filled) return step;
  const written = step as Record<string, unknown>;
  const taken = Object.entries(filled).filter(([field, value]) => value !== undefined && written[field] === undefined);
  return taken.length ? { ...step, ...Object.fromEntries(taken) } : step;
}
