import { ident, literalList } from '../../sql';
import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface InSetParams {
  column: string;
  values: (string | number | boolean)[];
}

/**
 * Values are one of a given set. Nulls are ignored. An empty set holds no value, so every
 * non-null value fails, as in Great Expectations' expect_column_values_to_be_in_set.
 */
export const inSet: CheckDefinition<InSetParams> = {
  kind: 'check',
  name: 'in_set',
  summary: 'Values of a column are one of a given set.',
  params: {
    properties: { column: columnParam, values: { type: 'array', items: { type: ['string', 'number', 'boolean'] } } },
    required: ['column', 'values'],
  },
  warnings: ({ values }) => (values.length === 0 ? [{ field: 'values', message: 'the set is empty: every non-null value fails' }] : []),
  reads: ({ column }) => [column],
  rows: ({ column, values }) => ({
    domain: `${ident(column)} IS NOT NULL`,
    // SQL has no empty IN list.
    failing: values.length === 0 ? 'TRUE' : `${ident(column)} NOT IN (${literalList(values)})`,
    value: ident(column),
  }),
};
