/** JSON Schema fragments shared by step parameter schemas, and the helpers that read them. */
import { ident } from '../sql';
import type { StepContext } from './step';

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
