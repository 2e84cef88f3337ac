/** Opening a dataset: the host reads it natively and writes the working set; the wasm engine attaches it. */
import { HostRequest, type DatasetHandle } from '../../pipelines/protocol/host';
import { ident } from '../../pipelines/sql';
import type { BrowserEngine } from '../engine/browser-engine';
import { host, HostRequestError } from '../host/client';
import { useApp } from '../state/store';

export const WORKING_SET_ALIAS = 'ws';

/** The working set's table, quoted, as the grid and profiles query it. */
export function workingSetTable(dataset: DatasetHandle): string {
  return `${ident(WORKING_SET_ALIAS)}.${ident(dataset.workingSet.table)}`;
}

export async function openDataset(engine: BrowserEngine, uri: string, { record = true } = {}): Promise<void> {
  const { set, edit } = useApp.getState();
  set({ opening: uri, problem: null });
  try {
    const dataset = await host.request(HostRequest.OpenDataset, { uri });
    await engine.attachDatabase(dataset.workingSet.url, WORKING_SET_ALIAS);
    set({ dataset, panel: null });
    if (record) edit(() => ({ datasetUri: dataset.uri, sort: null, filters: {}, selectedColumn: null }));
  } catch (error) {
    const problem = error instanceof HostRequestError ? { message: error.message, hint: error.hint } : { message: (error as Error).message.split('\n')[0] ?? String(error) };
    set({ problem });
  } finally {
    set({ opening: null });
  }
}
