/**
 * Opens a dataset given by a URI on the command line (`winnow profile data.csv`): resolves it
 * like a spec source (relative to the current folder) and reads it into a working table.
 */
import { ingestSource } from '../../ingest/ingest';
import { createRejectsTable, REJECTS_TABLE } from '../../table/rejects';
import { ident, literal } from '../../sql';
import type { Column } from '../../table/column';
import type { Engine } from '../../engine/engine';
import type { SourceSpec } from '../../spec/types';
import { resolveSource } from './resolve-source';

export interface OpenedDataset {
  /** The quoted table name; it has Winnow's __winnow_* columns besides `columns`. */
  table: string;
  columns: Column[];
  /** Data rows read, and how many of them could not be parsed (they are not in the table). */
  read: number;
  rejected: number;
  uri: string;
  files: string[];
}

/** Reads `uri` into a table named after `name` ('dataset', 'baseline', 'current', ...). */
export async function openDataset(engine: Engine, uri: string, name = 'dataset', source: Omit<SourceSpec, 'uri'> = {}): Promise<OpenedDataset> {
  const resolved = await resolveSource(name, { uri, ...source }, process.cwd());
  const exists = await engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${literal(REJECTS_TABLE)}`);
  if (Number(exists[0]?.n) === 0) await createRejectsTable(engine);
  const table = `__winnow_dataset_${name}`;
  const result = await ingestSource(engine, resolved, table);
  return { table: ident(table), columns: result.schema, read: result.read, rejected: result.rejected, uri, files: resolved.files };
}
