/** The SQL of a header's mini histogram: equal-width bins for numbers and times, top values otherwise. */
import { ident } from '../../pipelines/sql';
import type { Column } from '../../pipelines/table/column';

export const MINI_BINS = 16;

export function isBinnable(column: Column): boolean {
  return /INT|DOUBLE|FLOAT|DECIMAL|DATE|TIMESTAMP/.test(column.type) && !/\[\]|STRUCT|MAP/.test(column.type);
}

/** Rows of (bin, n): bin 0..MINI_BINS-1 for numbers and times, or the top values' ranks. */
export function miniHistogramQuery(table: string, column: Column): string {
  const quoted = ident(column.name);
  if (isBinnable(column)) {
    const value = /DATE|TIMESTAMP/.test(column.type) ? `epoch(${quoted})` : `CAST(${quoted} AS DOUBLE)`;
    return `WITH v AS (SELECT ${value} AS x FROM ${table} WHERE ${quoted} IS NOT NULL),
      r AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
      SELECT CAST(least(${MINI_BINS - 1}, floor((x - lo) / nullif(hi - lo, 0) * ${MINI_BINS})) AS INTEGER) AS bin, count(*) AS n
      FROM v, r GROUP BY ALL ORDER BY bin`;
  }
  return `SELECT CAST(${quoted} AS VARCHAR) AS label, count(*) AS n FROM ${table} WHERE ${quoted} IS NOT NULL GROUP BY ALL ORDER BY n DESC, label LIMIT 6`;
}
