import { ident } from '../../sql';
import { columnParam, fractionParam } from '../params';
import { presentSql } from '../missing';
import { queryOne } from '../../table/column';
import { type CheckDefinition } from '../step';
import { measuredWithinBounds, noBounds, type BetweenParams, boundsInOrder } from './between';

export type UniqueProportionBetweenParams = BetweenParams;

/**
 * Distinct values divided by values, missing ones (NULL, NaN: steps/missing.ts) left out, lies
 * within [min, max], as Great Expectations'
 * expect_column_proportion_of_unique_values_to_be_between. No values (an
 * empty table, a column of nulls): the proportion is 0, as Great Expectations' metric says.
 */
export const uniqueProportionBetween: CheckDefinition<UniqueProportionBetweenParams> = {
  kind: 'check',
  name: 'unique_proportion_between',
  summary: 'The share of distinct values among non-null values lies between min and max.',
  params: {
    properties: {
      column: columnParam,
      min: fractionParam,
      max: fractionParam,
      strict_min: { type: 'boolean' },
      strict_max: { type: 'boolean' },
    },
    required: ['column'],
  },
  validate: boundsInOrder,
  warnings: noBounds,
  reads: ({ column }) => [column],
  dataset: async ({ column, ...bounds }, ctx) => {
    const present = presentSql(column, ctx.columns);
    const distinct = `count(DISTINCT ${ident(column)}) FILTER (WHERE ${present})`;
    const proportion = `coalesce(CAST(${distinct} AS DOUBLE) / nullif(count_if(${present}), 0), 0)`;
    const row = await queryOne(
      ctx.engine,
      `SELECT ${proportion} AS proportion, ${distinct} AS distinct_values, ${measuredWithinBounds(proportion, bounds)} AS ok FROM ${ctx.table}`,
    );
    return { success: row.ok === true, observed: { uniqueProportion: row.proportion, distinct: row.distinct_values } };
  },
};
