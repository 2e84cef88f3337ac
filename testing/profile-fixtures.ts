/**
 * Test support for profiles: the two engines, and the reference datasets of
 * pipelines/stats/reference/profile.json loaded into tables the same way on both.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../pipelines/engine/engine';
import { WasmEngine } from '../pipelines/engine/wasm-engine';
import { NativeEngine } from '../pipelines/node/engine/native-engine';
import { ingestRows } from './rows-kit';
import { ident, literal } from '../pipelines/sql';
import type { Column } from '../pipelines/table/column';

export const engines: [string, () => Promise<Engine>][] = [
  ['native', () => NativeEngine.create({ threads: 2 })],
  ['wasm', () => WasmEngine.createForNode()],
];

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** penguins.json has no reader in duckdb-wasm (no JSON extension offline): its rows go in as values. */
const penguinColumns: Column[] = [
  { name: 'Species', type: 'VARCHAR' },
  { name: 'Island', type: 'VARCHAR' },
  { name: 'Beak Length (mm)', type: 'DOUBLE' },
  { name: 'Beak Depth (mm)', type: 'DOUBLE' },
  { name: 'Flipper Length (mm)', type: 'BIGINT' },
  { name: 'Body Mass (g)', type: 'BIGINT' },
  { name: 'Sex', type: 'VARCHAR' },
];

/**
 * Creates the table `name` from a reference dataset's file (relative to the repository root) and
 * returns it quoted: CSV through DuckDB's read_csv, JSON records as values with declared types and
 * Winnow's row bookkeeping columns (which the profile must skip).
 */
export async function loadDataset(engine: Engine, path: string, name: string): Promise<string> {
  const absolute = resolve(ROOT, path);
  const table = ident(name);
  await engine.run(`DROP TABLE IF EXISTS ${table}`);
  if (path.endsWith('.csv')) {
    await engine.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv(${literal(absolute)})`);
    return table;
  }
  const records = JSON.parse(readFileSync(absolute, 'utf8')) as Record<string, unknown>[];
  const rows = records.map((record) => penguinColumns.map((column) => record[column.name] ?? null));
  await ingestRows(penguinColumns, rows)(engine, { name: 'penguins', uri: path, format: 'json', options: {}, files: [absolute] }, name);
  return table;
}
