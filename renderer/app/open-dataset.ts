/**
 * Opening a dataset: the host answers at once with its first rows (shown while it reads the
 * rest), then reads it whole and writes the working set, which the wasm engine attaches.
 */
import { HostRequest, type DatasetHandle, type DatasetOpening, type DownloadProgress } from '../../pipelines/protocol/host';
import { ident } from '../../pipelines/sql';
import type { BrowserEngine } from '../engine/browser-engine';
import { host, HostRequestError } from '../host/client';
import { useApp, type DatasetPicker } from '../state/store';

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

export interface OpenOptions {
  /** Whether the document records the dataset (undoable); not when a project or recovery names it. */
  record?: boolean;
  /** Where the person picked it: an error opening it shows there. Without one, in the banner. */
  pickedIn?: DatasetPicker;
}

export async function openDataset(engine: BrowserEngine, uri: string, { record = true, pickedIn }: OpenOptions = {}): Promise<void> {
  const { set, edit } = useApp.getState();
  set({ opening: uri, problem: null, preview: null, download: null });
  try {
    const dataset = await openOnHost(
      uri,
      (opening) => set({ preview: opening, dataset: null, panel: null }),
      (download) => set({ download }),
    );
    await engine.attachDatabase(dataset.workingSet.url, WORKING_SET_ALIAS);
    set({ dataset, panel: null, preview: null });
    if (record) edit(() => ({ datasetUri: dataset.uri, sort: null, filters: {}, selectedColumn: null }));
  } catch (error) {
    const problem = error instanceof HostRequestError ? { message: error.message, hint: error.hint } : { message: (error as Error).message.split('\n')[0] ?? String(error) };
    set({ problem: { ...problem, pickedIn }, preview: null });
  } finally {
    set({ opening: null, download: null });
  }
}
