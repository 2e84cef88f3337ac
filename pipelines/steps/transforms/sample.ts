import { ROW } from '../../table/rejects';
import { ident } from '../../sql';
import { unitHash } from '../../table/hashing';
import type { TransformDefinition } from '../step';

export interface SampleParams {
  /** Keep each row with this probability (decided by its seeded hash). */
  fraction?: number;
  /** Keep exactly this many rows (those with the smallest seeded hashes). */
  count?: number;
}

/**
 * Keeps a deterministic sample: a row's fate depends on the seed and its content only, so the
 * same rows are sampled whatever the input order. Identical rows share a hash; `count` breaks
 * that tie by input order.
 */
export const sample: TransformDefinition<SampleParams> = {
  kind: 'transform',
  name: 'sample',
  summary: 'Keeps a seeded sample of rows, by fraction or count.',
  params: {
    properties: { fraction: { type: 'number', exclusiveMinimum: 0, maximum: 1 }, count: { type: 'integer', minimum: 0 } },
    extra: { oneOf: [{ required: ['fraction'] }, { required: ['count'] }] },
  },
  reads: () => [],
  columnsAfter: (_params, before) => before,
  compile: ({ fraction, count }, ctx) => {
    const hash = unitHash(ctx.columns, ctx.seed, `sample:${ctx.stepId}`);
    return {
      select:
        count !== undefined
          ? `SELECT * FROM ${ctx.table} QUALIFY row_number() OVER (ORDER BY ${hash}, ${ident(ROW)}) <= ${count}`
          : `SELECT * FROM ${ctx.table} WHERE ${hash} < ${fraction}`,
      drops: true,
    };
  },
};
