import { ident } from '../../sql';
import { doubleSql } from '../../stats/profile/double';
import { columnParam, fractionParam } from '../params';
import { queryOne } from '../../table/column';
import { type CheckDefinition } from '../step';
import { boundsParams, measuredWithinBounds, noBounds, type BetweenParams, boundsInOrder } from './between';

export interface QuantileBetweenParams extends BetweenParams {
  /** The probability, e.g. 0.5 for the median, 0.95 for the 95th percentile. */
  quantile: number;
}

/**
 * A quantile of the finite non-null values lies within [min, max]. Exact, with linear
 * interpolation between order statistics (quantile_cont; pandas' and numpy's default), the same
 * value `winnow profile --exact` reports. No values: the check fails.
 */
export const quantileBetween: CheckDefinition<QuantileBetweenParams> = {
  kind: 'check',
  name: 'quantile_between',
  summary: 'A quantile of a column (e.g. the median) lies between min and max.',
  params: {
    properties: { column: columnParam, quantile: { ...fractionParam, description: 'The probability: 0.5 is the median.' }, ...boundsParams },
    required: ['column', 'quantile'],
  },
  validate: boundsInOrder,
  warnings: noBounds,
  reads: ({ column }) => [column],
  dataset: async ({ column, quantile, ...bounds }, ctx) => {
    const value = `CAST(${ident(column)} AS DOUBLE)`;
    const measured = `quantile_cont(${value}, ${doubleSql(quantile)}) FILTER (WHERE isfinite(${value}))`;
    const row = await queryOne(ctx.engine, `SELECT ${measured} AS value, ${measuredWithinBounds(measured, bounds)} AS ok FROM ${ctx.table}`);
    return { success: row.ok === true, observed: { quantile, value: row.value } };
  },
};
