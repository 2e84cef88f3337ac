/** The workbench: a dataset's rows and column profiles, with the project, undo and help around them. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StepSpec } from '../../pipelines/spec/types';
import { HostRequest } from '../../pipelines/protocol/host';
import { BrowserEngine, type CancellableConnection } from '../engine/browser-engine';
import { DataGrid } from '../grid/DataGrid';
import { PreviewGrid } from '../grid/PreviewGrid';
import { host } from '../host/client';
import { ProfilePanel } from '../profile/ProfilePanel';
import { useProfile } from '../profile/use-profile';
import { emptyDocument, redo, undo, useApp, useDraft, type DatasetPicker } from '../state/store';
import { newSpecText } from '../state/spec-draft';
import { HelpPanel } from './HelpPanel';
import { Landing } from './Landing';
import { openDataset } from './open-dataset';
import { documentDataset, documentFromFiles, openProject, openSpecFile, projectFiles, saveProject } from './project';
import { DatasetChoice } from './DatasetChoice';
import { ProjectPanel } from './ProjectPanel';
import { RowDialog } from './RowDialog';
import { ExportPanel } from '../pipeline/ExportPanel';
import { SpecPanel } from '../pipeline/SpecPanel';
import { liveInput } from '../pipeline/live-sample';
import { useLiveRun } from '../pipeline/use-live-run';
import { columnMarks, PreviewBar, RowsPicker } from '../pipeline/PreviewBar';
import { PipelinePanel } from '../pipeline/PipelinePanel';
import { sourceName } from '../views/check-steps';
import { DriftView, type OpenedBaseline } from '../views/DriftView';
import { LabelsView } from '../views/LabelsView';
import { SlicesView } from '../views/SlicesView';
import { attachSource, workingSetTable } from '../host/working-sets';
import { belongsToTextBox, shortcuts } from './shortcuts';
import { saveSession, takeSession } from './session';
import { useProjectSync } from './use-project-sync';
import { useTemporalState } from './use-temporal';
import { suggestionFor, useColumnRoles } from './use-column-roles';
import { suggestRoles } from '../../pipelines/stats/profile/suggest-roles';

const AUTOSAVE_DELAY_MS = 800;
const NO_COLUMNS: readonly { name: string }[] = [];

function useEngine(): BrowserEngine | null {
  const [engine, setEngine] = useState<BrowserEngine | null>(null);
  useEffect(() => {
    const { engineReady, engineFailed } = useApp.getState();
    BrowserEngine.create().then(
      (created) => {
        setEngine(created);
        engineReady();
      },
      (error: Error) =>
        engineFailed({ message: `DuckDB could not start in this window: ${error.message}`, hint: 'Use a current Chromium-based browser, or the desktop app.' }),
    );
  }, []);
  return engine;
}

/**
 * A second connection for background work (the working set's profile, the header sketches): its
 * queries run a slice at a time, so the live run of the cells and the grid's pages are answered
 * in between rather than after them.
 */
function useBackgroundConnection(engine: BrowserEngine | null): CancellableConnection | null {
  const [connection, setConnection] = useState<CancellableConnection | null>(null);
  useEffect(() => {
    if (engine) void engine.cancellableConnection().then(setConnection);
  }, [engine]);
  return connection;
}

/** Autosaves the document for crash recovery whenever it changes (debounced). */
function useAutosave(): void {
  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = useApp.subscribe((state, previous) => {
      if (state.document === previous.document || !state.dirty) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const { document, projectFolder } = useApp.getState();
        host.request(HostRequest.WriteRecovery, { project: { folder: projectFolder, ...projectFiles(document) } }).catch(() => undefined);
      }, AUTOSAVE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, []);
}

function applyTheme(theme: 'system' | 'light' | 'dark'): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export function App() {
  const engine = useEngine();
  // One selector per field: the app re-renders for what it shows, not for every change of the store.
  const doc = useApp((state) => state.document);
  const dataset = useApp((state) => state.dataset);
  const panel = useApp((state) => state.panel);
  const problem = useApp((state) => state.problem);
  const view = useApp((state) => state.view);
  const theme = useApp((state) => state.theme);
  const dirty = useApp((state) => state.dirty);
  const projectFolder = useApp((state) => state.projectFolder);
  const previewStep = useApp((state) => state.previewStep);
  const engineState = useApp((state) => state.engine);
  const openingPreview = useApp((state) => state.preview);
  const pendingDataset = useApp((state) => state.pendingDataset);
  // Actions never change: read once.
  const { edit, editSpec, showPanel, togglePanel, showView, previewAfter, cycleTheme, report, settingsLoaded, chooseDataset, loadDocument } = useApp.getState();
  const draft = useDraft();
  const live = useLiveRun(engine, dataset, doc.specYaml, projectFolder, doc.asOf, previewStep);
  const preview = previewStep && live.preview?.stepId === previewStep ? live.preview : null;
  const [recovery, setRecovery] = useState<{ savedAt: string; apply(): void } | null>(null);
  const [filteredRows, setFilteredRows] = useState<number | null>(null);
  const [shownRow, setShownRow] = useState<number | null>(null);
  const temporal = useTemporalState();
  const [visitedViews, setVisitedViews] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (view !== 'data' && !visitedViews.has(view)) setVisitedViews(new Set([...visitedViews, view]));
  }, [view, visitedViews]);
  const started = useRef(false);
  useAutosave();
  useProjectSync();

  const open = useCallback((uri: string, pickedIn: DatasetPicker) => engine && openDataset(engine, uri, { pickedIn }), [engine]);
  // A dataset named by a loaded project, a recovery or ?open= opens as soon as DuckDB is up.
  const [pendingOpen, setPendingOpen] = useState<string | null>(null);
  useEffect(() => {
    if (!engine || !pendingOpen) return;
    setPendingOpen(null);
    void openDataset(engine, pendingOpen, { record: false });
  }, [engine, pendingOpen]);

  // A reload (not a crash) keeps the document, its project and dataset for the next start.
  useEffect(() => {
    window.addEventListener('pagehide', saveSession);
    return () => window.removeEventListener('pagehide', saveSession);
  }, []);

  // First start: the token leaves the address bar; what a reload left comes back as it was; else a
  // dataset named in ?open= or the pipeline in ?project= / ?spec= (`winnow serve --open`) opens,
  // and a recovery file is offered.
  useEffect(() => {
    if (!engine || started.current) return;
    started.current = true;
    const url = new URL(window.location.href);
    const openParam = url.searchParams.get('open');
    const projectParam = url.searchParams.get('project');
    const specParam = url.searchParams.get('spec');
    if (url.searchParams.has('token') || openParam || projectParam || specParam) window.history.replaceState(null, '', url.pathname);
    host.request(HostRequest.Settings, {}).then(settingsLoaded, () => undefined);
    const session = takeSession();
    if (session) {
      try {
        loadDocument(documentFromFiles(session.project, 'session'), { folder: session.project.folder, dirty: session.dirty, view: session.view });
        if (session.dataset) setPendingOpen(session.dataset);
        return;
      } catch {
        // a session that no longer reads: start as after a crash
      }
    }
    const pipeline = projectParam !== null ? openProject(projectParam) : specParam !== null ? openSpecFile(specParam) : null;
    pipeline?.then(setPendingOpen, (error: Error) => report({ message: error.message }));
    host.request(HostRequest.ReadRecovery, {}).then(
      (saved) => {
        if (!saved) {
          if (openParam) void openDataset(engine, openParam);
          return;
        }
        if (openParam) setPendingOpen(openParam);
        setRecovery({
          savedAt: saved.savedAt,
          apply: () => {
            const recovered = documentFromFiles(saved.project, 'recovery.json');
            loadDocument(recovered, { folder: saved.project.folder, dirty: true });
            setPendingOpen(documentDataset(recovered, saved.project.folder));
          },
        });
      },
      () => undefined,
    );
  }, [engine]);

  useEffect(() => applyTheme(theme), [theme]);

  const save = useCallback(async (folder: string) => saveProject(folder), []);
  const load = useCallback(async (folder: string) => {
    setPendingOpen(await openProject(folder));
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = shortcuts.find((candidate) => candidate.matches(event));
      if (!shortcut || belongsToTextBox(event, shortcut.id)) return;
      event.preventDefault();
      const folder = useApp.getState().projectFolder;
      ({
        open: chooseDataset,
        save: () => (folder ? void save(folder).catch((error: Error) => report({ message: error.message })) : showPanel('project')),
        undo,
        redo,
        help: () => showPanel('help'),
        close: () => showPanel(null),
        theme: cycleTheme,
      })[shortcut.id]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const table = useMemo(() => (dataset ? workingSetTable(dataset) : null), [dataset]);
  // Baselines opened in the Drift view, by the source name their drift steps refer to.
  const baselines = useRef(new Map<string, string>());
  const openBaseline = useCallback(
    async (uri: string): Promise<OpenedBaseline> => {
      const attached = await attachSource(engine!, uri);
      const source = sourceName(attached.handle.uri);
      baselines.current.set(source, attached.handle.uri);
      return { table: attached.table, columns: attached.handle.columns, label: attached.handle.name, source };
    },
    [engine],
  );
  // A check added from a view goes where the view computed it (the input: first; the data after a
  // step: right after it), so the cell sees the same rows and says the same numbers. Every new
  // check starts at on_fail: warn, as cells added with "Add step" do.
  const onAddStep = useCallback(
    (step: StepSpec) =>
      editSpec((current) => {
        const baseline = typeof step.baseline === 'string' ? baselines.current.get(step.baseline) : undefined;
        const sources =
          baseline && !current.sources[step.baseline as string] ? { ...current.sources, [step.baseline as string]: { uri: baseline } } : current.sources;
        const { previewStep } = useApp.getState();
        const at = previewStep === null ? 0 : current.steps.findIndex((candidate) => candidate.id === previewStep) + 1;
        const added = step.check && step.on_fail === undefined ? { ...step, on_fail: 'warn' as const } : step;
        return { ...current, sources, steps: [...current.steps.slice(0, at), added, ...current.steps.slice(at)] };
      }),
    [editSpec],
  );
  const newPipeline = useCallback(() => {
    loadDocument({ ...emptyDocument, specYaml: newSpecText(null) }, { folder: null, dirty: false });
    chooseDataset();
  }, []);
  const background = useBackgroundConnection(engine);
  // The working-set profile is computed once a person first opens a profile, not at every open:
  // computed at once, it kept the engine busy while the first cells ran (3.6 s for the first
  // result on 3M rows). A large working set is profiled, and sketched in the headers, through its
  // live sample, as the cells run on it: the whole of it took 18 s of the engine on 3M rows.
  const [profiled, setProfiled] = useState<string | null>(null);
  useEffect(() => {
    if (panel === 'profile' && dataset) setProfiled(dataset.id);
  }, [panel, dataset]);
  const profile = useProfile(background, dataset, dataset && profiled === dataset.id ? liveInput(dataset).table : null);
  const columnRoles = useColumnRoles(dataset?.columns ?? NO_COLUMNS);
  const suggested = useMemo(() => (profile.profile ? suggestRoles(profile.profile) : null), [profile.profile]);
  const sketches = useMemo(() => new Map(dataset?.workingSet.sketches?.map((sketch) => [sketch.column, sketch.counts])), [dataset]);
  const onSort = useCallback(
    (column: string) =>
      edit((current) => ({
        sort: current.sort?.column !== column ? { column, descending: false } : current.sort.descending ? null : { column, descending: true },
      })),
    [edit],
  );
  const onFilter = useCallback((column: string, text: string) => edit((current) => ({ filters: { ...current.filters, [column]: text } })), [edit]);
  const onSelectColumn = useCallback(
    (column: string) => {
      edit(() => ({ selectedColumn: column }));
      showPanel('profile');
    },
    [edit, showPanel],
  );

  return (
    <div className="app">
      <header className="toolbar" role="toolbar" aria-label="Winnow">
        <span className="brand">Winnow</span>
        {dataset ? (
          <span className="dataset-title" title={dataset.uri}>
            {dataset.name}
          </span>
        ) : null}
        <span className="spacer" />
        <button type="button" onClick={newPipeline} aria-label="New pipeline" title="Start a new, empty pipeline">
          New
        </button>
        <button type="button" onClick={chooseDataset} aria-label="Open dataset" title="Open a dataset (Ctrl+O)">
          Open…
        </button>
        <button
          type="button"
          onClick={() => togglePanel('spec')}
          aria-pressed={panel === 'spec'}
          aria-label="Pipeline settings"
          title="Name, seed, sources, outputs and gates of the pipeline"
        >
          Pipeline “{draft.name || 'untitled'}”
        </button>
        <button type="button" onClick={() => showPanel('project')} aria-label="Project" title="Save or open a project (Ctrl+S)">
          Project{dirty ? ' •' : ''}
        </button>
        <button type="button" onClick={undo} disabled={!temporal.canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
          ↶
        </button>
        <button type="button" onClick={redo} disabled={!temporal.canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
          ↷
        </button>
        <button type="button" onClick={cycleTheme} aria-label={`Theme: ${theme}`} title="Theme (Ctrl+Shift+L)">
          {theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}
        </button>
        <button type="button" onClick={() => showPanel('help')} aria-label="Help" title="Keyboard shortcuts (F1)">
          ?
        </button>
      </header>
      {recovery ? (
        <div className="banner" role="alertdialog" aria-label="Recover unsaved work">
          <span>Winnow did not close cleanly. Recover the work autosaved at {new Date(recovery.savedAt).toLocaleTimeString()}?</span>
          <button
            type="button"
            onClick={() => {
              recovery.apply();
              setRecovery(null);
            }}
          >
            Recover
          </button>
          <button
            type="button"
            onClick={() => {
              void host.request(HostRequest.ClearRecovery, {});
              setRecovery(null);
            }}
          >
            Discard
          </button>
        </div>
      ) : null}
      {problem && !problem.pickedIn ? (
        <div className="banner error" role="alert">
          <div>
            <strong>{problem.message}</strong>
            {problem.hint ? <p>{problem.hint}</p> : null}
          </div>
          <button type="button" onClick={() => report(null)} aria-label="Dismiss error">
            ✕
          </button>
        </div>
      ) : null}
      <div className="workspace">
        {!engine ? (
          <main className="landing">
            <p role="status">{engineState === 'failed' ? 'DuckDB could not start.' : 'Starting DuckDB…'}</p>
          </main>
        ) : !dataset || !table ? (
          <>
            {openingPreview ? <PreviewGrid opening={openingPreview} /> : null}
            <Landing onOpen={open} hidden={Boolean(openingPreview)} />
          </>
        ) : (
          <main className="dataset">
            <div className="dataset-bar">
              <span role="status" aria-label="Row count">
                {filteredRows === null ? '…' : filteredRows.toLocaleString()}{' '}
                {filteredRows === (preview?.rows ?? dataset.workingSet.rows)
                  ? 'rows'
                  : `of ${(preview?.rows ?? dataset.workingSet.rows).toLocaleString()} rows`}
              </span>
              <span>{(preview?.columns ?? dataset.columns).length} columns</span>
              {dataset.workingSet.sampled ? (
                <span className="badge sampled" title="The dataset is larger than the memory budget; the grid and profiles use a deterministic sample.">
                  sample of {dataset.rows.toLocaleString()} rows ({(dataset.workingSet.fraction * 100).toFixed(1)}%)
                </span>
              ) : null}
              {dataset.rejected > 0 ? <span className="badge warn">{dataset.rejected.toLocaleString()} unparseable rows set aside</span> : null}
            </div>
            <div className="view-tabs" role="tablist" aria-label="Views">
              {(['data', 'drift', 'slices', 'labels'] as const).map((name) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  aria-selected={view === name}
                  className={view === name ? 'selected' : ''}
                  onClick={() => showView(name)}
                >
                  {{ data: 'Data', drift: 'Drift', slices: 'Slices', labels: 'Labels' }[name]}
                </button>
              ))}
            </div>
            {view !== 'data' ? (
              <RowsPicker
                steps={draft.steps}
                previewStep={previewStep}
                rows={preview ? preview.rows : dataset.workingSet.rows}
                sampled={dataset.workingSet.sampled || (preview !== null && live.sample !== null)}
                onPick={previewAfter}
              />
            ) : null}
            {/* A view stays mounted once opened, so its results survive switching tabs. */}
            {(['drift', 'slices', 'labels'] as const)
              .filter((name) => visitedViews.has(name))
              .map((name) => {
                const current = preview
                  ? { table: preview.table, columns: preview.columns, label: `${dataset.name} after step “${preview.stepId}”` }
                  : { table, columns: dataset.columns, label: dataset.name };
                // The data after a step comes from the live run, on its sample when it has one.
                const sampled =
                  preview && live.sample
                    ? { rows: live.sample.rows, fraction: dataset.rows ? live.sample.rows / dataset.rows : 1 }
                    : dataset.workingSet.sampled
                      ? { rows: dataset.workingSet.rows, fraction: dataset.workingSet.fraction }
                      : undefined;
                const takenStepIds = draft.steps.map((step) => step.id);
                const common = { engine, current, onAddStep, sampled, takenStepIds, roles: columnRoles.roles ?? undefined };
                return (
                  <div
                    key={`${name}-${dataset.id}-${preview?.stepId ?? 'input'}`}
                    className="view-body"
                    role="tabpanel"
                    aria-label={name}
                    hidden={view !== name}
                  >
                    {name === 'drift' ? (
                      <DriftView {...common} openBaseline={openBaseline} />
                    ) : name === 'slices' ? (
                      <SlicesView {...common} />
                    ) : (
                      <LabelsView {...common} />
                    )}
                  </div>
                );
              })}
            {preview && view === 'data' ? (
              <PreviewBar preview={preview} steps={draft.steps} input={dataset.columns} onClose={() => previewAfter(null)} />
            ) : null}
            <DataGrid
              hidden={view !== 'data'}
              engine={engine}
              table={preview?.table ?? table}
              columns={preview?.columns ?? dataset.columns}
              rows={preview ? preview.rows : dataset.workingSet.rows}
              denseRowNumbers={!preview && dataset.workingSet.denseRowNumbers === true}
              sketchTable={preview ? undefined : liveInput(dataset).table}
              sketchEngine={background ?? undefined}
              sketches={preview ? undefined : sketches}
              roles={columnRoles.badges}
              marks={
                preview
                  ? columnMarks(preview.columns, dataset.columns, draft.steps.slice(0, draft.steps.findIndex((step) => step.id === preview.stepId) + 1))
                  : undefined
              }
              sort={!preview || preview.columns.some((column) => column.name === doc.sort?.column) ? doc.sort : null}
              filters={doc.filters}
              selectedColumn={doc.selectedColumn}
              onSort={onSort}
              onFilter={onFilter}
              onSelectColumn={onSelectColumn}
              onCount={setFilteredRows}
            />
          </main>
        )}
        {!panel && engine && dataset ? <PipelinePanel engine={engine} dataset={dataset} live={live} onShowRow={setShownRow} /> : null}
        {panel === 'export' ? <ExportPanel onClose={() => showPanel(null)} /> : null}
        {panel === 'spec' ? <SpecPanel dataset={dataset} engine={engine} live={live} onClose={() => showPanel(null)} /> : null}
        {panel === 'profile' && dataset && doc.selectedColumn ? (
          <ProfilePanel
            column={doc.selectedColumn}
            dataset={dataset}
            state={profile}
            role={{
              roles: columnRoles.roles,
              labelType: dataset.columns.find((column) => column.name === columnRoles.roles?.label)?.type,
              suggestion: suggestionFor(suggested, doc.selectedColumn),
              onSetRole: (role, positive) => columnRoles.setRole(doc.selectedColumn!, role, positive),
            }}
            onClose={() => showPanel(null)}
          />
        ) : null}
        {panel === 'help' ? <HelpPanel onClose={() => showPanel(null)} /> : null}
        {panel === 'project' ? <ProjectPanel onSave={save} onLoad={load} onClose={() => showPanel(null)} /> : null}
      </div>
      {pendingDataset && engine ? <DatasetChoice engine={engine} pending={pendingDataset} /> : null}
      {shownRow !== null && engine && table ? <RowDialog engine={engine} table={table} row={shownRow} onClose={() => setShownRow(null)} /> : null}
    </div>
  );
}
