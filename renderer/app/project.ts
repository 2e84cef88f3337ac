/**
 * The project as files: the spec (YAML, exactly the text the app holds) plus the view state
 * (pretty JSON), both diffing well in git. Saving writes the spec's text as it is, so a spec
 * written by hand keeps its comments, order and fields through the app.
 */
import { parseDocument } from 'yaml';
import { HostRequest, PROJECT_SPEC_FILE, type ProjectFiles } from '../../pipelines/protocol/host';
import { WinnowError } from '../../pipelines/errors';
import { host } from '../host/client';
import { emptyDocument, useApp, type Document, type ViewSettings } from '../state/store';
import { inputUri, isRelativePath, readDraft, resolveUri, withResolvedUris, writeDraft } from '../state/spec-draft';

/** The spec's file name in a project folder. */
export const SPEC_FILE = PROJECT_SPEC_FILE;

export function projectFiles(document: Document): Omit<ProjectFiles, 'folder'> {
  const { sort, filters, selectedColumn, views, asOf } = document;
  return { specYaml: document.specYaml, uiState: { version: 1, sort, filters, selectedColumn, views, asOf } };
}

/**
 * Refuses a spec text that is not a YAML mapping, naming the file and line. A spec that is valid
 * YAML but not a valid spec still opens: its cells show what is wrong, where.
 */
export function checkSpecText(specYaml: string, file: string): void {
  const document = parseDocument(specYaml, { prettyErrors: false });
  const error = document.errors[0];
  if (error) throw new WinnowError(`not valid YAML: ${error.message.split('\n')[0]}`, { file, line: error.linePos?.[0]?.line }, 'spec');
  const contents = document.toJS() as unknown;
  if (!contents || typeof contents !== 'object' || Array.isArray(contents))
    throw new WinnowError('a spec is a mapping with version, name, sources and steps', { file, line: 1 }, 'spec');
}

/** The document a project's files describe. */
export function documentFromFiles(files: Omit<ProjectFiles, 'folder'>, file: string): Document {
  checkSpecText(files.specYaml, file);
  const ui = (files.uiState ?? {}) as Partial<Document>;
  return {
    ...emptyDocument,
    specYaml: files.specYaml,
    sort: ui.sort ?? null,
    filters: ui.filters ?? {},
    selectedColumn: ui.selectedColumn ?? null,
    views: (ui.views ?? {}) as ViewSettings,
    asOf: typeof ui.asOf === 'string' ? ui.asOf : null,
  };
}

/** The dataset the document's spec runs over, as the host opens it. */
export function documentDataset(document: Document, folder: string | null): string | null {
  const uri = inputUri(readDraft(document.specYaml));
  return uri ? resolveUri(uri, folder) : null;
}

/**
 * Saves the project into `folder`. Moving a project whose spec names its inputs relative to the
 * old folder makes them absolute first, so the moved spec still reads the same files.
 */
export async function saveProject(folder: string): Promise<void> {
  const { document, projectFolder, saved, editSpec } = useApp.getState();
  const draft = readDraft(document.specYaml);
  if (projectFolder && projectFolder !== folder && Object.values(draft.sources).some((source) => isRelativePath(source.uri))) {
    editSpec((current) => withResolvedUris(current, projectFolder));
  }
  await host.request(HostRequest.SaveProject, { folder, ...projectFiles(useApp.getState().document) });
  await host.request(HostRequest.ClearRecovery, {});
  saved(folder);
}

export async function loadProject(folder: string): Promise<Document> {
  const files = await host.request(HostRequest.LoadProject, { folder });
  return documentFromFiles(files, `${folder}/${SPEC_FILE}`);
}

/** A saved project made the open document, as "Open project" does. Returns the dataset to open. */
export async function openProject(folder: string): Promise<string | null> {
  const loaded = await loadProject(folder);
  useApp.getState().loadDocument(loaded, { folder, dirty: false });
  return documentDataset(loaded, folder);
}

/**
 * A spec file (`winnow serve --open a.winnow.yaml`) made the open document: a new, unsaved
 * pipeline. Its relative inputs were relative to the spec's folder; they become absolute, so the
 * pipeline reads the same files and can be saved as a project anywhere. Returns the dataset to open.
 */
export async function openSpecFile(path: string): Promise<string | null> {
  const { folder, specYaml } = await host.request(HostRequest.ReadSpec, { path });
  checkSpecText(specYaml, path);
  const document = { ...emptyDocument, specYaml: writeDraft(specYaml, withResolvedUris(readDraft(specYaml), folder)) };
  useApp.getState().loadDocument(document, { folder: null, dirty: true });
  return documentDataset(document, null);
}
