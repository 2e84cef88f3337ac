import { ident, typeName } from '../../sql';
import { columnParam, typeParam } from '../params';
import type { CheckDefinition } from '../step';

export interface OfTypeParams {
  column: string;
  type: string;
}

/**
 * Values are of a type: each non-null value can be represented as `type` without loss of
 * presence (TRY_CAST succeeds). A column already of that type passes trivially; a VARCHAR
 * column of numbers passes `of_type: DOUBLE`. The column's declared type is in `observed`.
 */
export const ofType: CheckDefinition<OfTypeParams> = {
  kind: 'check',
  name: 'of_type',
  summary: 'Values of a column are of (can be read as) a given type.',
  params: { properties: { column: columnParam, type: typeParam }, required: ['column', 'type'] },
  reads: ({ column }) => [column],
  rows: ({ column, type }) => ({
    domain: `${ident(column)} IS NOT NULL`,
    failing: `TRY_CAST(${ident(column)} AS ${typeName(type)}) IS NULL`,
    value: ident(column),
  }),
};
