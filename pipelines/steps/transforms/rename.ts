import { ident } from '../../sql';
import { internalColumnProblems, sameColumnName } from '../params';
import type { TransformDefinition } from '../step';

export interface RenameParams {
  /** Old name -> new name. */
  columns: Record<string, string>;
}

/**
 * Renames columns, keeping their order. A new name may not be one another column keeps (DuckDB
 * compares names ignoring case, so `{a: B}` clashes with `b`); names may be swapped (`{a: b, b: a}`).
 */
export const rename: TransformDefinition<RenameParams> = {
  kind: 'transform',
  name: 'rename',
  summary: 'Renames columns: {old: new}.',
  params: {
    properties: { columns: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, minProperties: 1 } },
    required: ['columns'],
  },
  reads: ({ columns }) => Object.keys(columns),
  validate: ({ columns }) => internalColumnProblems('columns', Object.values(columns)),
  nameClashes: ({ columns }, before) => {
    const after = before.map((column) => ({ was: column.name, name: columns[column.name] ?? column.name }));
    for (const [from, to] of Object.entries(columns)) {
      const other = after.find((column) => column.was !== from && sameColumnName(column.name, to));
      if (other) {
        const which = other.was === other.name ? `column "${other.name}" already exists` : `"${other.was}" is renamed to "${other.name}" too`;
        return [{ field: `columns.${from}`, message: `renaming "${from}" to "${to}" clashes: ${which} (column names are compared ignoring case)` }];
      }
    }
    return [];
  },
  columnsAfter: ({ columns }, before) => before.map((column) => ({ ...column, name: columns[column.name] ?? column.name })),
  compile: ({ columns }, ctx) => ({
    select: `SELECT * RENAME (${Object.entries(columns)
      .map(([from, to]) => `${ident(from)} AS ${ident(to)}`)
      .join(', ')}) FROM ${ctx.table}`,
  }),
};
