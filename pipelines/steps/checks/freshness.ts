import { ident, literal } from '../../sql';
import { columnParam } from '../params';
import { queryOne } from '../../table/column';
import { type CheckDefinition } from '../step';

export interface FreshnessParams {
  column: string;
  /** The oldest the newest value may be, as a DuckDB interval: "36 hours", "2 days". */
  max_age: string;
}

/**
 * The newest value of a date or timestamp column is at most `max_age` older than the run's
 * `--as-of` time (default: when the run started). A column with no values fails. Ages are taken in
 * UTC on every host: a TIMESTAMP WITH TIME ZONE by its instant, a DATE or TIMESTAMP (no zone) as a
 * UTC wall time.
 */
export const freshness: CheckDefinition<FreshnessParams> = {
  kind: 'check',
  name: 'freshness',
  summary: 'The newest value of a time column is at most max_age before the run’s as-of time.',
  params: {
    properties: {
      column: columnParam,
      max_age: { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*[A-Za-z]+(\\s+\\d+(\\.\\d+)?\\s*[A-Za-z]+)*\\s*$', description: 'e.g. "36 hours", "2 days"' },
    },
    required: ['column', 'max_age'],
  },
  reads: ({ column }) => [column],
  dataset: async ({ column, max_age }, ctx) => {
    const asOf = `CAST(${literal(ctx.asOf.toISOString().replace('T', ' ').replace('Z', ''))} AS TIMESTAMP)`;
    // A TIMESTAMP WITH TIME ZONE counts by its UTC instant, whatever the session's zone; as-of is UTC too.
    const type = ctx.columns.find((existing) => existing.name.toLowerCase() === column.toLowerCase())?.type.toUpperCase();
    const zoned = type === 'TIMESTAMP WITH TIME ZONE' || type === 'TIMESTAMPTZ';
    const newest = zoned ? `make_timestamp(epoch_us(max(${ident(column)})))` : `CAST(max(${ident(column)}) AS TIMESTAMP)`;
    const row = await queryOne(
      ctx.engine,
      `SELECT CAST(${newest} AS VARCHAR) AS newest, epoch(${asOf}) - epoch(${newest}) AS age_seconds,
              coalesce(${newest} >= ${asOf} - CAST(${literal(max_age)} AS INTERVAL), FALSE) AS ok
       FROM ${ctx.table}`,
    );
    return { success: row.ok === true, observed: { newest: row.newest, ageSeconds: row.age_seconds, asOf: ctx.asOf.toISOString() } };
  },
};
