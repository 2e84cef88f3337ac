import { ident, typeName } from '../../sql';
import { convertSql } from '../conversion';
import { presentSql } from '../missing';
import { columnParam, typeParam } from '../params';
import type { CheckDefinition } from '../step';

export interface OfTypeParams {
  column: string;
  type: string;
}

/**
 * Values are of a type: each non-null value converts to `type` unchanged, by the rules `cast`
 * uses (steps/conversion.ts): a VARCHAR column of numbers passes `of_type: DOUBLE`; `1.5`, `0x10`
 * and `1_000` fail `of_type: BIGINT`, and so do 1.5 and 2.7 in a DOUBLE column. A column already
 * of that type passes.
 */
export const ofType: CheckDefinition<OfTypeParams> = {
  kind: 'check',
  name: 'of_type',
  summary: 'Values of a column are of (can be read as) a given type.',
  params: { properties: { column: columnParam, type: typeParam }, required: ['column', 'type'] },
  reads: ({ column }) => [column],
  rows: ({ column, type }, ctx) => ({
    domain: presentSql(column, ctx.columns),
    failing: `${convertSql(ident(column), ctx.columns.find((existing) => existing.name === column)?.type ?? 'VARCHAR', typeName(type))} IS NULL`,
    value: ident(column),
  }),
};
