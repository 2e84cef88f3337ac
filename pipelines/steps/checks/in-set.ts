import { ident, literal, typeName } from '../../sql';
import { convertsTo, typeFamily } from '../conversion';
import { presentSql } from '../missing';
import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface InSetParams {
  column: string;
  values: (string | number | boolean)[];
}

/**
 * Values are one of a given set. Missing values (NULL, NaN: steps/missing.ts) are not counted. An
 * empty set holds no value, so every counted value fails, as in Great Expectations'
 * expect_column_values_to_be_in_set.
 *
 * The comparison is in the column's type when every value of the set converts to it by the rules
 * of steps/conversion.ts (`[1, 2]` on a BIGINT column, `['1', 2]` too), and otherwise as text: the
 * column's values as DuckDB writes them against the set's values as written (`[1, 'a']` on a BIGINT
 * column; any set on a VARCHAR column, where '01' and '1.0' are not 1). The step's `observed.comparedAs`
 * says which. A set value the rules accept but the type cannot hold (a number out of its range, text
 * that is no DATE on a DATE column) matches no value.
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
  rows: ({ column, values }, ctx) => {
    const type = ctx.columns.find((existing) => existing.name === column)?.type ?? 'VARCHAR';
    const quoted = ident(column);
    // ENUMs, lists and structs are compared as text: their type names do not go into SQL here.
    const simpleType = /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?$/.test(type);
    const inColumnType = simpleType && typeFamily(type) !== 'text' && values.every((value) => convertsTo(value, type));
    const asText = `CAST(${quoted} AS VARCHAR) NOT IN (${values.map((value) => literal(String(value))).join(', ')})`;
    const typed = inColumnType ? values.map((value) => `TRY_CAST(${literal(value)} AS ${typeName(type)})`) : [];
    const failing =
      // SQL has no empty IN list.
      values.length === 0 ? 'TRUE' : inColumnType ? `NOT list_contains([${typed.join(', ')}], ${quoted})` : asText;
    return { domain: presentSql(column, ctx.columns), failing, value: quoted, observed: { comparedAs: inColumnType ? type : 'VARCHAR' } };
  },
};
