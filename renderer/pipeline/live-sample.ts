/**
 * The rows the live run works on: the working set's live sample when it has one (a
 * deterministic sample of about LIVE_SAMPLE_ROWS rows the host wrote beside it, so an edit
 * answers within a second), else the whole working set. Cells say which they show; "Run on full
 * data" gives exact numbers.
 */
import type { DatasetHandle } from '../../pipelines/protocol/host';
import { ident } from '../../pipelines/sql';
import { WORKING_SET_ALIAS, workingSetTable } from '../host/working-sets';

export interface LiveInput {
  /** Quoted, for the executor to read. */
  table: string;
  rows: number;
  /** Rows of the working set it was drawn from, when it is a sample of it. */
  sampleOf: number | null;
}

export function liveInput(dataset: DatasetHandle): LiveInput {
  const { liveSample, rows } = dataset.workingSet;
  if (!liveSample) return { table: workingSetTable(dataset), rows, sampleOf: null };
  return { table: `${ident(WORKING_SET_ALIAS)}.${ident(liveSample.table)}`, rows: liveSample.rows, sampleOf: rows };
}
