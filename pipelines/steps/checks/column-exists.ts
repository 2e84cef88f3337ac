import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface ColumnExistsParams {
  column: string;
  /** Zero-based position the column must have, as Great Expectations' column_index. */
  index?: number;
}

/** A column is present (and, with `index`, at that position). */
export const columnExists: CheckDefinition<ColumnExistsParams> = {
  kind: 'check',
  name: 'column_exists',
  summary: 'A column is present, optionally at a given (zero-based) position.',
  params: { properties: { column: columnParam, index: { type: 'integer', minimum: 0 } }, required: ['column'] },
  // It reads no column: a missing column is its finding, not a spec error.
  reads: () => [],
  dataset: async ({ column, index }, ctx) => {
    const position = ctx.columns.findIndex((candidate) => candidate.name === column);
    const success = position >= 0 && (index === undefined || position === index);
    return { success, observed: { present: position >= 0, index: position >= 0 ? position : null } };
  },
};
