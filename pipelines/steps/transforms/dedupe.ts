import { ROW } from '../../table/rejects';
import { ident } from '../../sql';
import { columnListParam } from '../params';
import type { TransformDefinition } from '../step';

export interface DedupeParams {
  /** Columns that identify a duplicate; omitted: the whole row. */
  columns?: string[];
  /** Which occurrence is kept, in input order: first (default) or last. */
  keep?: 'first' | 'last';
}

/** Removes duplicate rows, keeping the first (or last) occurrence in input order. */
export const dedupe: TransformDefinition<DedupeParams> = {
  kind: 'transform',
  name: 'dedupe',
  summary: 'Removes duplicate rows (by some columns or the whole row), keeping the first in input order.',
  params: { properties: { columns: columnListParam, keep: { enum: ['first', 'last'] } } },
  reads: ({ columns }) => columns ?? [],
  columnsAfter: (_params, before) => before,
  compile: ({ columns, keep = 'first' }, ctx) => {
    const key = (columns ?? ctx.columns.map((column) => column.name)).map(ident).join(', ');
    const order = `${ident(ROW)} ${keep === 'first' ? 'ASC' : 'DESC'}`;
    return {
      select: `SELECT * FROM ${ctx.table} QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY ${order}) = 1`,
      drops: true,
    };
  },
};
