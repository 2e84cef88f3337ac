/**
 * The values a drift statistic compares, as SQL: which columns are numeric or categorical, the
 * SELECT that yields a column's values on each side, and the merged count of each distinct value
 * that the ECDF-based statistics (KS, Wasserstein) and the bins are computed from.
 */
import { ident } from '../../sql';
import type { ColumnKind, Relation } from './types';

const NUMERIC_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(.*\))?)$/;
const TIME_TYPES = /^(DATE|TIMESTAMP.*)$/;
const CATEGORICAL_TYPES = /^(VARCHAR|BOOLEAN|ENUM\(.*\))$/s;

/**
 * How a DuckDB type is compared: numbers, dates and timestamps (as epoch seconds) are numeric;
 * text, booleans and enums are categorical; other types (lists, structs, blobs, times, UUIDs)
 * are not compared.
 */
export function columnKind(type: string): ColumnKind | null {
  const upper = type.trim().toUpperCase();
  if (NUMERIC_TYPES.test(upper) || TIME_TYPES.test(upper)) return 'numeric';
  if (CATEGORICAL_TYPES.test(upper)) return 'categorical';
  return null;
}

/** Two SELECTs, one per side, each yielding one column `value` with only real values. */
export interface Samples {
  kind: ColumnKind;
  baseline: string;
  current: string;
}

/** The SELECT of one side's values: NULL, NaN and ±Infinity are missing, never values. */
function valuesOf(relation: Relation, column: string, kind: ColumnKind): string {
  const type = relation.columns.find((candidate) => candidate.name === column)?.type ?? '';
  if (kind === 'categorical') {
    return `SELECT CAST(${ident(column)} AS VARCHAR) AS value FROM ${relation.table} WHERE ${ident(column)} IS NOT NULL`;
  }
  const number = TIME_TYPES.test(type.trim().toUpperCase()) ? `CAST(epoch(${ident(column)}) AS DOUBLE)` : `CAST(${ident(column)} AS DOUBLE)`;
  return `SELECT value FROM (SELECT ${number} AS value FROM ${relation.table}) WHERE isfinite(value)`;
}

export function columnSamples(baseline: Relation, current: Relation, column: string, kind: ColumnKind): Samples {
  return { kind, baseline: valuesOf(baseline, column, kind), current: valuesOf(current, column, kind) };
}

/**
 * One row per distinct value of either side: `value`, `baseline_count`, `current_count` (BIGINT).
 * The merged, sorted support of both samples: every ECDF jump happens at one of these values.
 */
export function mergedCountsSql(samples: Samples): string {
  return `SELECT value, count(*) FILTER (WHERE side = 0) AS baseline_count, count(*) FILTER (WHERE side = 1) AS current_count
    FROM (SELECT value, 0 AS side FROM (${samples.baseline}) UNION ALL SELECT value, 1 AS side FROM (${samples.current}))
    GROUP BY value`;
}

/** The number of values on each side. */
export function sampleSizesSql(samples: Samples): string {
  return `SELECT (SELECT count(*) FROM (${samples.baseline})) AS baseline_count, (SELECT count(*) FROM (${samples.current})) AS current_count`;
}
