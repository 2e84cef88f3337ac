import { ident, literalList } from '../../sql';
import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface InSetParams {
  column: string;
  values: (string | number | boolean)[];
}

/** Values are one of a given set. Nulls are ignored. */
export const inSet: CheckDefinition<InSetParams> = {
  kind: 'check',
  name: 'in_set',
  summary: 'Values of a column are one of a given set.',
  params: {
    properties: { column: columnParam, values: { type: 'array', items: { type: ['string', 'number', 'boolean'] }, minItems: 1 } },
    required: ['column', 'values'],
  },
  reads: ({ column }) => [column],
  rows: ({ column, values }) => ({
    domain: `${ident(column)} IS NOT NULL`,
    failing: `${ident(column)} NOT IN (${literalList(values)})`,
    value: ident(column),
  }),
};
