import { ident } from '../../sql';
import { columnParam, fractionParam } from '../params';
import { queryOne, type CheckDefinition } from '../step';
import { measuredWithinBounds, noBounds, type BetweenParams, boundsInOrder } from './between';

export type UniqueProportionBetweenParams = BetweenParams;

/**
 * Distinct non-null values divided by non-null values lies within [min, max], as Great
 * Expectations' expect_column_proportion_of_unique_values_to_be_between. No non-null values (an
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
    const proportion = `coalesce(CAST(count(DISTINCT ${ident(column)}) AS DOUBLE) / nullif(count(${ident(column)}), 0), 0)`;
    const row = await queryOne(
      ctx.engine,
      `SELECT ${proportion} AS proportion, count(DISTINCT ${ident(column)}) AS distinct_values, ${measuredWithinBounds(proportion, bounds)} AS ok FROM ${ctx.table}`,
    );
    return { success: row.ok === true, observed: { uniqueProportion: row.proportion, distinct: row.distinct_values } };
  },
};
