import { ident } from '../../sql';
import { columnParam } from '../params';
import { missingSql } from '../missing';
import type { CheckDefinition } from '../step';

export interface NotNullParams {
  column: string;
}

/** Every value of `column` is present: not NULL, nor NaN (steps/missing.ts). Counts all rows. */
export const notNull: CheckDefinition<NotNullParams> = {
  kind: 'check',
  name: 'not_null',
  summary: 'Values of a column are not null.',
  params: { properties: { column: columnParam }, required: ['column'] },
  reads: ({ column }) => [column],
  rows: ({ column }, ctx) => ({ domain: 'TRUE', failing: missingSql(column, ctx.columns), value: ident(column) }),
};
