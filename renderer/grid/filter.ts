/**
 * Column filters as a person types them, turned into SQL through the one quoting helper.
 *   numbers and times:  "> 5", "<= 2024-01-31", "= 3", "!= 0", "10..20" (inclusive),
 *                       "5.." (5 or more), "..5" (5 or less)
 *   text:               "Oslo" (contains, any case), "=Oslo" (exactly), "!=Oslo" (anything but
 *                       exactly Oslo)
 *   any column:         "null", "not null"
 * Comparisons keep SQL's meaning of null: a null is neither equal nor unequal to anything, so
 * "!=Oslo" and "!= 0" leave out the rows where the column is null, as "> 5" does.
 * Anything else is a readable problem, never SQL.
 */
import { ident, literal } from '../../pipelines/sql';

export type FilterResult = { sql: string } | { problem: string };

const numericType = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;
const timeType = /^(DATE|TIMESTAMP|TIME)/;

function typedValue(text: string, type: string): { value: string } | { problem: string } {
  const trimmed = text.trim();
  if (numericType.test(type)) {
    const number = Number(trimmed);
    return trimmed !== '' && Number.isFinite(number) ? { value: literal(number) } : { problem: `"${trimmed}" is not a number` };
  }
  if (timeType.test(type)) {
    return /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(trimmed) || /^\d{2}:\d{2}/.test(trimmed)
      ? { value: `CAST(${literal(trimmed)} AS ${type.split(' ')[0]})` }
      : { problem: `"${trimmed}" is not a date or time (write 2024-01-31 or 2024-01-31 12:00)` };
  }
  return { value: literal(trimmed) };
}

/** The SQL predicate for one column's filter text, or why it cannot be read. */
export function filterPredicate(column: string, type: string, text: string): FilterResult {
  const quoted = ident(column);
  const trimmed = text.trim();
  if (trimmed === '') return { sql: 'TRUE' };
  if (/^null$/i.test(trimmed)) return { sql: `${quoted} IS NULL` };
  if (/^not\s+null$/i.test(trimmed)) return { sql: `${quoted} IS NOT NULL` };
  const range = /^(.*?)\s*\.\.\s*(.*)$/.exec(trimmed);
  if (range && (range[1] || range[2]) && (numericType.test(type) || timeType.test(type))) {
    const low = range[1] ? typedValue(range[1], type) : null;
    const high = range[2] ? typedValue(range[2], type) : null;
    if (low && 'problem' in low) return low;
    if (high && 'problem' in high) return high;
    if (low && high) return { sql: `${quoted} BETWEEN ${low.value} AND ${high.value}` };
    if (low) return { sql: `${quoted} >= ${low.value}` };
    if (high) return { sql: `${quoted} <= ${high.value}` };
  }
  const comparison = /^(>=|<=|!=|<>|=|>|<)\s*(.*)$/.exec(trimmed);
  if (comparison) {
    const operator = comparison[1] === '<>' ? '!=' : comparison[1]!;
    const value = typedValue(comparison[2]!, type);
    if ('problem' in value) return value;
    return { sql: `${quoted} ${operator} ${value.value}` };
  }
  if (numericType.test(type) || timeType.test(type)) {
    const value = typedValue(trimmed, type);
    if ('problem' in value) return { problem: `${value.problem}; write a value, > 5, 10..20, 5.., ..20, null or not null` };
    return { sql: `${quoted} = ${value.value}` };
  }
  const pattern = `%${trimmed.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  return { sql: `CAST(${quoted} AS VARCHAR) ILIKE ${literal(pattern)} ESCAPE '\\'` };
}
