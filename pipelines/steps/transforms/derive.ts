import { embedFragment } from '../../engine/sql-fragment';
import { ident } from '../../sql';
import { internalColumnProblems } from '../params';
import type { TransformDefinition } from '../step';

export interface DeriveParams {
  /** The new (or replaced) column. */
  column: string;
  /** A SQL expression over the row, e.g. "delay / 60.0". */
  expr: string;
}

/** Adds a column computed from each row (or replaces one of the same name). */
export const derive: TransformDefinition<DeriveParams> = {
  kind: 'transform',
  name: 'derive',
  summary: 'Adds a column computed by a SQL expression (replaces one of the same name).',
  params: { properties: { column: { type: 'string', minLength: 1, description: 'Name of the new (or replaced) column.' }, expr: { type: 'string', minLength: 1 } }, required: ['column', 'expr'] },
  reads: () => [],
  sqlFields: { expr: 'expression' },
  validate: ({ column }) => internalColumnProblems('column', [column]),
  columnsAfter: ({ column }, before) =>
    before.some((existing) => existing.name === column) ? before : [...before, { name: column, type: 'UNKNOWN' }],
  compile: ({ column, expr }, ctx) => {
    const value = embedFragment('expression', expr);
    return {
      select: ctx.columns.some((existing) => existing.name === column)
        ? `SELECT * REPLACE (${value} AS ${ident(column)}) FROM ${ctx.table}`
        : `SELECT *, ${value} AS ${ident(column)} FROM ${ctx.table}`,
    };
  },
};
