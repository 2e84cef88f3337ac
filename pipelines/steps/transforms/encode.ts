import { ident, literal } from '../../sql';
import { typeFamily } from '../conversion';
import { presentSql } from '../missing';
import { columnParam, internalColumnProblems, sameColumnName } from '../params';
import type { Column } from '../../table/column';
import type { TransformDefinition } from '../step';

export interface EncodeParams {
  column: string;
  /**
   * onehot: one INTEGER 0/1 column per value, named `column_value`, replacing the column
   * (a missing value has all zeros); ordinal: the value's position (from 0) in the sorted
   * vocabulary, as scikit-learn's OrdinalEncoder: numbers in numeric order (-1, 1, 2, 10), text
   * by Unicode code point (Python's sorted(): 'B' < 'Z' < 'a' < 'é'), other types (dates,
   * booleans) in DuckDB's order of the type. The fitted parameters record the order used.
   */
  method: 'onehot' | 'ordinal';
}

/** Encodes a categorical column; the vocabulary (sorted distinct values, missing ones left out) and its order go to the manifest. */
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
  // One-hot columns may clash with the columns kept or with each other (values `A` and `a`).
  nameClashes: ({ column, method }, before, fitted) => {
    if (method !== 'onehot') return [];
    const taken = before.filter((existing) => existing.name !== column).map((existing) => ({ name: existing.name, what: 'the existing column' }));
    for (const value of fitted.vocabulary as string[]) {
      const name = `${column}_${value}`;
      const other = taken.find((existing) => sameColumnName(existing.name, name));
      if (other)
        return [
          {
            field: 'column',
            message: `the one-hot column "${name}" (value "${value}") clashes with ${other.what} "${other.name}" (column names are compared ignoring case)`,
          },
        ];
      taken.push({ name, what: 'the one-hot column' });
    }
    return [];
  },
  // The one-hot columns depend on the data: known only after fitting.
  columnsAfter: ({ column, method }, before) =>
    method === 'ordinal'
      ? before.map((existing) => (existing.name === column ? ({ name: column, type: 'INTEGER' } satisfies Column) : existing))
      : before.filter((existing) => existing.name !== column),
  fit: async ({ column, method }, ctx) => {
    const family = typeFamily(ctx.columns.find((existing) => existing.name === column)?.type ?? 'VARCHAR');
    const order = family === 'text' ? 'code point' : ['integer', 'float', 'decimal'].includes(family) ? 'numeric' : 'type';
    // Text as bytes: UTF-8's byte order is code point order, whatever the session's collation.
    const key = family === 'text' ? `encode(${ident(column)})` : ident(column);
    const rows = await ctx.engine.query(
      `SELECT CAST(${ident(column)} AS VARCHAR) AS value FROM (SELECT DISTINCT ${ident(column)} FROM ${ctx.table} WHERE ${presentSql(column, ctx.columns)}) ORDER BY ${key}`,
    );
    return { method, order, vocabulary: rows.map((row) => String(row.value)) };
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
