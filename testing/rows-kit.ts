/**
 * Test support: builds a working table straight from rows, standing in for reading files, so
 * the executor's cases can run on any engine without touching the file system.
 */
import type { Engine } from '../pipelines/engine/engine';
import type { IngestResult, ResolvedSource } from '../pipelines/ingest/ingest';
import { ident, literal } from '../pipelines/sql';
import { parseSpec } from '../pipelines/spec/parse';
import type { Spec } from '../pipelines/spec/types';
import type { Column } from '../pipelines/table/column';
import { executePipeline, type PipelineResult } from '../pipelines/run/execute';

/** An ingest function that creates the working table from `rows` (in order) instead of files. */
export function ingestRows(columns: Column[], rows: unknown[][]) {
  return async (engine: Engine, source: ResolvedSource, table: string): Promise<IngestResult> => {
    const names = ['__winnow_row', '__winnow_file', '__winnow_line', ...columns.map((column) => column.name)];
    const types = ['BIGINT', 'VARCHAR', 'BIGINT', ...columns.map((column) => column.type)];
    const casts = names.map((name, index) => `CAST(${ident(name)} AS ${types[index]}) AS ${ident(name)}`).join(', ');
    if (rows.length === 0) {
      await engine.run(
        `CREATE TABLE ${ident(table)} AS SELECT ${names.map((name, index) => `CAST(NULL AS ${types[index]}) AS ${ident(name)}`).join(', ')} LIMIT 0`,
      );
    } else {
      const values = rows.map((row, index) => `(${[index + 1, 'memory.csv', index + 2, ...row].map(literal).join(', ')})`).join(', ');
      await engine.run(`CREATE TABLE ${ident(table)} AS SELECT ${casts} FROM (VALUES ${values}) AS v(${names.map(ident).join(', ')})`);
    }
    return { table, read: rows.length, kept: rows.length, rejected: 0, schema: columns };
  };
}

export interface RowsOptions {
  asOf?: Date;
  /** Further sources by name (e.g. a drift baseline), each as columns and rows. */
  sources?: Record<string, { columns: Column[]; rows: unknown[][] }>;
  /** Row checks per pass over the table (see ExecuteOptions.checksPerScan). */
  checksPerScan?: number;
}

/**
 * Parses a spec given as an object (so tests write specs as data) and runs it over `rows`
 * (the source "data"), with any further sources given in `options.sources`.
 */
export async function runOnRows(
  engine: Engine,
  spec: Omit<Spec, 'version' | 'name' | 'sources'> & Partial<Spec>,
  columns: Column[],
  rows: unknown[][],
  { asOf = new Date('2026-11-24T00:00:00Z'), sources = {}, checksPerScan }: RowsOptions = {},
): Promise<PipelineResult> {
  const sourceSpecs = Object.fromEntries(['data', ...Object.keys(sources)].map((name) => [name, { uri: `${name}.csv` }]));
  const full = parseSpec(JSON.stringify({ version: 1, name: 'test', sources: sourceSpecs, ...spec }), 'test.json');
  const resolved = (name: string): ResolvedSource => ({ name, uri: `${name}.csv`, format: 'csv', options: {}, files: [`${name}.csv`] });
  const all = { data: { columns, rows }, ...sources };
  const ingest = (engine: Engine, source: ResolvedSource, table: string) => {
    const { columns: sourceColumns, rows: sourceRows } = all[source.name as keyof typeof all]!;
    return ingestRows(sourceColumns, sourceRows)(engine, source, table);
  };
  return executePipeline(engine, {
    spec: full,
    specFile: 'test.json',
    input: resolved('data'),
    sources: Object.keys(all).map(resolved),
    ingest,
    asOf,
    checksPerScan,
  });
}

/** The rows of an output plan (or shard), as plain arrays. */
export async function outputRows(engine: Engine, select: string): Promise<unknown[][]> {
  return (await engine.query(select)).map((row) => Object.values(row));
}
