/** A working table's columns, and reading one row of a query: what steps, stats, ingest and the report share. */
import type { Engine, Value } from '../engine/engine';

export interface Column {
  name: string;
  /** The DuckDB type, e.g. 'BIGINT', 'VARCHAR', 'DATE'. */
  type: string;
}

/** Reads the first row of a query, failing loudly if there is none. */
export async function queryOne(engine: Engine, sql: string): Promise<Record<string, Value>> {
  const [row] = await engine.query(sql);
  if (!row) throw new Error(`query returned no row: ${sql}`);
  return row;
}
