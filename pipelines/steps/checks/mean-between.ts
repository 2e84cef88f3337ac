import { ident } from '../../sql';
import { meanSql } from '../../stats/moments';
import { columnParam } from '../params';
import { queryOne, type CheckDefinition } from '../step';
import { boundsParams, withinBounds, type BetweenParams, boundsInOrder } from './between';

export type MeanBetweenParams = BetweenParams;

/** The mean of the non-null (finite) values lies within [min, max]. No values: the check fails. */
export const meanBetween: CheckDefinition<MeanBetweenParams> = {
  kind: 'check',
  name: 'mean_between',
  summary: 'The mean of a column lies between min and max.',
  params: {
    properties: { column: columnParam, ...boundsParams },
    required: ['column'],
    extra: { anyOf: [{ required: ['min'] }, { required: ['max'] }] },
  },
  validate: boundsInOrder,
  reads: ({ column }) => [column],
  dataset: async ({ column, ...bounds }, ctx) => {
    // The mean from an exact fixed-point sum, so it is the same on any engine and thread count.
    const value = `CAST(${ident(column)} AS DOUBLE)`;
    const moments = meanSql(`SELECT ${value} AS v FROM ${ctx.table} WHERE isfinite(${value})`);
    const row = await queryOne(ctx.engine, `SELECT mean, coalesce(${withinBounds('mean', bounds)}, FALSE) AS ok FROM (${moments})`);
    return { success: row.ok === true, observed: { mean: row.mean } };
  },
};
