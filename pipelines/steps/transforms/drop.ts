import { ident } from '../../sql';
import { columnListParam } from '../params';
import type { TransformDefinition } from '../step';

export interface DropParams {
  columns: string[];
}

/** Removes the listed columns. */
export const drop: TransformDefinition<DropParams> = {
  kind: 'transform',
  name: 'drop',
  summary: 'Removes the listed columns.',
  params: { properties: { columns: columnListParam }, required: ['columns'] },
  reads: ({ columns }) => columns,
  columnsAfter: ({ columns }, before) => before.filter((column) => !columns.includes(column.name)),
  compile: ({ columns }, ctx) => ({ select: `SELECT * EXCLUDE (${columns.map(ident).join(', ')}) FROM ${ctx.table}` }),
};
