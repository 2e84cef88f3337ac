import { embedFragment } from '../../engine/sql-fragment';
import { ident } from '../../sql';
import { internalColumnProblems, sameColumnName } from '../params';
import type { TransformDefinition } from '../step';

export interface DeriveParams {
  /** The new (or replaced) column. */
  column: string;
  /** A SQL expression over the row, e.g. "delay / 60.0". */
  expr: string;
}

/**
 * Adds a column computed from each row, or replaces the column of exactly that name. A name that
 * differs from an existing column's only in case (`X` beside `x`) is refused: DuckDB would treat
 * them as one name and call the new column `X_1`.
 */
export const derive: TransformDefinition<DeriveParams> = {
  kind: 'transform',
  name: 'derive',
  summary: 'Adds a column computed by a SQL expression (replaces one of the same name).',
  params: {
    properties: { column: { type: 'string', minLength: 1, description: 'Name of the new (or replaced) column.' }, expr: { type: 'string', minLength: 1 } },
    required: ['column', 'expr'],
  },
  reads: () => [],
  sqlFields: { expr: 'expression' },
  validate: ({ column }) => internalColumnProblems('column', [column]),
  nameClashes: ({ column }, before) => {
    const other = before.find((existing) => existing.name !== column && sameColumnName(existing.name, column));
    return other
      ? [
          {
            field: 'column',
            message: `column "${column}" clashes with the existing column "${other.name}" (column names are compared ignoring case); write "${other.name}" to replace it`,
          },
        ]
      : [];
  },
  columnsAfter: ({ column }, before) => (before.some((existing) => existing.name === column) ? before : [...before, { name: column, type: 'UNKNOWN' }]),
  compile: ({ column, expr }, ctx) => {
    const value = embedFragment('expression', expr);
    return {
      select: ctx.columns.some((existing) => existing.name === column)
        ? `SELECT * REPLACE (${value} AS ${ident(column)}) FROM ${ctx.table}`
        : `SELECT *, ${value} AS ${ident(column)} FROM ${ctx.table}`,
    };
  },
};
