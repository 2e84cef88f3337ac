/**
 * What the views start with when the spec declares column roles (issue 14): the Slices view's
 * label, prediction, score and positive class, the Labels view's label, item and annotator, and
 * the columns the Drift view never tests. A setting the person chose in a view wins over these.
 */
import { notDriftTested, notDriftTestedReason } from '../../pipelines/spec/column-roles';
import type { ColumnRoles } from '../../pipelines/spec/types';

export interface RoleDefaults {
  label: string;
  prediction: string;
  /** The score column, when the spec gives one column and its positive class. */
  score: string;
  /** That positive class, as text (the Slices view's field). */
  positive: string;
  item: string;
  annotator: string;
}

export function roleDefaults(roles: ColumnRoles | undefined): RoleDefaults {
  const score =
    roles?.score && 'column' in roles.score && typeof roles.score.column === 'string'
      ? (roles.score as { column: string; positive: string | number | boolean })
      : null;
  return {
    label: roles?.label ?? '',
    prediction: roles?.prediction ?? '',
    score: score?.column ?? '',
    positive: score ? String(score.positive) : '',
    item: roles?.item ?? '',
    annotator: roles?.annotator ?? '',
  };
}

/** Column -> why the Drift view does not compare it (`columns.id: never tested for drift`). */
export function driftExclusions(roles: ColumnRoles | undefined): Map<string, string> {
  return new Map([...notDriftTested(roles)].map(([column, role]) => [column, notDriftTestedReason(role)]));
}
