/**
 * Column roles, the spec's `columns` block: which input column is the id, the timestamp, the label,
 * the score (Evidently's column mapping), said once so that every check and view can use it.
 * Checked when the spec is read (roleProblems: the shapes, and no column in two roles) and again
 * once the input's columns are known (checkRoleColumns in check-columns.ts).
 *
 * @example
 * roleProblems({ id: 'patient_id', label: 'patient_id' })
 * // [{ role: 'label', message: 'column "patient_id" is already columns.id: a column has one role (features aside)' }]
 */
import { didYouMean } from './did-you-mean';
import type { ClassValue, ColumnRoles } from './types';

export const ROLES = ['id', 'timestamp', 'label', 'prediction', 'score', 'annotator', 'item', 'text', 'features', 'ignore'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that name exactly one column. */
const SINGLE_COLUMN: readonly Role[] = ['timestamp', 'label', 'prediction', 'annotator', 'item', 'text'];

/** Roles whose columns no drift test looks at: they differ between datasets by design. */
const NOT_DRIFT_TESTED: readonly Role[] = ['id', 'timestamp', 'ignore'];

/** A problem with the block: `role` is the key it is about (the whole block when absent), shown as `columns.<role>`. */
export interface RoleProblem {
  role?: string;
  message: string;
}

/** A name from the spec, quoted on one line and cut short when long. */
export function quotedName(name: string): string {
  const limit = 80;
  return name.length > limit ? `${JSON.stringify(name.slice(0, limit))}… (${name.length} characters)` : JSON.stringify(name);
}

/** The place a role's problem is reported at: `columns.label`. */
export function roleField(role: string | undefined): string {
  return role === undefined ? 'columns' : `columns.${role}`;
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function described(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? quotedName(value) : String(value);
}

const isColumnName = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function columnNameProblem(value: unknown): string | undefined {
  return isColumnName(value) ? undefined : `expected a column name, got ${value === '' ? 'an empty string' : described(value)}`;
}

function listProblem(value: unknown[], minItems: number): string | undefined {
  if (value.length < minItems) return 'expected at least one column';
  const seen = new Set<string>();
  for (const [index, item] of value.entries()) {
    const problem = columnNameProblem(item);
    if (problem) return `item ${index + 1}: ${problem}`;
    if (seen.has(item as string)) return `lists column ${quotedName(item as string)} twice`;
    seen.add(item as string);
  }
  return undefined;
}

function scoreProblem(score: unknown): string | undefined {
  if (!isMapping(score)) return `expected { column: <name>, positive: <class> } or a mapping of class to column, got ${described(score)}`;
  if ('column' in score || 'positive' in score) {
    const extra = Object.keys(score).find((key) => key !== 'column' && key !== 'positive');
    if (extra) return `unknown field ${quotedName(extra)} of a score given as { column, positive }${didYouMean(extra, ['column', 'positive'])}`;
    if (!('column' in score)) return 'a score with "positive" also needs "column": the column holding the score';
    const column = columnNameProblem(score.column);
    if (column) return `column: ${column}`;
    if (!('positive' in score)) return 'missing "positive": the class the score is the probability of, as the label column writes it';
    const { positive } = score;
    const isClass = typeof positive === 'string' || typeof positive === 'boolean' || (typeof positive === 'number' && Number.isFinite(positive));
    return isClass ? undefined : `positive: expected a class (text, a number or true/false), got ${described(positive)}`;
  }
  const entries = Object.entries(score);
  if (entries.length === 0) return 'expected { column: <name>, positive: <class> } or at least one class: column';
  const classOf = new Map<string, string>();
  for (const [label, column] of entries) {
    const problem = columnNameProblem(column);
    if (problem) return `class ${quotedName(label)}: ${problem}`;
    const earlier = classOf.get(column as string);
    if (earlier !== undefined) return `column ${quotedName(column as string)} is the score of both class ${quotedName(earlier)} and class ${quotedName(label)}`;
    classOf.set(column as string, label);
  }
  return undefined;
}

function shapeProblem(role: Role, value: unknown): string | undefined {
  if (SINGLE_COLUMN.includes(role)) return columnNameProblem(value);
  if (role === 'score') return scoreProblem(value);
  if (role === 'id') {
    if (Array.isArray(value)) return listProblem(value, 1);
    return isColumnName(value) ? undefined : `expected a column name or a list of them, got ${value === '' ? 'an empty string' : described(value)}`;
  }
  if (Array.isArray(value)) return listProblem(value, 0);
  return `expected a list of column names, got ${described(value)}${typeof value === 'string' ? ` (write [${value}])` : ''}`;
}

/** The columns a role names, in the order written. */
export function roleColumns(roles: ColumnRoles, role: Role): string[] {
  const value = roles[role];
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value;
  return 'column' in value && typeof value.column === 'string' ? [value.column] : Object.values(value as Record<string, string>);
}

/** One line per role, however many of its columns clash: a 10,000-column list gives one error, not 10,000. */
function clashes(found: Map<Role, string[]>): RoleProblem[] {
  return [...found].map(([role, messages]) => ({
    role,
    message: messages.length === 1 ? messages[0]! : `${messages[0]!} (and ${messages.length - 1} more like it)`,
  }));
}

/**
 * Everything wrong with a `columns` block as written, without the data: unknown roles, values of the
 * wrong shape, and a column given two roles (a column may have one role, and be a feature as well
 * only when it is the text). Empty when it is sound.
 */
export function roleProblems(value: unknown): RoleProblem[] {
  if (!isMapping(value)) return [{ message: `expected a mapping of role to column (${ROLES.join(', ')}), got ${described(value)}` }];
  const problems: RoleProblem[] = [];
  for (const [role, given] of Object.entries(value)) {
    if (!(ROLES as readonly string[]).includes(role)) {
      problems.push({ role, message: `unknown role ${quotedName(role)}${didYouMean(role, ROLES)}: the roles are ${ROLES.join(', ')}` });
      continue;
    }
    const problem = shapeProblem(role as Role, given);
    if (problem) problems.push({ role, message: problem });
  }
  if (problems.length) return problems;
  const roles = value as ColumnRoles;
  const owner = new Map<string, Role>();
  const found = new Map<Role, string[]>();
  const clash = (role: Role, message: string) => {
    if (!found.has(role)) found.set(role, []);
    found.get(role)!.push(message);
  };
  for (const role of ROLES) {
    if (role === 'features') continue;
    for (const column of roleColumns(roles, role)) {
      const earlier = owner.get(column);
      if (earlier) clash(role, `column ${quotedName(column)} is already columns.${earlier}: a column has one role (features aside)`);
      else owner.set(column, role);
    }
  }
  for (const column of roles.features ?? []) {
    const other = owner.get(column);
    if (other === 'ignore') clash('features', `column ${quotedName(column)} is in both columns.features and columns.ignore`);
    else if (other && other !== 'text') clash('features', `column ${quotedName(column)} is columns.${other}, so it is not a feature`);
  }
  return clashes(found);
}

/**
 * The columns no drift test looks at, each with the role that says so: ids and timestamps differ
 * between any two datasets by design, and ignored columns are ignored.
 */
export function notDriftTested(roles: ColumnRoles | undefined): Map<string, Role> {
  const untested = new Map<string, Role>();
  if (!roles) return untested;
  for (const role of NOT_DRIFT_TESTED) for (const column of roleColumns(roles, role)) untested.set(column, role);
  return untested;
}

/**
 * The feature columns among `columns`: the roles' `features` when declared, else every column no
 * other role names (id, timestamp, label, prediction, score, annotator, item, text, ignore) and not
 * in `besides` (a step's own label). In the order of `columns`.
 *
 * @example
 * featureColumns({ id: 'patient', label: 'sick' }, ['patient', 'age', 'sick', 'site']) // ['age', 'site']
 */
export function featureColumns(roles: ColumnRoles | undefined, columns: readonly string[], besides: readonly string[] = []): string[] {
  if (roles?.features) return columns.filter((column) => roles.features!.includes(column) && !besides.includes(column));
  const taken = new Set(besides);
  for (const role of ROLES) if (role !== 'features' && roles) for (const column of roleColumns(roles, role)) taken.add(column);
  return columns.filter((column) => !taken.has(column));
}

/** The roles a spec's `columns` value declares (a draft's, not yet validated): undefined when it has none, null when the block is not sound. */
export function declaredRoles(value: unknown): ColumnRoles | undefined | null {
  if (value === undefined) return undefined;
  return roleProblems(value).length ? null : (value as ColumnRoles);
}

/** Why a column is left out of drift: `columns.id: never tested for drift`. */
export function notDriftTestedReason(role: Role): string {
  return `columns.${role}: never tested for drift`;
}

/** The role a column has, as the app shows it in the column's header. */
export interface ColumnRole {
  role: Role;
  /** For a score given as { column, positive }: the class it is the probability of. */
  positive?: ClassValue;
  /** For a score given as class -> column: the class this column scores. */
  scoreOf?: string;
}

/** The role `column` has in `roles` (its other role when it is also a listed feature); null when none. */
export function roleOfColumn(roles: ColumnRoles | undefined, column: string): ColumnRole | null {
  if (!roles) return null;
  for (const role of ROLES) {
    if (role === 'features' || !roleColumns(roles, role).includes(column)) continue;
    if (role !== 'score') return { role };
    const score = roles.score!;
    if ('column' in score && typeof score.column === 'string') return { role, positive: (score as { positive: ClassValue }).positive };
    const scored = Object.entries(score as Record<string, string>).find(([, name]) => name === column);
    return { role, ...(scored ? { scoreOf: scored[0] } : {}) };
  }
  return roles.features?.includes(column) ? { role: 'features' } : null;
}

/** `list` without `column`; undefined when nothing is left. */
function without(list: readonly string[], column: string): string[] | undefined {
  const rest = list.filter((name) => name !== column);
  return rest.length ? rest : undefined;
}

/** `roles` with `column` in no role at all. */
function withoutColumn(roles: ColumnRoles, column: string): ColumnRoles {
  const next: ColumnRoles = { ...roles };
  for (const role of SINGLE_COLUMN) if (next[role] === column) delete next[role];
  if (next.id !== undefined) {
    const rest = without(typeof next.id === 'string' ? [next.id] : next.id, column);
    if (rest === undefined) delete next.id;
    else next.id = rest.length === 1 ? rest[0]! : rest;
  }
  for (const role of ['features', 'ignore'] as const) {
    if (next[role] === undefined) continue;
    const rest = without(next[role]!, column);
    if (rest === undefined) delete next[role];
    else next[role] = rest;
  }
  if (next.score !== undefined) {
    const score = next.score;
    if ('column' in score && typeof score.column === 'string') {
      if (score.column === column) delete next.score;
    } else {
      const rest = Object.fromEntries(Object.entries(score as Record<string, string>).filter(([, name]) => name !== column));
      if (Object.keys(rest).length) next.score = rest;
      else delete next.score;
    }
  }
  return next;
}

/**
 * The roles after a person gave `column` the role `role` (null: no role). The column leaves any role
 * it had. A one-column role (label, timestamp, …) moves to it from the column that had it; ids,
 * features and ignored columns are lists, so it joins them. A score needs the class it is the
 * probability of. Undefined when no role is left, so the spec loses its `columns` block.
 *
 * @example
 * withColumnRole({ label: 'y' }, 'sick', 'label') // { label: 'sick' }
 * withColumnRole({ id: 'patient' }, 'visit', 'id') // { id: ['patient', 'visit'] }
 * withColumnRole({ label: 'y' }, 'p', 'score', true) // { label: 'y', score: { column: 'p', positive: true } }
 */
export function withColumnRole(roles: ColumnRoles | undefined, column: string, role: Role | null, positive?: ClassValue): ColumnRoles | undefined {
  const next = withoutColumn(roles ?? {}, column);
  if (role === 'score') {
    if (positive === undefined || positive === '')
      throw new Error(`A score needs its positive class: the class ${quotedName(column)} is the probability of, as the label column writes it.`);
    next.score = { column, positive };
  } else if (role === 'id') {
    const ids = next.id === undefined ? [] : typeof next.id === 'string' ? [next.id] : next.id;
    next.id = ids.length ? [...ids, column] : column;
  } else if (role === 'features' || role === 'ignore') {
    next[role] = [...(next[role] ?? []), column];
  } else if (role !== null) {
    next[role] = column;
  }
  return Object.keys(next).length ? next : undefined;
}
