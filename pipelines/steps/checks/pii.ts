import { ROW } from '../../table/rejects';
import { ident, literal } from '../../sql';
import { countWhere } from '../../stats/profile/profile';
import { columnHoldsPattern, columnMatchOf, mayHoldPii, PATTERNS, PII_PATTERNS, type PatternName } from '../../stats/profile/patterns';
import { columnParam, fractionParam } from '../params';
import { queryOne } from '../../table/column';
import { type CheckDefinition, type StepContext } from '../step';

export interface PiiParams {
  /** The column to look at; default every column that can hold personal data (stats/profile/patterns.ts, mayHoldPii). */
  column?: string;
  /** The highest allowed share of a column's non-null values that look like personal data. Default 0. */
  max_fraction?: number;
  /** The shapes that count; default the personal ones: email, phone, ip, credit_card. */
  patterns?: PatternName[];
}

/** The DuckDB type of a column of the step's table ('' when not found). */
function typeOf(ctx: StepContext, column: string): string {
  return ctx.columns.find((candidate) => candidate.name === column)?.type ?? '';
}

/** Examples listed per column with matches. */
const EXAMPLES = 3;

/**
 * No column holds values shaped like personal data (emails, phone numbers, IP addresses, card
 * numbers) beyond `max_fraction` of its non-null values, as the whole value or inside free text.
 * Every row is looked at, with the shapes of the profile's pattern detection
 * (stats/profile/patterns.ts, columnHoldsPattern: the rule the profile uses too); the first few matching rows are listed with the
 * part that matched and its position (1-based, in characters).
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
    const columns = column ? [column] : ctx.columns.filter((candidate) => mayHoldPii(candidate.type)).map((candidate) => candidate.name);
    if (columns.length === 0) return { success: true, observed: { columns: [] }, unexpectedCount: 0, elementCount: 0 };
    // Each pattern is evaluated once per value, in a subquery the counts then read.
    const found = columns.flatMap((name, index) => {
      const contains = (pattern: PatternName) => columnHoldsPattern(ident(name), typeOf(ctx, name), pattern);
      return [
        `${ident(name)} IS NOT NULL AS ${ident(`value_${index}`)}`,
        ...patterns.map((pattern) => `${contains(pattern)} AS ${ident(`${pattern}_${index}`)}`),
      ];
    });
    const selects = columns.flatMap((_, index) => {
      const any = patterns.map((pattern) => ident(`${pattern}_${index}`)).join(' OR ');
      return [
        `${countWhere(ident(`value_${index}`))} AS ${ident(`values_${index}`)}`,
        `${countWhere(`(${any})`)} AS ${ident(`matching_${index}`)}`,
        ...patterns.map((pattern) => `${countWhere(ident(`${pattern}_${index}`))} AS ${ident(`${pattern}_${index}`)}`),
      ];
    });
    const row = await queryOne(ctx.engine, `SELECT ${selects.join(', ')} FROM (SELECT ${found.join(', ')} FROM ${ctx.table})`);
    const measured = [];
    for (const [index, name] of columns.entries()) {
      const values = Number(row[`values_${index}`]);
      const matching = Number(row[`matching_${index}`]);
      measured.push({
        column: name,
        values,
        matching,
        fraction: values === 0 ? 0 : matching / values,
        patterns: Object.fromEntries(patterns.map((pattern) => [pattern, Number(row[`${pattern}_${index}`])])),
        ...(matching > 0 ? { examples: await examplesOf(ctx, name, patterns) } : {}),
      });
    }
    return {
      success: measured.every((entry) => entry.fraction <= max_fraction),
      observed: { checked: columns, columns: measured.filter((entry) => entry.matching > 0) },
      unexpectedCount: measured.reduce((sum, entry) => sum + entry.matching, 0),
      elementCount: measured.reduce((sum, entry) => sum + entry.values, 0),
    };
  },
};

/** The first matching rows of a column: the row number, the first pattern found, the part that matched and where. */
async function examplesOf(
  ctx: StepContext,
  column: string,
  patterns: PatternName[],
): Promise<{ row: number | null; pattern: PatternName; match: string; position: number }[]> {
  const text = `CAST(${ident(column)} AS VARCHAR)`;
  const matchOf = (pattern: PatternName) => columnMatchOf(ident(column), typeOf(ctx, column), pattern);
  const found = patterns.map((pattern) => `{'pattern': ${literal(pattern)}, 'match': ${matchOf(pattern)}}`);
  const hasRow = ctx.internalColumns.includes(ROW);
  const rows = await ctx.engine.query(
    `SELECT row_number, hit.pattern AS pattern, hit.match AS match, instr(value, hit.match) AS position
     FROM (SELECT ${hasRow ? ident(ROW) : 'NULL'} AS row_number, ${text} AS value, [found FOR found IN [${found.join(', ')}] IF found.match IS NOT NULL][1] AS hit FROM ${ctx.table})
     WHERE hit IS NOT NULL ${hasRow ? 'ORDER BY row_number' : ''} LIMIT ${EXAMPLES}`,
  );
  return rows.map((example) => ({
    row: example.row_number === null || example.row_number === undefined ? null : Number(example.row_number),
    pattern: String(example.pattern) as PatternName,
    match: String(example.match),
    position: Number(example.position),
  }));
}
