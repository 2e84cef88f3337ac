/**
 * Runs the pipeline on the working set whenever the steps change (debounced), so each cell
 * shows its result live; a newer edit supersedes a run still in flight.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetHandle } from '../../pipelines/protocol/host';
import type { PipelineResult } from '../../pipelines/run/execute';
import { parseSpec, SpecErrors } from '../../pipelines/spec/parse';
import type { BrowserEngine } from '../engine/browser-engine';
import { attachSource } from '../app/attached';
import { workingSetTable } from '../app/open-dataset';
import { SPEC_FILE } from '../app/project';
import { resolveUri } from '../state/spec-draft';
import { runOnWorkingSet } from './run-on-working-set';

const DELAY_MS = 350;

export interface LiveRun {
  result: PipelineResult | null;
  /** Spec problems by step id, then field ('step' when the problem has no field). */
  problems: Record<string, Record<string, string>>;
  error: string | null;
  running: boolean;
}

/** Runs the spec text over the working set; relative source paths are relative to `folder` (the project's). */
export function useLiveRun(engine: BrowserEngine | null, dataset: DatasetHandle | null, specYaml: string, folder: string | null, asOf: string | null = null): LiveRun {
  const [state, setState] = useState<LiveRun>({ result: null, problems: {}, error: null, running: false });
  const generation = useRef(0);

  useEffect(() => {
    if (!engine || !dataset) return;
    const mine = ++generation.current;
    const timer = window.setTimeout(() => {
      setState((previous) => ({ ...previous, running: true }));
      const resolveTable = async (source: { name: string; uri: string }, input: string) => {
        if (source.name === input) return { table: workingSetTable(dataset), columns: dataset.columns };
        const attached = await attachSource(engine, resolveUri(source.uri, folder));
        return { table: attached.table, columns: attached.handle.columns };
      };
      Promise.resolve()
        .then(() => parseSpec(specYaml, folder ? `${folder}/${SPEC_FILE}` : SPEC_FILE))
        .then((spec) => runOnWorkingSet(engine, spec, (source) => resolveTable(source, spec.input ?? Object.keys(spec.sources)[0]!), asOf ? new Date(asOf) : new Date()))
        .then(
        (result) => mine === generation.current && setState({ result, problems: {}, error: null, running: false }),
        (error: Error) => {
          if (mine !== generation.current) return;
          if (error instanceof SpecErrors || (error as { place?: { stepId?: string } }).place?.stepId) {
            const problems: Record<string, Record<string, string>> = {};
            const errors = error instanceof SpecErrors ? error.errors : [error as SpecErrors];
            for (const problem of errors) {
              const stepId = problem.place.stepId ?? '';
              problems[stepId] ??= {};
              problems[stepId]![problem.place.field ?? 'step'] = problem.message;
            }
            setState({ result: null, problems, error: problems[''] ? Object.values(problems['']).join('; ') : null, running: false });
          } else {
            setState({ result: null, problems: {}, error: error.message.split('\n')[0] ?? String(error), running: false });
          }
        },
      );
    }, DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [engine, dataset, specYaml, folder, asOf]);

  return state;
}
