/**
 * The spec's column roles as the app uses them: read from the spec text (never kept beside it),
 * the header badge of each column, and setting a column's role, which rewrites only the spec's
 * `columns` block (one undo step).
 */
import { useCallback, useMemo } from 'react';
import { declaredRoles, roleOfColumn, withColumnRole, type Role } from '../../pipelines/spec/column-roles';
import type { ClassValue, ColumnRoles } from '../../pipelines/spec/types';
import type { RoleSuggestion, SuggestedRoles } from '../../pipelines/stats/profile/suggest-roles';
import { roleBadge } from '../profile/column-role-text';
import { useApp, useDraft } from '../state/store';

export interface ColumnRolesState {
  /** The roles as written; undefined when the spec has none, null when its block is not sound. */
  roles: ColumnRoles | undefined | null;
  /** Column -> its header badge (`id`, `score · 1`), for the columns that have a role. */
  badges: Record<string, string>;
  setRole(column: string, role: Role | null, positive?: ClassValue): void;
}

export function useColumnRoles(columns: readonly { name: string }[]): ColumnRolesState {
  const draft = useDraft();
  const editSpec = useApp((state) => state.editSpec);
  const roles = declaredRoles(draft.columns);
  const badges = useMemo(() => {
    const marks: Record<string, string> = {};
    if (!roles) return marks;
    for (const { name } of columns) {
      const role = roleOfColumn(roles, name);
      if (role) marks[name] = roleBadge(role);
    }
    return marks;
  }, [roles, columns]);
  const setRole = useCallback(
    (column: string, role: Role | null, positive?: ClassValue) =>
      editSpec((current) => {
        const now = declaredRoles(current.columns);
        // A block with a problem is the person's to fix in the spec: nothing here rewrites it.
        if (now === null) return current;
        return { ...current, columns: withColumnRole(now, column, role, positive) };
      }),
    [editSpec],
  );
  return { roles, badges, setRole };
}

/** The profile's suggested role for `column`, with a score's positive class. */
export function suggestionFor(suggested: SuggestedRoles | null, column: string): (RoleSuggestion & { positive?: ClassValue }) | undefined {
  const reason = suggested?.reasons.find((candidate) => candidate.column === column);
  if (!reason) return undefined;
  const score = suggested!.columns.score;
  return reason.role === 'score' && score && 'column' in score ? { ...reason, positive: (score as { positive: ClassValue }).positive } : reason;
}
