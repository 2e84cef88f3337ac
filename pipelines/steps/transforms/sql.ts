import { embedFragment } from '../../engine/sql-fragment';
import type { TransformDefinition } from '../step';
import { ident } from '../../sql';
import { ROW } from '../../table/rejects';

export interface SqlTransformParams {
  /**
   * A SELECT over `input` (the rows reaching this step), e.g.
   * "SELECT *, price * qty AS total FROM input WHERE qty > 0". Keep `*` (or Winnow's __winnow_*
   * columns) so rows stay traceable; rows it leaves out count as dropped. The output keeps the
   * input's row order: an ORDER BY in the query does not reorder the rows (validate warns).
   */
  query: string;
}

/** Whether the query ends in an ORDER BY of its own (outside parentheses, string literals and comments). */
export function hasOrderBy(query: string): boolean {
  const code = query.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  let depth = 0;
  let outer = '';
  for (const char of code) {
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) outer += char;
  }
  return /\border\s+by\b/i.test(outer);
}

/**
 * A free-form transform in SQL. It may add, change or remove columns and leave rows out (counted
 * as dropped), but it may not invent or repeat rows: every output row must be an input row.
 */
export const sqlTransform: TransformDefinition<SqlTransformParams> = {
  kind: 'transform',
  name: 'sql',
  summary: 'A free-form SELECT over `input`; rows it leaves out are counted as dropped.',
  params: {
    properties: { query: { type: 'string', minLength: 1, description: 'A SELECT over input, keeping * so rows stay traceable.' } },
    required: ['query'],
  },
  reads: () => [],
  sqlFields: { query: 'query' },
  warnings: ({ query }) =>
    hasOrderBy(query) ? [{ field: 'query', message: 'ORDER BY is ignored: the output of a sql transform keeps the input row order' }] : [],
  // The columns depend on the query: known once it has run.
  columnsAfter: (_params, before) => before,
  compile: ({ query }, ctx) => {
    const row = ident(ROW);
    const refuse = (what: string) =>
      `error('the query of a sql transform ${what} (keep * in the SELECT; every output row must be an input row, at most once)')`;
    return {
      // Rows keep their identity: a row number that is missing, repeated or not an input row's stops the step.
      select: `WITH input AS (SELECT * FROM ${ctx.table}), output AS ${embedFragment('query', query)}
             SELECT * FROM output QUALIFY CASE
               WHEN ${row} IS NULL THEN ${refuse('gave a row without its __winnow_row: rows would be invented')}
               WHEN count(*) OVER (PARTITION BY ${row}) > 1 THEN ${refuse('repeats an input row: rows would be duplicated')}
               WHEN ${row} NOT IN (SELECT ${row} FROM input) THEN ${refuse('gave a __winnow_row no input row has: rows would be invented')}
               ELSE TRUE END`,
      drops: true,
    };
  },
};
