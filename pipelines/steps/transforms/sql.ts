import { embedFragment } from '../../engine/sql-fragment';
import type { TransformDefinition } from '../step';
import { ident } from '../../sql';
import { ROW } from '../../rejects';

export interface SqlTransformParams {
  /**
   * A SELECT over `input` (the rows reaching this step), e.g.
   * "SELECT *, price * qty AS total FROM input WHERE qty > 0". Keep `*` (or Winnow's __winnow_*
   * columns) so rows stay traceable; rows it leaves out count as dropped.
   */
  query: string;
}

/**
 * A free-form transform in SQL. It may add, change or remove columns and leave rows out (counted
 * as dropped), but it may not invent or repeat rows: every output row must be an input row.
 */
export const sqlTransform: TransformDefinition<SqlTransformParams> = {
  kind: 'transform',
  name: 'sql',
  summary: 'A free-form SELECT over `input`; rows it leaves out are counted as dropped.',
  params: { properties: { query: { type: 'string', minLength: 1, description: 'A SELECT over input, keeping * so rows stay traceable.' } }, required: ['query'] },
  reads: () => [],
  sqlFields: { query: 'query' },
  // The columns depend on the query: known once it has run.
  columnsAfter: (_params, before) => before,
  compile: ({ query }, ctx) => ({
    // Rows must keep their identity: a row number that is missing or repeated is caught here.
    select: `WITH input AS (SELECT * FROM ${ctx.table}), output AS ${embedFragment('query', query)}
             SELECT * FROM output QUALIFY CASE WHEN count(*) OVER (PARTITION BY ${ident(ROW)}) > 1 OR ${ident(ROW)} IS NULL
               THEN error('the query of a sql transform must keep each input row at most once, with its __winnow_row (keep * in the SELECT)') ELSE TRUE END`,
    drops: true,
  }),
};
