/**
 * Opening a dataset: the host answers at once with its first rows (shown while it reads the
 * rest), then reads it whole and writes the working set, which the wasm engine attaches.
 */
import type { BrowserEngine } from '../engine/browser-engine';
import { HostRequestError } from '../host/client';
import { openOnHost, WORKING_SET_ALIAS } from '../host/working-sets';
import { inputName, inputUri, newSpecText, readDraft, resolveUri, type SpecDraft } from '../state/spec-draft';
import { emptyDocument, useApp, type DatasetPicker } from '../state/store';

export interface OpenOptions {
  /** Whether the spec records the dataset (undoable); not when a project or recovery names it. */
  record?: boolean;
  /** Where the person picked it: an error opening it shows there. Without one, in the banner. */
  pickedIn?: DatasetPicker;
  /**
   * What a dataset picked while a pipeline is open is for: the pipeline's input (its steps are
   * checked again on it), or a new pipeline. Unset, the person is asked first.
   */
  use?: 'input' | 'new';
}

const formatByExtension: [RegExp, string][] = [
  [/\.csv(\.(gz|zst))?$/i, 'csv'],
  [/\.tsv(\.(gz|zst))?$/i, 'tsv'],
  [/\.parquet$/i, 'parquet'],
  [/\.(ndjson|jsonl)(\.gz)?$/i, 'ndjson'],
  [/\.json(\.gz)?$/i, 'json'],
  [/\.(arrow|feather|ipc)$/i, 'arrow'],
];

/** The draft with its input source reading `uri`; a declared format that no longer fits is dropped. */
export function withInput(draft: SpecDraft, uri: string): SpecDraft {
  const name = inputName(draft) ?? 'data';
  const source = draft.sources[name] ?? { uri };
  const format = formatByExtension.find(([pattern]) => pattern.test(uri))?.[1];
  const next = { ...source, uri };
  if (next.format && format && next.format !== format) {
    delete next.format;
    delete next.options;
  }
  return { ...draft, sources: { ...draft.sources, [name]: next } };
}

/** Whether the open pipeline has work in it that a new dataset would affect. */
function pipelineInUse(): boolean {
  const { document, projectFolder } = useApp.getState();
  const draft = readDraft(document.specYaml);
  return projectFolder !== null || draft.steps.length > 0 || (draft.outputs?.length ?? 0) > 0;
}

/** Makes the spec read the opened dataset, as the person chose. */
function recordDataset(datasetUri: string, use: 'input' | 'new' | undefined): void {
  const { document, projectFolder, editSpec, edit } = useApp.getState();
  const current = inputUri(readDraft(document.specYaml));
  if (current !== null && resolveUri(current, projectFolder) === datasetUri) return;
  if (use === 'input' && current !== null) {
    editSpec((draft) => withInput(draft, datasetUri));
    edit(() => ({ sort: null, filters: {}, selectedColumn: null }));
    return;
  }
  // A new pipeline starts its own history and has no folder yet; a first spec for the dataset keeps both.
  useApp
    .getState()
    .loadDocument(
      { ...emptyDocument, specYaml: newSpecText(datasetUri) },
      { folder: use === 'new' ? null : projectFolder, dirty: true, keepHistory: use !== 'new' },
    );
}

export async function openDataset(engine: BrowserEngine, uri: string, { record = true, pickedIn, use }: OpenOptions = {}): Promise<void> {
  const { document, projectFolder, askWhatFor, openingStarted, openingPreviewed, downloadProgressed, datasetOpened, openingFailed, openingEnded } =
    useApp.getState();
  if (record && use === undefined && pipelineInUse()) {
    const current = inputUri(readDraft(document.specYaml));
    if (current === null || resolveUri(current, projectFolder) !== uri) {
      askWhatFor({ uri, pickedIn });
      return;
    }
  }
  openingStarted(uri);
  try {
    const dataset = await openOnHost(uri, openingPreviewed, downloadProgressed);
    await engine.attachDatabase(dataset.workingSet.url, WORKING_SET_ALIAS);
    datasetOpened(dataset);
    if (record) recordDataset(dataset.uri, use);
  } catch (error) {
    const problem =
      error instanceof HostRequestError ? { message: error.message, hint: error.hint } : { message: (error as Error).message.split('\n')[0] ?? String(error) };
    openingFailed({ ...problem, pickedIn });
  } finally {
    openingEnded();
  }
}
