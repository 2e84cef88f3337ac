import { columnParam, fractionParam } from '../params';
import { missingSql } from '../missing';
import { queryOne } from '../../table/column';
import { type CheckDefinition } from '../step';

export interface NullFractionParams {
  column: string;
  /** Highest allowed share of null values. */
  max: number;
}

/** The share of missing values (NULL, NaN: steps/missing.ts) in a column is at most `max`. An empty table passes. */
export const nullFraction: CheckDefinition<NullFractionParams> = {
  kind: 'check',
  name: 'null_fraction',
  summary: 'The share of null values in a column is at most max.',
  params: { properties: { column: columnParam, max: fractionParam }, required: ['column', 'max'] },
  reads: ({ column }) => [column],
  dataset: async ({ column, max }, ctx) => {
    const row = await queryOne(ctx.engine, `SELECT count(*) AS n, count_if(${missingSql(column, ctx.columns)}) AS nulls FROM ${ctx.table}`);
    const rows = Number(row.n);
    const nulls = Number(row.nulls);
    const fraction = rows === 0 ? 0 : nulls / rows;
    return { success: fraction <= max, observed: { nullFraction: fraction }, unexpectedCount: nulls, elementCount: rows };
  },
};
