import { embedFragment } from '../../engine/sql-fragment';
import { rowAsText } from '../params';
import type { CheckDefinition } from '../step';

export interface SqlCheckParams {
  /** A boolean SQL expression over the row's columns, e.g. "arrival >= departure". */
  predicate: string;
}

/** Every row satisfies a SQL predicate; a row where it is NULL does not. */
export const sqlCheck: CheckDefinition<SqlCheckParams> = {
  kind: 'check',
  name: 'sql',
  summary: 'Every row satisfies a SQL predicate (NULL counts as not satisfied).',
  params: { properties: { predicate: { type: 'string', minLength: 1 } }, required: ['predicate'] },
  reads: () => [],
  sqlFields: { predicate: 'expression' },
  rows: ({ predicate }, ctx) => ({
    domain: 'TRUE',
    failing: `NOT coalesce(${embedFragment('expression', predicate)}, FALSE)`,
    value: rowAsText(ctx),
  }),
};
