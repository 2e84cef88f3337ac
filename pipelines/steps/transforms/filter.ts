import { embedFragment } from '../../engine/sql-fragment';
import type { TransformDefinition } from '../step';

export interface FilterParams {
  /** A SQL predicate; rows where it is false or NULL are dropped (and counted as dropped). */
  where: string;
}

/** Keeps the rows where a SQL predicate holds. */
export const filter: TransformDefinition<FilterParams> = {
  kind: 'transform',
  name: 'filter',
  summary: 'Keeps the rows where a SQL predicate holds; the others are counted as dropped.',
  params: { properties: { where: { type: 'string', minLength: 1 } }, required: ['where'] },
  reads: () => [],
  sqlFields: { where: 'expression' },
  columnsAfter: (_params, before) => before,
  compile: ({ where }, ctx) => ({ select: `SELECT * FROM ${ctx.table} WHERE coalesce(${embedFragment('expression', where)}, FALSE)`, drops: true }),
};
