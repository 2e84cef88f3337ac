/**
 * The app's state, in one zustand store. What a person edits (the view of the data and the
 * pipeline) is tracked by zundo for undo and redo; what the app learns (datasets, engine
 * status, errors) is not.
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { DatasetHandle, DatasetOpening, DownloadProgress, Settings } from '../../pipelines/protocol/host';
import { newSpecText, readDraft, writeDraft, type SpecDraft } from './spec-draft';

export interface SortState {
  column: string;
  descending: boolean;
}

/** Settings of the Drift, Slices and Labels views, kept across tab switches and in the project. */
export type ViewSettings = Partial<Record<'drift' | 'slices' | 'labels', Record<string, unknown>>>;

/** What a person edits: undoable, saved in the project, autosaved for recovery. */
export interface Document {
  /**
   * The pipeline spec's text: the one truth. Cells and panels read a draft of it
   * (`readDraft`) and change it through `editSpec`, which rewrites only what changed.
   */
  specYaml: string;
  sort: SortState | null;
  /** Column -> filter text as typed ("> 5", "Oslo", "null"). */
  filters: Record<string, string>;
  selectedColumn: string | null;
  views: ViewSettings;
  /** The time live runs check freshness against (datetime-local text); null: now. Exports as --as-of. */
  asOf: string | null;
}

/** A dataset picked while a pipeline is open: the person chooses what it is for. */
export interface PendingDataset {
  uri: string;
  pickedIn?: DatasetPicker;
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
  panel: Panel | null;
  /** The main view beside the pipeline. */
  view: View;
  theme: 'system' | 'light' | 'dark';
  pendingDataset: PendingDataset | null;
  /** The step whose output the grid shows (Data Wrangler's before/after); null: the input. */
  previewStep: string | null;

  /** Changes the view (sort, filters, selection, view settings): undoable. */
  edit(change: (document: Document) => Partial<Omit<Document, 'specYaml'>>): void;
  /**
   * Changes the spec: `change` gets the current draft and returns the next one; only the text
   * that differs is rewritten. Edits with the same `group` in quick succession (typing in one
   * field) are one undo step.
   */
  editSpec(change: (draft: SpecDraft) => SpecDraft, group?: string): void;

  /** Opens a side panel, or closes it (null). */
  showPanel(panel: Panel | null): void;
  /** Opens `panel`, or closes it when it is the one open. */
  togglePanel(panel: Panel): void;
  showView(view: View): void;
  /** Shows the data right after a step in the grid and the views; null: the input. */
  previewAfter(stepId: string | null): void;
  /** System, then dark, light, and system again. */
  cycleTheme(): void;
  /** Shows an error (beside its picker when it has one, else in the banner); null dismisses it. */
  report(problem: Problem | null): void;
  settingsLoaded(settings: Settings): void;
  engineReady(): void;
  engineFailed(problem: Problem): void;
  /** Back to the landing page to choose a dataset (the pipeline stays). */
  chooseDataset(): void;
  /** Asks what a dataset picked while a pipeline is open is for; null: the question is answered. */
  askWhatFor(pending: PendingDataset | null): void;
  /** Opening a dataset: started, its first rows, its download's progress, done, failed, over. */
  openingStarted(uri: string): void;
  openingPreviewed(preview: DatasetOpening): void;
  downloadProgressed(download: DownloadProgress | null): void;
  datasetOpened(dataset: DatasetHandle): void;
  openingFailed(problem: Problem): void;
  openingEnded(): void;
  /**
   * Makes `document` the open one (a loaded project, a recovered session, a new pipeline), with its
   * folder and whether it has unsaved changes. Undo history starts over unless `keepHistory`.
   */
  loadDocument(document: Document, options: { folder: string | null; dirty: boolean; view?: View; keepHistory?: boolean }): void;
  /** The document was saved to `folder` (or written there by the autosave). */
  saved(folder: string): void;
  /** The spec file changed on disk (another editor): its text replaces the open spec's. */
  specChangedOnDisk(specYaml: string): void;
}

export type Panel = 'profile' | 'help' | 'open' | 'project' | 'export' | 'spec';
export type View = 'data' | 'drift' | 'slices' | 'labels';

export const emptyDocument: Document = { specYaml: newSpecText(null), sort: null, filters: {}, selectedColumn: null, views: {}, asOf: null };

/** Typing in one field within this long after its last keystroke extends the same undo step. */
const GROUP_MS = 1500;
let lastGroup: { key: string; at: number } | null = null;

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
      pendingDataset: null,
      previewStep: null,
      edit: (change) => {
        lastGroup = null;
        set((state) => ({ document: { ...state.document, ...change(state.document) }, dirty: true }));
      },
      editSpec: (change, group) => {
        const now = Date.now();
        const coalesce = group !== undefined && lastGroup?.key === group && now - lastGroup.at < GROUP_MS;
        lastGroup = group === undefined ? null : { key: group, at: now };
        const temporal = useApp.temporal.getState();
        if (coalesce) temporal.pause();
        try {
          set((state) => {
            const specYaml = writeDraft(state.document.specYaml, change(readDraft(state.document.specYaml)));
            return specYaml === state.document.specYaml ? {} : { document: { ...state.document, specYaml }, dirty: true };
          });
        } finally {
          if (coalesce) temporal.resume();
        }
      },
      showPanel: (panel) => set({ panel }),
      togglePanel: (panel) => set((state) => ({ panel: state.panel === panel ? null : panel })),
      showView: (view) => set({ view }),
      previewAfter: (previewStep) => set({ previewStep }),
      cycleTheme: () => set((state) => ({ theme: state.theme === 'dark' ? 'light' : state.theme === 'light' ? 'system' : 'dark' })),
      report: (problem) => set({ problem }),
      settingsLoaded: (settings) => set({ settings }),
      engineReady: () => set({ engine: 'ready' }),
      engineFailed: (problem) => set({ engine: 'failed', problem }),
      chooseDataset: () => set({ dataset: null, panel: null }),
      askWhatFor: (pendingDataset) => set({ pendingDataset }),
      openingStarted: (opening) => set({ opening, problem: null, preview: null, download: null, pendingDataset: null }),
      openingPreviewed: (preview) => set({ preview, dataset: null, panel: null }),
      downloadProgressed: (download) => set({ download }),
      datasetOpened: (dataset) => set({ dataset, panel: null, preview: null }),
      openingFailed: (problem) => set({ problem, preview: null }),
      openingEnded: () => set({ opening: null, download: null }),
      loadDocument: (document, { folder, dirty, view, keepHistory = false }) => {
        lastGroup = null;
        set({ document, projectFolder: folder, dirty, panel: null, pendingDataset: null, ...(view ? { view } : {}) });
        if (!keepHistory) useApp.temporal.getState().clear();
      },
      saved: (projectFolder) => set({ projectFolder, dirty: false }),
      specChangedOnDisk: (specYaml) => set((state) => ({ document: { ...state.document, specYaml }, dirty: false, problem: null })),
    }),
    {
      // Only the document is undoable; a new snapshot only when it actually changed.
      partialize: (state) => ({ document: state.document }),
      equality: (past, current) => past.document === current.document,
      limit: 200,
    },
  ),
);

export const undo = () => {
  lastGroup = null;
  useApp.temporal.getState().undo();
};
export const redo = () => {
  lastGroup = null;
  useApp.temporal.getState().redo();
};

/** The draft of the open spec, for components: re-renders only when the spec text changes. */
export function useDraft(): SpecDraft {
  return readDraft(useApp((state) => state.document.specYaml));
}
