/** The project as files: the spec (YAML) plus the UI state (pretty JSON), both diffing well in git. */
import { HostRequest, type ProjectFiles } from '../../pipelines/protocol/host';
import { parseSpec } from '../../pipelines/spec/parse';
import type { Spec } from '../../pipelines/spec/types';
import { specToYaml } from '../../pipelines/spec/write';
import { host } from '../host/client';
import { emptyDocument, useApp, type Document } from '../state/store';

/** The spec a document stands for: its dataset as the one source, its steps. */
export function documentSpec(document: Document): Spec {
  return {
    version: 1,
    name: document.name || 'untitled',
    seed: 0,
    sources: { ...(document.datasetUri ? { data: { uri: document.datasetUri } } : {}), ...document.sources },
    input: document.datasetUri ? 'data' : undefined,
    steps: document.steps,
    outputs: [],
  };
}

export function projectFiles(document: Document): Omit<ProjectFiles, 'folder'> {
  const { sort, filters, selectedColumn } = document;
  return { specYaml: specToYaml(documentSpec(document)), uiState: { version: 1, sort, filters, selectedColumn } };
}

/** The document a project's files describe. */
export function documentFromFiles(files: Omit<ProjectFiles, 'folder'>, file: string): Document {
  const spec = parseSpec(files.specYaml, file);
  const ui = (files.uiState ?? {}) as Partial<Document>;
  return {
    ...emptyDocument,
    name: spec.name,
    datasetUri: spec.sources[spec.input ?? Object.keys(spec.sources)[0] ?? '']?.uri ?? null,
    sources: Object.fromEntries(Object.entries(spec.sources).filter(([name]) => name !== (spec.input ?? Object.keys(spec.sources)[0])).map(([name, source]) => [name, { uri: source.uri }])),
    steps: spec.steps,
    sort: ui.sort ?? null,
    filters: ui.filters ?? {},
    selectedColumn: ui.selectedColumn ?? null,
  };
}

export async function saveProject(folder: string): Promise<void> {
  const { document, set } = useApp.getState();
  await host.request(HostRequest.SaveProject, { folder, ...projectFiles(document) });
  await host.request(HostRequest.ClearRecovery, {});
  set({ projectFolder: folder, dirty: false });
}

export async function loadProject(folder: string): Promise<Document> {
  const files = await host.request(HostRequest.LoadProject, { folder });
  return documentFromFiles(files, `${folder}/pipeline.winnow.yaml`);
}
