import { ident, literal } from '../../sql';
import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface RegexParams {
  column: string;
  /** RE2 syntax; matches anywhere in the value unless anchored with ^ and $. */
  pattern: string;
}

/** Values match a regular expression (anywhere in the value, like Great Expectations). */
export const regex: CheckDefinition<RegexParams> = {
  kind: 'check',
  name: 'regex',
  summary: 'Values of a column match a regular expression (anywhere unless anchored).',
  params: { properties: { column: columnParam, pattern: { type: 'string', minLength: 1 } }, required: ['column', 'pattern'] },
  reads: ({ column }) => [column],
  rows: ({ column, pattern }) => ({
    domain: `${ident(column)} IS NOT NULL`,
    failing: `NOT regexp_matches(CAST(${ident(column)} AS VARCHAR), ${literal(pattern)})`,
    value: ident(column),
  }),
};
