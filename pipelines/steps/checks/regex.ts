import { ident, literal } from '../../sql';
import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface RegexParams {
  column: string;
  /** RE2 syntax; matches anywhere in the value unless anchored with ^ and $. An empty pattern matches every value. */
  pattern: string;
}

/** Values match a regular expression (anywhere in the value, like Great Expectations). */
export const regex: CheckDefinition<RegexParams> = {
  kind: 'check',
  name: 'regex',
  summary: 'Values of a column match a regular expression (anywhere unless anchored).',
  params: { properties: { column: columnParam, pattern: { type: 'string' } }, required: ['column', 'pattern'] },
  warnings: ({ pattern }) => (pattern === '' ? [{ field: 'pattern', message: 'the pattern is empty: it matches every value' }] : []),
  reads: ({ column }) => [column],
  rows: ({ column, pattern }) => ({
    domain: `${ident(column)} IS NOT NULL`,
    failing: `NOT regexp_matches(CAST(${ident(column)} AS VARCHAR), ${literal(pattern)})`,
    value: ident(column),
  }),
};
