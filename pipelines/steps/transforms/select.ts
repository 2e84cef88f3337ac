import { ident } from '../../sql';
import { columnListParam } from '../params';
import type { Column } from '../../table/column';
import type { TransformDefinition } from '../step';

export interface SelectParams {
  columns: string[];
}

/** Keeps only the listed columns, in the listed order. */
export const select: TransformDefinition<SelectParams> = {
  kind: 'transform',
  name: 'select',
  summary: 'Keeps only the listed columns, in that order.',
  params: { properties: { columns: columnListParam }, required: ['columns'] },
  reads: ({ columns }) => columns,
  columnsAfter: ({ columns }, before) => columns.map((name) => before.find((column) => column.name === name) ?? ({ name, type: 'UNKNOWN' } satisfies Column)),
  compile: ({ columns }, ctx) => ({
    select: `SELECT ${[...ctx.internalColumns, ...columns].map(ident).join(', ')} FROM ${ctx.table}`,
  }),
};
