import { ident } from '../../sql';
import { columnListParam, columnParam, maybeList } from '../params';
import type { CheckDefinition } from '../step';

export interface UniqueParams {
  /** One column, or several whose combination must be unique. */
  columns?: string | string[];
  column?: string;
}

function columnsOf({ columns, column }: UniqueParams): string[] {
  return maybeList(columns ?? column ?? []);
}

/**
 * No value (or combination of values) occurs twice. As in Great Expectations, every row of a
 * repeated value is unexpected, not only the second one; rows whose values are all null are
 * ignored.
 */
export const unique: CheckDefinition<UniqueParams> = {
  kind: 'check',
  name: 'unique',
  summary: 'Values of a column, or combinations of several columns, occur only once.',
  params: {
    properties: { columns: { oneOf: [columnParam, columnListParam] }, column: columnParam },
    extra: { oneOf: [{ required: ['columns'] }, { required: ['column'] }] },
  },
  reads: columnsOf,
  rows: (params) => {
    const columns = columnsOf(params).map(ident);
    return {
      domain: `NOT (${columns.map((column) => `${column} IS NULL`).join(' AND ')})`,
      failing: `count(*) OVER (PARTITION BY ${columns.join(', ')}) > 1`,
      value: columns.length === 1 ? columns[0]! : `concat_ws(', ', ${columns.join(', ')})`,
    };
  },
};
