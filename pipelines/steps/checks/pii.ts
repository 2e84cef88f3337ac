import { ident } from '../../sql';
import { countWhere } from '../../stats/profile/profile';
import { matchesAnyPattern, matchesPattern, PATTERNS, PII_PATTERNS, type PatternName } from '../../stats/profile/patterns';
import { columnParam, fractionParam } from '../params';
import { queryOne, type CheckDefinition } from '../step';

export interface PiiParams {
  /** The column to look at; default every text (VARCHAR) column. */
  column?: string;
  /** The highest allowed share of a column's non-null values that look like personal data. Default 0. */
  max_fraction?: number;
  /** The shapes that count; default the personal ones: email, phone, ip, credit_card. */
  patterns?: PatternName[];
}

/**
 * No column holds values shaped like personal data (emails, phone numbers, IP addresses, card
 * numbers) beyond `max_fraction` of its non-null values. Every row is looked at, with the same
 * expressions as the profile's pattern detection (stats/profile/patterns.ts).
 */
export const pii: CheckDefinition<PiiParams> = {
  kind: 'check',
  name: 'pii',
  summary: 'Columns do not hold values that look like personal data (email, phone, IP, card number).',
  params: {
    properties: {
      column: columnParam,
      max_fraction: { ...fractionParam, description: 'Highest allowed share of non-null values that match. Default 0.' },
      patterns: {
        type: 'array',
        items: { enum: PATTERNS.map((pattern) => pattern.name) },
        minItems: 1,
        uniqueItems: true,
        description: `Shapes that count. Default: ${PII_PATTERNS.join(', ')}.`,
      },
    },
  },
  reads: ({ column }) => (column ? [column] : []),
  dataset: async ({ column, max_fraction = 0, patterns = [...PII_PATTERNS] }, ctx) => {
    const columns = column ? [column] : ctx.columns.filter((candidate) => candidate.type.toUpperCase() === 'VARCHAR').map((candidate) => candidate.name);
    if (columns.length === 0) return { success: true, observed: { columns: [] }, unexpectedCount: 0, elementCount: 0 };
    const selects = columns.flatMap((name, index) => {
      const text = `CAST(${ident(name)} AS VARCHAR)`;
      return [
        `count(${ident(name)}) AS ${ident(`values_${index}`)}`,
        `${countWhere(matchesAnyPattern(text, patterns))} AS ${ident(`matching_${index}`)}`,
        ...patterns.map((pattern) => `${countWhere(matchesPattern(text, pattern))} AS ${ident(`${pattern}_${index}`)}`),
      ];
    });
    const row = await queryOne(ctx.engine, `SELECT ${selects.join(', ')} FROM ${ctx.table}`);
    const measured = columns.map((name, index) => {
      const values = Number(row[`values_${index}`]);
      const matching = Number(row[`matching_${index}`]);
      return {
        column: name,
        values,
        matching,
        fraction: values === 0 ? 0 : matching / values,
        patterns: Object.fromEntries(patterns.map((pattern) => [pattern, Number(row[`${pattern}_${index}`])])),
      };
    });
    return {
      success: measured.every((entry) => entry.fraction <= max_fraction),
      observed: { checked: columns, columns: measured.filter((entry) => entry.matching > 0) },
      unexpectedCount: measured.reduce((sum, entry) => sum + entry.matching, 0),
      elementCount: measured.reduce((sum, entry) => sum + entry.values, 0),
    };
  },
};
