/**
 * The spec's column roles in the pipeline settings: each declared role and its columns, read from
 * the `columns` block as written. A role is set in a column's profile (its header badge opens it).
 */
import { roleColumns, roleProblems, ROLES } from '../../pipelines/spec/column-roles';
import type { ColumnRoles } from '../../pipelines/spec/types';
import { roleBadge } from '../profile/column-role-text';

export function RolesSummary({ value }: { value: unknown }) {
  const hint = <p className="muted">Set a column’s role in its profile: click the column’s type in the grid header.</p>;
  if (value === undefined)
    return (
      <>
        {hint}
        <p className="muted">No roles declared: every column is a feature, and drift tests every column.</p>
      </>
    );
  // A block with problems: the problems below say what; nothing is read from it.
  if (roleProblems(value).length) return hint;
  const roles = value as ColumnRoles;
  const rows = ROLES.map((role) => [role, roleColumns(roles, role)] as const).filter(([, columns]) => columns.length > 0);
  return (
    <>
      <table className="stats" aria-label="Column roles">
        <tbody>
          {rows.map(([role, columns]) => (
            <tr key={role}>
              <th scope="row">
                {role === 'score'
                  ? roleBadge({ role, ...('column' in roles.score! ? { positive: (roles.score as { positive: string | number | boolean }).positive } : {}) })
                  : role}
              </th>
              <td>{columns.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hint}
    </>
  );
}
