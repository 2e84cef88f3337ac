import { ident } from '../../sql';
import { columnListParam, columnParam, maybeList } from '../params';
import { missingSql } from '../missing';
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
 * repeated value is unexpected, not only the second one; rows whose values are all missing (NULL,
 * NaN: steps/missing.ts) are ignored.
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
  rows: (params, ctx) => {
    const names = columnsOf(params);
    const columns = names.map(ident);
    // One column: membership in the repeated values, which DuckDB finds with a GROUP BY and a
    // semi join; a window over the table would carry every other check's columns through a
    // sort (measured: twice the time of the whole pass on 5M rows). NULL is outside the domain,
    // so IN's treatment of it does not matter. Several columns keep the window, whose
    // partitions group NULLs together as a repeated combination should.
    const failing =
      columns.length === 1
        ? `${columns[0]} IN (SELECT ${columns[0]} FROM ${ctx.table} WHERE NOT ${missingSql(names[0]!, ctx.columns)} GROUP BY ALL HAVING count(*) > 1)`
        : `count(*) OVER (PARTITION BY ${columns.join(', ')}) > 1`;
    return {
      domain: `NOT (${names.map((name) => missingSql(name, ctx.columns)).join(' AND ')})`,
      failing,
      value: columns.length === 1 ? columns[0]! : `concat_ws(', ', ${columns.join(', ')})`,
    };
  },
};
