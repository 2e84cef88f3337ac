import { ident } from '../../sql';
import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface NotNullParams {
  column: string;
}

/** Every value of `column` is present. Counts all rows (nulls are what it looks for). */
export const notNull: CheckDefinition<NotNullParams> = {
  kind: 'check',
  name: 'not_null',
  summary: 'Values of a column are not null.',
  params: { properties: { column: columnParam }, required: ['column'] },
  reads: ({ column }) => [column],
  rows: ({ column }) => ({ domain: 'TRUE', failing: `${ident(column)} IS NULL`, value: 'NULL' }),
};
