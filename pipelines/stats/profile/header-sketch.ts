/**
 * A column header's tiny distribution sketch: equal-width bins for numbers and times, the top
 * values' counts otherwise. The host draws them natively for the live input when it opens a
 * dataset (WorkingSet.sketches), so the wasm worker is free for the first live run; the renderer
 * draws the same query itself for tables the host did not sketch (a step's preview).
 */
import type { Engine } from '../../engine/engine';
import { ident } from '../../sql';
import type { Column } from '../../table/column';

export const MINI_BINS = 16;
/** Top values a text column's sketch shows. */
const TOP_VALUES = 6;

export function isBinnable(column: Column): boolean {
  return /INT|DOUBLE|FLOAT|DECIMAL|DATE|TIMESTAMP/.test(column.type) && !/\[\]|STRUCT|MAP/.test(column.type);
}

/** Rows of (bin, n): bin 0..MINI_BINS-1 for numbers and times, or (label, n) for the top values. */
export function miniHistogramQuery(table: string, column: Column): string {
  const quoted = ident(column.name);
  if (isBinnable(column)) {
    const value = /DATE|TIMESTAMP/.test(column.type) ? `epoch(${quoted})` : `CAST(${quoted} AS DOUBLE)`;
    return `WITH v AS (SELECT ${value} AS x FROM ${table} WHERE ${quoted} IS NOT NULL),
      r AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
      SELECT CAST(least(${MINI_BINS - 1}, floor((x - lo) / nullif(hi - lo, 0) * ${MINI_BINS})) AS INTEGER) AS bin, count(*) AS n
      FROM v, r GROUP BY ALL ORDER BY bin`;
  }
  return `SELECT CAST(${quoted} AS VARCHAR) AS label, count(*) AS n FROM ${table} WHERE ${quoted} IS NOT NULL GROUP BY ALL ORDER BY n DESC, label LIMIT ${TOP_VALUES}`;
}

/** The bars of a column's sketch over `table` (quoted): counts per bin, or of the top values. */
export async function headerSketch(engine: Engine, table: string, column: Column): Promise<number[]> {
  const rows = await engine.query(miniHistogramQuery(table, column));
  if (!isBinnable(column)) return rows.map((row) => Number(row.n));
  const counts = new Array<number>(MINI_BINS).fill(0);
  // A column of one value has no width to bin: its rows count in the first bar.
  for (const row of rows) counts[row.bin === null ? 0 : Number(row.bin)] = Number(row.n);
  return counts;
}
