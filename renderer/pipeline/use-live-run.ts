/**
 * Runs the pipeline on the working set whenever the spec changes (debounced), so each cell
 * shows its result live; a newer edit supersedes a run still in flight.
 *
 * A step that cannot run stops the pipeline at that step, as it would stop `winnow run`: its
 * problem shows at its own field, in words (not DuckDB's error text), the steps before it keep
 * their results (the pipeline is run again up to it), and the steps after it wait on it.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetHandle } from '../../pipelines/protocol/host';
import type { PipelineResult } from '../../pipelines/run/execute';
import { WinnowError } from '../../pipelines/errors';
import { parseSpec, SpecErrors } from '../../pipelines/spec/parse';
import { checkSqlFragments } from '../../pipelines/spec/sql-fragments';
import type { Spec } from '../../pipelines/spec/types';
import { ident } from '../../pipelines/sql';
import type { Column } from '../../pipelines/steps/step';
import type { BrowserEngine } from '../engine/browser-engine';
import { attachSource } from '../app/attached';
import { workingSetTable } from '../app/open-dataset';
import { SPEC_FILE } from '../app/project';
import { readDraft, resolveUri } from '../state/spec-draft';
import { stepProblem } from './engine-errors';
import { runOnWorkingSet } from './run-on-working-set';

const DELAY_MS = 350;

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
}

const idle: LiveRun = { result: null, preview: null, problems: {}, blockedBy: null, error: null, running: false };

const PREVIEW_TABLE = 'winnow_preview';
const SPLIT_PREFIX = '__winnow_split_';

/** Keeps the rows a (truncated) run ended with as the preview table, with its splits' part sizes. */
async function keepPreview(engine: BrowserEngine, stepId: string, result: PipelineResult): Promise<StepPreview> {
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
export function useLiveRun(engine: BrowserEngine | null, dataset: DatasetHandle | null, specYaml: string, folder: string | null, asOf: string | null = null, previewStep: string | null = null): LiveRun {
  const [state, setState] = useState<LiveRun>(idle);
  const generation = useRef(0);

  useEffect(() => {
    if (!engine || !dataset) return;
    const mine = ++generation.current;
    const current = () => mine === generation.current;
    const timer = window.setTimeout(() => {
      setState((previous) => ({ ...previous, running: true }));
      const when = asOf ? new Date(asOf) : new Date();
      const run = (spec: Spec, onStep?: (stepId: string) => void) =>
        runOnWorkingSet(
          engine,
          spec,
          async (source) => {
            if (source.name === (spec.input ?? Object.keys(spec.sources)[0])) return { table: workingSetTable(dataset), columns: dataset.columns };
            const attached = await attachSource(engine, resolveUri(source.uri, folder));
            return { table: attached.table, columns: attached.handle.columns };
          },
          when,
          (event) => event.stepId && onStep?.(event.stepId),
        );

      void (async () => {
        let spec: Spec;
        const file = folder ? `${folder}/${SPEC_FILE}` : SPEC_FILE;
        try {
          spec = parseSpec(specYaml, file);
        } catch (error) {
          // The SQL fragments are checked too, so every field's problem shows at once, not one after another.
          const fragments = await checkSqlFragments(engine, readDraft(specYaml) as unknown as Spec, file).catch(() => []);
          if (!current()) return;
          const problems = error instanceof SpecErrors ? problemsOf([...error.errors, ...fragments]) : { '': { step: (error as Error).message } };
          setState({ ...idle, problems, error: problems[''] ? Object.values(problems['']).join('; ') : null });
          return;
        }
        let runningStep: string | null = null;
        try {
          // The data after a step is the end of a run that stops there; it runs first, since each
          // run replaces the working tables of the one before.
          const until = previewStep === null ? -1 : spec.steps.findIndex((step) => step.id === previewStep);
          const preview = until < 0 ? null : await run({ ...spec, steps: spec.steps.slice(0, until + 1), outputs: [] }).then((result) => keepPreview(engine, previewStep!, result), () => null);
          if (!current()) return;
          const result = await run(spec, (stepId) => (runningStep = stepId));
          if (current()) setState({ ...idle, result, preview });
        } catch (error) {
          if (!current()) return;
          const place = error instanceof WinnowError ? error.place : {};
          const stepId = place.stepId ?? runningStep;
          const step = spec.steps.find((candidate) => candidate.id === stepId);
          if (!step) {
            setState({ ...idle, error: (error as Error).message.split('\n')[0] ?? String(error) });
            return;
          }
          const problem = error instanceof WinnowError && place.stepId ? { field: place.field, message: error.message } : stepProblem((error as Error).message, step);
          const problems = { [step.id]: { [problem.field ?? 'step']: problem.message } };
          setState({ ...idle, problems, blockedBy: step.id, running: true });
          // The steps before it still have results: run up to it.
          const before = spec.steps.slice(0, spec.steps.indexOf(step));
          const partial = await run({ ...spec, steps: before, outputs: spec.outputs.filter((output) => !output.from || before.some((earlier) => output.from!.startsWith(`${earlier.id}.`))) }).catch(() => null);
          if (current()) setState({ ...idle, result: partial, problems, blockedBy: step.id });
        }
      })();
    }, DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [engine, dataset, specYaml, folder, asOf, previewStep]);

  return state;
}
