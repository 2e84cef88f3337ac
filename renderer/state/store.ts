/**
 * The app's state, in one zustand store. What a person edits (the view of the data and the
 * pipeline) is tracked by zundo for undo and redo; what the app learns (datasets, engine
 * status, errors) is not.
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { DatasetHandle, DatasetOpening, DownloadProgress, Settings } from '../../pipelines/protocol/host';
import type { StepSpec } from '../../pipelines/spec/types';

export interface SortState {
  column: string;
  descending: boolean;
}

/** What a person edits: undoable, saved in the project, autosaved for recovery. */
export interface Document {
  /** The dataset the project works on (a path or URL). */
  datasetUri: string | null;
  sort: SortState | null;
  /** Column -> filter text as typed ("> 5", "Oslo", "null"). */
  filters: Record<string, string>;
  selectedColumn: string | null;
  steps: StepSpec[];
  /** Further spec sources by name (drift baselines), besides the dataset itself ("data"). */
  sources: Record<string, { uri: string }>;
  name: string;
}

/** Where on the landing page a person picked the dataset being opened ('drop': a file dropped in browser mode). */
export type DatasetPicker = 'samples' | 'path' | 'files' | 's3' | 'recent' | 'drop';

export interface Problem {
  message: string;
  hint?: string;
  /**
   * Set when opening a dataset picked there failed: the error shows beside that picker, which
   * keeps what was typed or browsed for a retry, and not in the banner.
   */
  pickedIn?: DatasetPicker;
}

export interface AppState {
  document: Document;
  /** The folder the project was saved to or loaded from. */
  projectFolder: string | null;
  /** True when the document changed since it was saved. */
  dirty: boolean;
  settings: Settings | null;
  engine: 'starting' | 'ready' | 'failed';
  dataset: DatasetHandle | null;
  /** A dataset being opened, for the progress message. */
  opening: string | null;
  /** Its first rows, shown while the host reads the rest. */
  preview: DatasetOpening | null;
  /** How far downloading it has got, when it is remote. */
  download: DownloadProgress | null;
  /** The error to show: beside its picker when it has one, otherwise in the banner. */
  problem: Problem | null;
  panel: 'profile' | 'help' | 'open' | 'project' | 'export' | null;
  /** The main view beside the pipeline. */
  view: 'data' | 'drift' | 'slices' | 'labels';
  theme: 'system' | 'light' | 'dark';

  edit(change: (document: Document) => Partial<Document>): void;
  set(partial: Partial<Omit<AppState, 'document' | 'edit' | 'set'>>): void;
}

export const emptyDocument: Document = { datasetUri: null, sort: null, filters: {}, selectedColumn: null, steps: [], sources: {}, name: 'untitled' };

export const useApp = create<AppState>()(
  temporal(
    (set) => ({
      document: emptyDocument,
      projectFolder: null,
      dirty: false,
      settings: null,
      engine: 'starting',
      dataset: null,
      opening: null,
      preview: null,
      download: null,
      problem: null,
      panel: null,
      view: 'data',
      theme: 'system',
      edit: (change) => set((state) => ({ document: { ...state.document, ...change(state.document) }, dirty: true })),
      set: (partial) => set(partial),
    }),
    {
      // Only the document is undoable; a new snapshot only when it actually changed.
      partialize: (state) => ({ document: state.document }),
      equality: (past, current) => past.document === current.document,
      limit: 200,
    },
  ),
);

export const undo = () => useApp.temporal.getState().undo();
export const redo = () => useApp.temporal.getState().redo();
