import { ident } from '../../sql';
import { meanSql } from '../../stats/moments';
import { columnParam } from '../params';
import { queryOne } from '../../table/column';
import { type CheckDefinition } from '../step';
import { boundsParams, measuredWithinBounds, noBounds, type BetweenParams, boundsInOrder } from './between';

export type MeanBetweenParams = BetweenParams;

/**
 * The mean of the non-null (finite) values lies within [min, max]. No values: no mean, and the
 * check fails, bounds or none (Great Expectations: no observed value is a failure).
 */
export const meanBetween: CheckDefinition<MeanBetweenParams> = {
  kind: 'check',
  name: 'mean_between',
  summary: 'The mean of a column lies between min and max.',
  params: {
    properties: { column: columnParam, ...boundsParams },
    required: ['column'],
  },
  validate: boundsInOrder,
  warnings: noBounds,
  reads: ({ column }) => [column],
  dataset: async ({ column, ...bounds }, ctx) => {
    // The mean from an exact fixed-point sum, so it is the same on any engine and thread count.
    const value = `CAST(${ident(column)} AS DOUBLE)`;
    const moments = meanSql(`SELECT ${value} AS v FROM ${ctx.table} WHERE isfinite(${value})`);
    const row = await queryOne(ctx.engine, `SELECT mean, ${measuredWithinBounds('mean', bounds)} AS ok FROM (${moments})`);
    return { success: row.ok === true, observed: { mean: row.mean } };
  },
};
