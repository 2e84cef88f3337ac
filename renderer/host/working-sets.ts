/**
 * Working sets: the host reads a dataset natively and writes it as a DuckDB file, which the
 * renderer's wasm engine attaches. The open dataset is attached as `ws`; baselines and other spec
 * sources under aliases of their own, by URI, once each.
 */
import { HostRequest, type DatasetHandle, type DatasetOpening, type DownloadProgress } from '../../pipelines/protocol/host';
import { ident } from '../../pipelines/sql';
import type { BrowserEngine } from '../engine/browser-engine';
import { host, HostRequestError } from './client';

export const WORKING_SET_ALIAS = 'ws';
const POLL_MS = 200;

/** The working set's table, quoted, as the grid and profiles query it. */
export function workingSetTable(dataset: DatasetHandle): string {
  return `${ident(WORKING_SET_ALIAS)}.${ident(dataset.workingSet.table)}`;
}

/**
 * Opens `uri` on the host and waits until it is read whole. Meanwhile `onPreview` gets the first
 * rows once they are known, and `onDownload` how far a remote source's download has got.
 */
export async function openOnHost(
  uri: string,
  onPreview?: (opening: DatasetOpening) => void,
  onDownload?: (progress: DownloadProgress | null) => void,
): Promise<DatasetHandle> {
  let opening = await host.request(HostRequest.OpenDataset, { uri });
  let previewed = false;
  while (!opening.ready) {
    if (opening.error) throw new HostRequestError(opening.error.error, opening.error.hint);
    onDownload?.(opening.download ?? null);
    if (!previewed && opening.columns.length > 0) {
      previewed = true;
      onPreview?.(opening);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    opening = await host.request(HostRequest.DatasetStatus, { datasetId: opening.id });
  }
  return opening.ready;
}

export interface Attached {
  handle: DatasetHandle;
  alias: string;
  /** The working set's table, quoted: alias."data". */
  table: string;
}

const byUri = new Map<string, Promise<Attached>>();
let counter = 0;

/** Opens `uri` through the host (once) and attaches its working set under a fresh alias. */
export function attachSource(engine: BrowserEngine, uri: string): Promise<Attached> {
  let attached = byUri.get(uri);
  if (!attached) {
    attached = (async () => {
      const handle = await openOnHost(uri);
      const alias = `src${++counter}`;
      await engine.attachDatabase(handle.workingSet.url, alias);
      return { handle, alias, table: `${ident(alias)}.${ident(handle.workingSet.table)}` };
    })();
    attached.catch(() => byUri.delete(uri));
    byUri.set(uri, attached);
  }
  return attached;
}
