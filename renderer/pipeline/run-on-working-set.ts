/**
 * Runs the document's pipeline on the working set, in the wasm worker, through the same
 * executor the runner uses: each cell's result is what `winnow run` would report, on the rows
 * the renderer has (all of them, or the deterministic sample).
 */
import type { Engine } from '../../pipelines/engine/engine';
import type { IngestResult, ResolvedSource } from '../../pipelines/ingest/ingest';
import { executePipeline, type PipelineResult, type ProgressEvent } from '../../pipelines/run/execute';
import { ident } from '../../pipelines/sql';
import { parseSpec } from '../../pipelines/spec/parse';
import type { Spec } from '../../pipelines/spec/types';
import type { Column } from '../../pipelines/table/column';

export interface WorkingSetSource {
  /** The attached working set, quoted (alias."data"), or an in-memory copy of one. */
  table: string;
  columns: Column[];
  /**
   * `table` is an in-memory table that nothing changes while the run reads it (the live input's
   * copy, see use-live-run.ts): the run reads it through a view instead of copying it again.
   */
  inMemory?: boolean;
}

/**
 * Copies a working set into the table the executor reads. The working set has Winnow's
 * __winnow_row/file/line columns already, in file order.
 */
function ingestFrom(resolveTable: (source: ResolvedSource) => Promise<WorkingSetSource>) {
  return async (engine: Engine, source: ResolvedSource, table: string): Promise<IngestResult> => {
    const from = await resolveTable(source);
    // No step changes its input in place: each makes a new table from it, so a view does for a copy.
    await engine.run(`CREATE OR REPLACE ${from.inMemory ? 'VIEW' : 'TABLE'} ${ident(table)} AS SELECT * FROM ${from.table}`);
    const [row] = await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`);
    const rows = Number(row?.n ?? 0);
    return { table, read: rows, kept: rows, rejected: 0, schema: from.columns };
  };
}

/** Validates the spec (throwing SpecErrors) and runs it over the working sets. */
export async function runOnWorkingSet(
  engine: Engine,
  spec: Spec,
  resolveTable: (source: ResolvedSource) => Promise<WorkingSetSource>,
  asOf = new Date(),
  onProgress?: (event: ProgressEvent) => void,
): Promise<PipelineResult> {
  const validated = parseSpec(JSON.stringify(spec), 'pipeline.winnow.yaml');
  const sources: ResolvedSource[] = Object.entries(validated.sources).map(([name, source]) => ({
    name,
    uri: source.uri,
    format: source.format ?? 'csv',
    options: source.options ?? {},
    files: [source.uri],
  }));
  const inputName = validated.input ?? Object.keys(validated.sources)[0]!;
  return executePipeline(engine, {
    spec: { ...validated, outputs: validated.outputs },
    specFile: 'pipeline.winnow.yaml',
    input: sources.find((source) => source.name === inputName)!,
    sources,
    ingest: ingestFrom(resolveTable),
    asOf,
    onProgress,
  });
}
