import { ROW } from '../../table/rejects';
import { ident } from '../../sql';
import { allDataColumns, rowAsText } from '../params';
import type { CheckDefinition } from '../step';

export type DuplicatesParams = Record<string, never>;

/**
 * No row is an exact copy of an earlier one. The first occurrence (in input order) is
 * expected; each later copy is unexpected, so `on_fail: reject` keeps one of each.
 */
export const duplicates: CheckDefinition<DuplicatesParams> = {
  kind: 'check',
  name: 'duplicates',
  summary: 'No row is an exact duplicate of an earlier row.',
  params: { properties: {} },
  reads: () => [],
  rows: (_params, ctx) => ({
    domain: 'TRUE',
    failing: `row_number() OVER (PARTITION BY ${allDataColumns(ctx)} ORDER BY ${ident(ROW)}) > 1`,
    value: rowAsText(ctx),
  }),
};
