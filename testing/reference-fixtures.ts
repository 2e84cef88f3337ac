/**
 * Test support for the statistics' reference tests: the committed fixtures read into working
 * tables exactly as the reference scripts read them (every column as text, an empty field is
 * missing, `types` cast; the fixture's `row` column becomes Winnow's row number), and the two
 * engines every reference case runs on.
 */
import { fileURLToPath } from 'node:url';
import type { Engine } from '../pipelines/engine/engine';
import { WasmEngine } from '../pipelines/engine/wasm-engine';
import { ROW } from '../pipelines/table/rejects';
import { NativeEngine } from '../pipelines/node/engine/native-engine';
import { ident, literal, typeName } from '../pipelines/sql';

export const REFERENCE_DIR = fileURLToPath(new URL('../pipelines/stats/reference/', import.meta.url));

/** The engines every reference case runs on: native DuckDB with two threads, and duckdb-wasm. */
export const engines: [label: string, create: () => Promise<Engine>][] = [
  ['native', () => NativeEngine.create({ threads: 2 })],
  ['wasm', () => WasmEngine.createForNode()],
];

/** Reads fixtures/<file> into `table` (replacing it); returns the quoted table name. */
export async function loadFixture(engine: Engine, file: string, table: string, types: Record<string, string> = {}): Promise<string> {
  const path = `${REFERENCE_DIR}fixtures/${file}`;
  const casts = Object.entries(types).map(([column, type]) => `CAST(${ident(column)} AS ${typeName(type)}) AS ${ident(column)}`);
  const replace = casts.length ? ` REPLACE (${casts.join(', ')})` : '';
  const quoted = ident(table);
  await engine.run(
    `CREATE OR REPLACE TABLE ${quoted} AS SELECT CAST("row" AS BIGINT) AS ${ident(ROW)}, * EXCLUDE ("row")${replace}
     FROM read_csv(${literal(path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
     ORDER BY ${ident(ROW)}`,
  );
  return quoted;
}

/** Whether `actual` is within `relative` (relative) of `expected`; both null counts as equal. */
export function closeTo(actual: number | null, expected: number | null, relative = 1e-9): boolean {
  if (actual === null || expected === null) return actual === expected;
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= relative * Math.max(Math.abs(actual), Math.abs(expected));
}
