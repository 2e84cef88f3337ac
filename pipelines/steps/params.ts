/** JSON Schema fragments shared by step parameter schemas, and the helpers that read them. */
import { ident } from '../sql';
import type { ParamProblem, StepContext } from './step';

export const columnParam = { type: 'string', minLength: 1, description: 'A column name.' } as const;
export const columnListParam = {
  type: 'array',
  items: columnParam,
  minItems: 1,
  description: 'Column names.',
} as const;
export const fractionParam = { type: 'number', minimum: 0, maximum: 1 } as const;
/** A bound: a number, or a string for dates and timestamps ("2024-01-31"). */
export const boundParam = { type: ['number', 'string'] } as const;
export const typeParam = {
  type: 'string',
  pattern: '^[A-Za-z][A-Za-z0-9_ ]*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?(\\[\\])?$',
  description: 'A DuckDB type name such as INTEGER, DOUBLE, VARCHAR, DATE, TIMESTAMP, DECIMAL(10,2).',
} as const;

/** Winnow's own columns start so (__winnow_row, __winnow_split_<id>, ...); DuckDB ignores case in names. */
const INTERNAL_PREFIX = '__winnow_';

/**
 * Whether two column names name one column in DuckDB, which compares them ignoring ASCII case
 * (`b` and `B` clash; `é` and `É` do not) and renames the second of a clashing pair `b_1`.
 */
export function sameColumnName(a: string, b: string): boolean {
  const fold = (name: string) => name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  return fold(a) === fold(b);
}

/** A problem for each column name a step would create that is Winnow's own kind of name. */
export function internalColumnProblems(field: string, names: readonly string[]): ParamProblem[] {
  return names
    .filter((name) => name.toLowerCase().startsWith(INTERNAL_PREFIX))
    .map((name) => ({ field, message: `"${name}": column names starting with ${INTERNAL_PREFIX} are Winnow's own` }));
}

/** A one-column or several-column parameter, as a list. */
export function maybeList(columns: string | readonly string[]): string[] {
  return typeof columns === 'string' ? [columns] : [...columns];
}

/** The data columns of the context, quoted, comma-separated. */
export function allDataColumns(ctx: StepContext): string {
  return ctx.columns.map((column) => ident(column.name)).join(', ');
}

/**
 * The row as text (for rejects and examples): a struct of the data columns cast to VARCHAR.
 * `alias` qualifies the columns when the row comes from a join.
 */
export function rowAsText(ctx: Pick<StepContext, 'columns'>, alias?: string): string {
  if (ctx.columns.length === 0) return "''";
  const qualify = alias ? `${alias}.` : '';
  const fields = ctx.columns.map((column) => `${ident(column.name)} := ${qualify}${ident(column.name)}`).join(', ');
  return `CAST(struct_pack(${fields}) AS VARCHAR)`;
}
