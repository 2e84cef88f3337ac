import { boundsInOrder, noBounds } from './between';
import { queryOne } from '../../table/column';
import { type CheckDefinition } from '../step';

export interface RowCountBetweenParams {
  min?: number;
  max?: number;
}

/** The number of rows lies within [min, max]; with neither bound, any number of rows (a warning says so). */
export const rowCountBetween: CheckDefinition<RowCountBetweenParams> = {
  kind: 'check',
  name: 'row_count_between',
  summary: 'The number of rows lies between min and max.',
  params: {
    properties: { min: { type: 'integer', minimum: 0 }, max: { type: 'integer', minimum: 0 } },
  },
  validate: boundsInOrder,
  warnings: noBounds,
  reads: () => [],
  dataset: async ({ min, max }, ctx) => {
    const rows = Number((await queryOne(ctx.engine, `SELECT count(*) AS n FROM ${ctx.table}`)).n);
    return { success: (min === undefined || rows >= min) && (max === undefined || rows <= max), observed: { rows } };
  },
};
