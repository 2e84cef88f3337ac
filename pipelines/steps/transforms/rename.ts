import { ident } from '../../sql';
import { internalColumnProblems } from '../params';
import type { TransformDefinition } from '../step';

export interface RenameParams {
  /** Old name -> new name. */
  columns: Record<string, string>;
}

/** Renames columns, keeping their order. */
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
  columnsAfter: ({ columns }, before) => before.map((column) => ({ ...column, name: columns[column.name] ?? column.name })),
  compile: ({ columns }, ctx) => ({
    select: `SELECT * RENAME (${Object.entries(columns).map(([from, to]) => `${ident(from)} AS ${ident(to)}`).join(', ')}) FROM ${ctx.table}`,
  }),
};
