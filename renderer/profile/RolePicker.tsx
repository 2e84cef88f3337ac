/**
 * A column's role (the spec's `columns` block, issue 14), shown and set in its profile panel: the
 * role it has, a choice of another, the class a score is the probability of, and the role the
 * profile suggests with why. Setting one rewrites only the spec's `columns` block; the header
 * badge, the views' defaults and `winnow run` all read it from there.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { roleOfColumn, ROLES, type Role } from '../../pipelines/spec/column-roles';
import type { ClassValue, ColumnRoles } from '../../pipelines/spec/types';
import type { RoleSuggestion } from '../../pipelines/stats/profile/suggest-roles';
import { classValue, ROLE_HELP, roleBadge } from './column-role-text';

export interface RolePickerProps {
  column: string;
  /** The spec's roles as written; null when the block is not sound (the spec panel says why). */
  roles: ColumnRoles | undefined | null;
  /** The label column's type, so a positive class typed as `1` is written as the number 1. */
  labelType: string | undefined;
  /** What the profile suggests for this column, when anything (a score with its positive class). */
  suggestion: (RoleSuggestion & { positive?: ClassValue }) | undefined;
  onSetRole(role: Role | null, positive?: ClassValue): void;
}

export function RolePicker({ column, roles, labelType, suggestion, onSetRole }: RolePickerProps) {
  const current = roles ? roleOfColumn(roles, column) : null;
  const [choice, setChoice] = useState<Role | ''>(current?.role ?? '');
  const [positive, setPositive] = useState(current?.positive === undefined ? '' : String(current.positive));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setChoice(current?.role ?? '');
    setPositive(current?.positive === undefined ? '' : String(current.positive));
    setProblem(null);
  }, [column, current?.role, current?.positive]);

  if (roles === null) {
    return (
      <p className="role-picker muted" role="note">
        The spec’s <code>columns</code> block has a problem (see Spec); fix it there to set roles here.
      </p>
    );
  }

  const apply = (role: Role | '', typed: string) => {
    setProblem(null);
    if (role === 'score' && !typed.trim()) {
      setProblem('A score needs its positive class: the class this column is the probability of, as the label column writes it.');
      return;
    }
    onSetRole(role === '' ? null : role, role === 'score' ? classValue(typed.trim(), labelType) : undefined);
  };
  const onChoose = (role: Role | '') => {
    setChoice(role);
    // A score waits for its class; every other role applies at once.
    if (role !== 'score') apply(role, '');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply(choice, positive);
  };

  return (
    <form className="role-picker" aria-label={`Role of ${column}`} onSubmit={onSubmit}>
      <label htmlFor="column-role">Role</label>
      <div className="row">
        <select id="column-role" value={choice} onChange={(event) => onChoose(event.target.value as Role | '')}>
          <option value="">none (a feature)</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role === 'features' ? 'feature (listed)' : role}
            </option>
          ))}
        </select>
      </div>
      <p className="small muted">{choice === '' ? 'Every column without a role is a feature.' : ROLE_HELP[choice]}</p>
      {choice === 'score' ? (
        <div className="row">
          <input
            aria-label="Positive class"
            placeholder="positive class, e.g. 1 or yes"
            value={positive}
            onChange={(event) => setPositive(event.target.value)}
          />
          <button type="submit">Set</button>
        </div>
      ) : null}
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      {current ? (
        <p className="small">
          In the spec: <code>{roleBadge(current)}</code>
        </p>
      ) : null}
      {suggestion && suggestion.role !== current?.role ? (
        <p className="role-suggestion small">
          Suggested: <strong>{suggestion.role}</strong> — {suggestion.reason}{' '}
          <button type="button" onClick={() => (suggestion.role === 'score' ? onSetRole('score', suggestion.positive) : onChoose(suggestion.role as Role))}>
            Use
          </button>
        </p>
      ) : null}
    </form>
  );
}
