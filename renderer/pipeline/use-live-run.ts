/**
 * Runs the pipeline on the working set whenever the spec changes (debounced), so each cell
 * shows its result live; a newer edit cancels a run still in flight and starts again.
 *
 * A large working set is run through a deterministic sample of it (live-sample.ts), so an edit
 * answers within a second; the cells say so, and "Run on full data" gives exact numbers. The run
 * has a connection of its own that Cancel stops: the step it was on says it was cancelled, the
 * steps before it keep their results (the pipeline is run again up to it), and those after wait.
 *
 * A step that cannot run stops the pipeline at that step, as it would stop `winnow run`: its
 * problem shows at its own field, in words (not DuckDB's error text), the steps before it keep
 * their results (the pipeline is run again up to it), and the steps after it wait on it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine } from '../../pipelines/engine/engine';
import type { DatasetHandle } from '../../pipelines/protocol/host';
import type { PipelineResult } from '../../pipelines/run/execute';
import { WinnowError } from '../../pipelines/errors';
import { outputFrom } from '../../pipelines/spec/output-from';
import { parseSpec, SpecErrors } from '../../pipelines/spec/parse';
import { checkSqlFragments } from '../../pipelines/spec/sql-fragments';
import type { Spec, StepSpec } from '../../pipelines/spec/types';
import { ident } from '../../pipelines/sql';
import type { Column } from '../../pipelines/table/column';
import { QueryCancelled, type BrowserEngine, type CancellableConnection } from '../engine/browser-engine';
import { attachSource } from '../host/working-sets';
import { PROJECT_SPEC_FILE as SPEC_FILE } from '../../pipelines/protocol/host';
import { readDraft, resolveUri } from '../state/spec-draft';
import { stepProblem } from './engine-errors';
import { liveInput } from './live-sample';
import { runOnWorkingSet, type WorkingSetSource } from './run-on-working-set';

/**
 * Typing pauses this long before a run starts; a run still in flight when the next edit lands is
 * cancelled. An edit that adds, removes or reorders steps, a step's preview and a run again (a
 * click, not typing) run at once.
 */
const DELAY_MS = 200;

/** The kinds of the steps in order: what changes when a step is added, removed or moved, and not while a field is typed in. */
function stepShape(specYaml: string): string {
  return readDraft(specYaml)
    .steps.map((step) => String(step.check ?? step.transform ?? ''))
    .join('\n');
}

/** The data after one step, for the grid: a table of the working set's rows as that step left them. */
export interface StepPreview {
  stepId: string;
  /** Quoted, for the grid's queries. */
  table: string;
  columns: Column[];
  rows: number;
  /** For each split up to the step: its parts and their rows. */
  splits: { stepId: string; parts: { name: string; rows: number }[] }[];
}

export interface LiveRun {
  result: PipelineResult | null;
  /** The data after the step asked for (`previewStep`), when it could run. */
  preview: StepPreview | null;
  /** Spec problems by step id, then field ('step' when the problem has no field). */
  problems: Record<string, Record<string, string>>;
  /** The step that could not run: the steps after it wait on it. */
  blockedBy: string | null;
  error: string | null;
  running: boolean;
  /** While running: when the run started (Date.now()), the step it is on (null while it reads its input) and since when. */
  startedAt: number | null;
  runningStep: string | null;
  stepStartedAt: number | null;
  /** The run a person cancelled: the step it was on (null: while reading its input) and how long it had run. */
  cancelled: { stepId: string | null; afterMs: number } | null;
  /** The rows the results are on, when a sample of the working set (see live-sample.ts). */
  sample: { rows: number; of: number } | null;
  /** Stops the run in flight. */
  cancel(): void;
  /** Runs the pipeline again (after a cancel). */
  rerun(): void;
}

type RunState = Omit<LiveRun, 'cancel' | 'rerun'>;

const idle: RunState = {
  result: null,
  preview: null,
  problems: {},
  blockedBy: null,
  error: null,
  running: false,
  startedAt: null,
  runningStep: null,
  stepStartedAt: null,
  cancelled: null,
  sample: null,
};

const PREVIEW_TABLE = 'winnow_preview';
/**
 * The live input copied into memory once per dataset (the working set's live sample, about
 * LIVE_SAMPLE_ROWS rows, or the whole of a smaller one): each run reads it through a view. Copying
 * it from the attached file at every run took 0.15-0.3 s of the first cell's result on 10M rows.
 */
const LIVE_COPY = 'winnow_live_input';
const SPLIT_PREFIX = '__winnow_split_';

/** Keeps the rows a (truncated) run ended with as the preview table, with its splits' part sizes. */
async function keepPreview(engine: Engine, stepId: string, result: PipelineResult): Promise<StepPreview> {
  await engine.run(`CREATE OR REPLACE TABLE ${ident(PREVIEW_TABLE)} AS SELECT * FROM ${result.finalTable}`);
  const described = await engine.query(`DESCRIBE ${ident(PREVIEW_TABLE)}`);
  const splits = await Promise.all(
    described
      .map((row) => String(row.column_name))
      .filter((name) => name.startsWith(SPLIT_PREFIX))
      .map(async (name) => {
        const counts = await engine.query(`SELECT ${ident(name)} AS part, count(*) AS n FROM ${ident(PREVIEW_TABLE)} GROUP BY ALL ORDER BY part`);
        return { stepId: name.slice(SPLIT_PREFIX.length), parts: counts.map((row) => ({ name: String(row.part), rows: Number(row.n) })) };
      }),
  );
  return { stepId, table: ident(PREVIEW_TABLE), columns: result.columns, rows: result.rowCounts.kept, splits };
}

/** Spec errors by step id and field; errors about no step go under ''. */
function problemsOf(errors: WinnowError[]): Record<string, Record<string, string>> {
  const problems: Record<string, Record<string, string>> = {};
  for (const problem of errors) {
    const stepId = problem.place.stepId ?? '';
    problems[stepId] ??= {};
    problems[stepId]![problem.place.field ?? 'step'] ??= problem.message;
  }
  return problems;
}

/** Runs the spec text over the working set; relative source paths are relative to `folder` (the project's). */
export function useLiveRun(
  engine: BrowserEngine | null,
  dataset: DatasetHandle | null,
  specYaml: string,
  folder: string | null,
  asOf: string | null = null,
  previewStep: string | null = null,
): LiveRun {
  const [state, setState] = useState<RunState>(idle);
  const [runs, setRuns] = useState(0);
  const generation = useRef(0);
  const connection = useRef<Promise<CancellableConnection> | null>(null);
  /** The run in flight, settled (never rejects): the next run starts once it has stopped. */
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const cancelledByPerson = useRef(false);
  /** The dataset whose live input is in LIVE_COPY, or is being copied there, and the connection that copies it. */
  const copied = useRef<{ datasetId: string; ready: Promise<void> } | null>(null);
  const copier = useRef<Promise<CancellableConnection> | null>(null);
  /** What the last run was scheduled for besides the text: a change to any of these is a click, and runs without waiting for more typing. */
  const lastScheduled = useRef<{ dataset: DatasetHandle; shape: string; previewStep: string | null; runs: number } | null>(null);

  useEffect(() => {
    if (!engine || !dataset) return;
    const mine = ++generation.current;
    /**
     * The copy every run of this dataset reads, started once, at once: on a connection of its own
     * that nothing cancels, so an edit that cancels the run in flight does not cancel the copy too
     * (the run when the dataset opens was cancelled mid-copy by the first cell, and the copy began
     * again), and run a slice at a time, so the grid's first page is answered in between.
     */
    const copyLiveInput = (): Promise<void> => {
      if (copied.current?.datasetId !== dataset.id) {
        copier.current ??= engine.cancellableConnection();
        const ready = copier.current.then((connection) =>
          connection.run(`CREATE OR REPLACE TABLE ${ident(LIVE_COPY)} AS SELECT * FROM ${liveInput(dataset).table}`),
        );
        copied.current = { datasetId: dataset.id, ready };
        // A failed copy is made again by the next run.
        ready.catch(() => copied.current?.ready === ready && (copied.current = null));
      }
      return copied.current!.ready;
    };
    copyLiveInput().catch(() => undefined);
    const current = () => mine === generation.current;
    connection.current ??= engine.cancellableConnection();
    // An edit supersedes the run in flight: stop it now rather than let it finish for nothing.
    void connection.current.then((live) => live.cancel());
    const runLive = async (live: CancellableConnection) => {
      const startedAt = Date.now();
      setState((previous) => ({ ...previous, running: true, startedAt, runningStep: null, stepStartedAt: null, cancelled: null }));
      const when = asOf ? new Date(asOf) : new Date();
      const input = liveInput(dataset);
      const sample = input.sampleOf === null ? null : { rows: input.rows, of: input.sampleOf };
      const copyOfInput = async (): Promise<WorkingSetSource> => {
        await copyLiveInput();
        return { table: ident(LIVE_COPY), columns: dataset.columns, inMemory: true };
      };
      const run = (spec: Spec, onStep?: (stepId: string) => void) =>
        runOnWorkingSet(
          live,
          spec,
          async (source) => {
            if (source.name === (spec.input ?? Object.keys(spec.sources)[0])) return copyOfInput();
            const attached = await attachSource(engine!, resolveUri(source.uri, folder));
            return { table: attached.table, columns: attached.handle.columns };
          },
          when,
          (event) => event.stepId && onStep?.(event.stepId),
        );
      const finish = (next: Partial<RunState>) => current() && setState({ ...idle, sample, ...next });

      let spec: Spec;
      const file = folder ? `${folder}/${SPEC_FILE}` : SPEC_FILE;
      try {
        spec = parseSpec(specYaml, file);
      } catch (error) {
        // The SQL fragments are checked too, so every field's problem shows at once, not one after another.
        const fragments = await checkSqlFragments(live, readDraft(specYaml) as unknown as Spec, file).catch(() => []);
        const problems = error instanceof SpecErrors ? problemsOf([...error.errors, ...fragments]) : { '': { step: (error as Error).message } };
        finish({ problems, error: problems[''] ? Object.values(problems['']).join('; ') : null });
        return;
      }
      let runningStep: string | null = null;
      const onStep = (stepId: string) => {
        runningStep = stepId;
        // A step this run reached parsed and is running: a problem shown from an earlier text is stale.
        if (current())
          setState((previous) => {
            const { [stepId]: _stale, ...problems } = previous.problems;
            return {
              ...previous,
              problems,
              blockedBy: previous.blockedBy === stepId ? null : previous.blockedBy,
              runningStep: stepId,
              stepStartedAt: Date.now(),
            };
          });
      };
      /** The steps before `step` still have results: run up to it. */
      const runBefore = (step: StepSpec) => {
        const before = spec.steps.slice(0, spec.steps.indexOf(step));
        return run({
          ...spec,
          steps: before,
          outputs: spec.outputs.filter((output) => !output.from || before.some((earlier) => earlier.id === outputFrom(output.from!).stepId)),
        }).catch(() => null);
      };
      try {
        // The data after a step is the end of a run that stops there; it runs first, since each
        // run replaces the working tables of the one before.
        const until = previewStep === null ? -1 : spec.steps.findIndex((step) => step.id === previewStep);
        const preview =
          until < 0
            ? null
            : await run({ ...spec, steps: spec.steps.slice(0, until + 1), outputs: [] }, onStep).then(
                (result) => keepPreview(live, previewStep!, result),
                () => null,
              );
        if (!current()) return;
        const result = await run(spec, onStep);
        finish({ result, preview });
      } catch (error) {
        if (!current()) return;
        const step = spec.steps.find((candidate) => candidate.id === ((error instanceof WinnowError ? error.place.stepId : undefined) ?? runningStep));
        if (error instanceof QueryCancelled || cancelledByPerson.current) {
          const cancelled = { stepId: step?.id ?? null, afterMs: Date.now() - startedAt };
          if (!step) return finish({ cancelled });
          setState({ ...idle, sample, cancelled, running: true, startedAt: Date.now(), runningStep: null });
          live.resume();
          const partial = await runBefore(step);
          finish({ result: partial, cancelled });
          return;
        }
        if (!step) return finish({ error: (error as Error).message.split('\n')[0] ?? String(error) });
        const place = error instanceof WinnowError ? error.place : {};
        const problem =
          error instanceof WinnowError && place.stepId ? { field: place.field, message: error.message } : stepProblem((error as Error).message, step);
        const problems = { [step.id]: { [problem.field ?? 'step']: problem.message } };
        setState({ ...idle, sample, problems, blockedBy: step.id, running: true, startedAt: Date.now() });
        const partial = await runBefore(step);
        finish({ result: partial, problems, blockedBy: step.id });
      }
    };
    const scheduled = { dataset, shape: stepShape(specYaml), previewStep, runs };
    const last = lastScheduled.current;
    const typing = last !== null && (Object.keys(scheduled) as (keyof typeof scheduled)[]).every((key) => last[key] === scheduled[key]);
    lastScheduled.current = scheduled;
    const timer = window.setTimeout(
      () => {
        const previous = inFlight.current;
        const work = (async () => {
          const live = await connection.current!;
          await previous;
          if (!current()) return;
          live.resume();
          cancelledByPerson.current = false;
          await runLive(live);
        })().catch(() => undefined);
        inFlight.current = work;
      },
      typing ? DELAY_MS : 0,
    );

    return () => window.clearTimeout(timer);
  }, [engine, dataset, specYaml, folder, asOf, previewStep, runs]);

  const cancel = useCallback(() => {
    cancelledByPerson.current = true;
    void connection.current?.then((live) => live.cancel());
  }, []);
  const rerun = useCallback(() => setRuns((count) => count + 1), []);
  return { ...state, cancel, rerun };
}
