import { ident, literal } from '../../sql';
import { columnParam, internalColumnProblems } from '../params';
import type { Column, TransformDefinition } from '../step';

export interface EncodeParams {
  column: string;
  /**
   * onehot: one INTEGER 0/1 column per value, named `column_value`, replacing the column
   * (a null has all zeros); ordinal: the value's position (from 0) in the sorted vocabulary.
   */
  method: 'onehot' | 'ordinal';
}

/** Encodes a categorical column; the vocabulary (sorted distinct values) goes to the manifest. */
export const encode: TransformDefinition<EncodeParams> = {
  kind: 'transform',
  name: 'encode',
  summary: 'Encodes a categorical column as one-hot or ordinal; the vocabulary goes to the manifest.',
  params: { properties: { column: columnParam, method: { enum: ['onehot', 'ordinal'] } }, required: ['column', 'method'] },
  reads: ({ column }) => [column],
  validate: ({ column, method }) =>
    method === 'onehot' && internalColumnProblems('column', [`${column}_`]).length
      ? [{ field: 'column', message: `one-hot columns are named "${column}_<value>", and names starting with __winnow_ are Winnow's own` }]
      : [],
  // The one-hot columns depend on the data: known only after fitting.
  columnsAfter: ({ column, method }, before) =>
    method === 'ordinal'
      ? before.map((existing) => (existing.name === column ? ({ name: column, type: 'INTEGER' } satisfies Column) : existing))
      : before.filter((existing) => existing.name !== column),
  fit: async ({ column, method }, ctx) => {
    const rows = await ctx.engine.query(
      `SELECT DISTINCT CAST(${ident(column)} AS VARCHAR) AS value FROM ${ctx.table} WHERE ${ident(column)} IS NOT NULL ORDER BY value`,
    );
    return { method, vocabulary: rows.map((row) => String(row.value)) };
  },
  compile: ({ column, method }, ctx, fitted) => {
    const vocabulary = fitted.vocabulary as string[];
    const text = `CAST(${ident(column)} AS VARCHAR)`;
    if (method === 'ordinal') {
      const cases = vocabulary.map((value, index) => `WHEN ${literal(value)} THEN ${index}`).join(' ');
      const position = vocabulary.length ? `CAST(CASE ${text} ${cases} END AS INTEGER)` : 'CAST(NULL AS INTEGER)';
      return { select: `SELECT * REPLACE (${position} AS ${ident(column)}) FROM ${ctx.table}` };
    }
    const indicators = vocabulary.map((value) => `CAST(coalesce(${text} = ${literal(value)}, FALSE) AS INTEGER) AS ${ident(`${column}_${value}`)}`);
    return { select: `SELECT * EXCLUDE (${ident(column)})${indicators.length ? ', ' + indicators.join(', ') : ''} FROM ${ctx.table}` };
  },
};
