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
import type { BrowserEngine } from '../engine/browser-engine';
import { attachSource } from '../app/attached';
import { workingSetTable } from '../app/open-dataset';
import { SPEC_FILE } from '../app/project';
import { readDraft, resolveUri } from '../state/spec-draft';
import { stepProblem } from './engine-errors';
import { runOnWorkingSet } from './run-on-working-set';

const DELAY_MS = 350;

export interface LiveRun {
  result: PipelineResult | null;
  /** Spec problems by step id, then field ('step' when the problem has no field). */
  problems: Record<string, Record<string, string>>;
  /** The step that could not run: the steps after it wait on it. */
  blockedBy: string | null;
  error: string | null;
  running: boolean;
}

const idle: LiveRun = { result: null, problems: {}, blockedBy: null, error: null, running: false };

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
export function useLiveRun(engine: BrowserEngine | null, dataset: DatasetHandle | null, specYaml: string, folder: string | null, asOf: string | null = null): LiveRun {
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
          const result = await run(spec, (stepId) => (runningStep = stepId));
          if (current()) setState({ ...idle, result });
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
  }, [engine, dataset, specYaml, folder, asOf]);

  return state;
}
