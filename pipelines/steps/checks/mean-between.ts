import { ident } from '../../sql';
import { columnParam } from '../params';
import { queryOne, type CheckDefinition } from '../step';
import { boundsParams, withinBounds, type BetweenParams } from './between';

export type MeanBetweenParams = BetweenParams;

/** The mean of the non-null values lies within [min, max]. No values: the check fails. */
export const meanBetween: CheckDefinition<MeanBetweenParams> = {
  kind: 'check',
  name: 'mean_between',
  summary: 'The mean of a column lies between min and max.',
  params: {
    properties: { column: columnParam, ...boundsParams },
    required: ['column'],
    extra: { anyOf: [{ required: ['min'] }, { required: ['max'] }] },
  },
  reads: ({ column }) => [column],
  dataset: async ({ column, ...bounds }, ctx) => {
    const mean = `avg(CAST(${ident(column)} AS DOUBLE))`;
    const row = await queryOne(ctx.engine, `SELECT ${mean} AS mean, coalesce(${withinBounds(mean, bounds)}, FALSE) AS ok FROM ${ctx.table}`);
    return { success: row.ok === true, observed: { mean: row.mean } };
  },
};
