/**
 * Outlier rules on one numeric column: the z-score (zscore.ts), Tukey's fences on the
 * interquartile range (iqr.ts) and the modified z-score on the median absolute deviation (mad.ts).
 * Each rule is SQL, written once and shared: the spec checks (`zscore_outliers`, `iqr_outliers`,
 * `mad_outliers`) use its row condition, the app and the CLI its summary. Definitions, defaults
 * and edge cases: docs/statistics.md#outliers.
 *
 * The values a rule looks at are the column's finite values as DOUBLE: NULL, NaN and ±Infinity are
 * left out of its statistics and are never flagged (`between` catches them).
 */
import type { Engine, Value } from '../../engine/engine';
import { WinnowError } from '../../errors';
import { ident } from '../../sql';
import type { Column } from '../../table/column';

export type OutlierMethod = 'zscore' | 'iqr' | 'mad';

/** A rule's SQL over one column of one table: a row check's parts (steps/step.ts RowCheckSql) and its statistics. */
export interface OutlierSql {
  /** The rows the rule looks at: the column's finite values. */
  domain: string;
  /** True for a value beyond the fences. */
  failing: string;
  /** The value shown in failing examples. */
  value: string;
  /**
   * A SELECT giving one row: the rule's statistics (zscore: `mean`, `std`; iqr: `q1`, `q3`, `iqr`;
   * mad: `median`, `mad`), `values` (how many finite values) and the fences `lower` and `upper`:
   * the values beyond them are the outliers.
   */
  statistics: string;
}

/** What a rule found in a column: its statistics, its fences and how many values lie beyond them. */
export interface OutlierSummary {
  method: OutlierMethod;
  column: string;
  /** The rule's parameter: the z or modified-z threshold, or Tukey's k. */
  threshold: number;
  /** Finite values looked at. */
  values: number;
  outliers: number;
  /** Values below `lower` or above `upper` are outliers; null without values (or with no spread for z and MAD). */
  lower: number | null;
  upper: number | null;
  statistics: Record<string, number | null>;
}

/** DuckDB's numeric types: integers of every width, FLOAT, DOUBLE and DECIMAL. */
const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\s*\d+\s*(,\s*\d+\s*)?\))?)$/;

export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type.trim().toUpperCase());
}

/** The column of a check, once it is known to be numeric: a text column is a spec error, not a cast failure mid-run. */
export function numericColumn(columns: readonly Column[], stepId: string, column: string, check: string): string {
  const type = columns.find((candidate) => candidate.name === column)?.type;
  if (type !== undefined && !isNumericType(type)) {
    throw new WinnowError(`${check} needs a numeric column; "${column}" is ${type} (cast it first)`, { stepId, field: 'column' }, 'spec');
  }
  return column;
}

/** The column as DOUBLE, the value every rule reads. */
export function doubleValue(column: string): string {
  return `CAST(${ident(column)} AS DOUBLE)`;
}

/** The row condition of the values a rule counts: finite ones. */
export function finiteDomain(column: string): string {
  return `isfinite(${doubleValue(column)})`;
}

/** A SELECT of the column's finite values as `v`, the relation every statistic is computed over. */
export function finiteValues(table: string, column: string): string {
  return `SELECT ${doubleValue(column)} AS v FROM ${table} WHERE ${finiteDomain(column)}`;
}

/** One statistic of a rule's `statistics` row, as a scalar subquery. */
export function statistic(statistics: string, name: string): string {
  return `(SELECT ${ident(name)} FROM (${statistics}))`;
}

function numberOrNull(value: Value | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Runs a rule's SQL: its statistics and the number of values beyond its fences. */
export async function summarizeOutliers(
  engine: Engine,
  table: string,
  column: string,
  method: OutlierMethod,
  threshold: number,
  sql: OutlierSql,
  statisticNames: string[],
): Promise<OutlierSummary> {
  const [row = {}] = await engine.query(
    `SELECT s.*, (SELECT count(*) FROM ${table} WHERE coalesce((${sql.domain}) AND (${sql.failing}), FALSE)) AS __outliers FROM (${sql.statistics}) s`,
  );
  return {
    method,
    column,
    threshold,
    values: Number(row.values ?? 0),
    outliers: Number(row.__outliers ?? 0),
    lower: numberOrNull(row.lower),
    upper: numberOrNull(row.upper),
    statistics: Object.fromEntries(statisticNames.map((name) => [name, numberOrNull(row[name])])),
  };
}
