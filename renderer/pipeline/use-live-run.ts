/**
 * Runs the pipeline on the working set whenever the steps change (debounced), so each cell
 * shows its result live; a newer edit supersedes a run still in flight.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetHandle } from '../../pipelines/protocol/host';
import type { PipelineResult } from '../../pipelines/run/execute';
import { SpecErrors } from '../../pipelines/spec/parse';
import type { BrowserEngine } from '../engine/browser-engine';
import { attachSource } from '../app/attached';
import { workingSetTable } from '../app/open-dataset';
import { documentSpec } from '../app/project';
import type { Document } from '../state/store';
import { runOnWorkingSet } from './run-on-working-set';

const DELAY_MS = 350;

export interface LiveRun {
  result: PipelineResult | null;
  /** Spec problems by step id, then field ('step' when the problem has no field). */
  problems: Record<string, Record<string, string>>;
  error: string | null;
  running: boolean;
}

export function useLiveRun(engine: BrowserEngine | null, dataset: DatasetHandle | null, document: Document): LiveRun {
  const [state, setState] = useState<LiveRun>({ result: null, problems: {}, error: null, running: false });
  const generation = useRef(0);
  const { steps, sources, datasetUri } = document;

  useEffect(() => {
    if (!engine || !dataset || !datasetUri) return;
    const mine = ++generation.current;
    const timer = window.setTimeout(() => {
      setState((previous) => ({ ...previous, running: true }));
      const spec = documentSpec({ ...document, steps, sources, datasetUri });
      const resolveTable = async (source: { name: string; uri: string }) => {
        if (source.name === (spec.input ?? 'data')) return { table: workingSetTable(dataset), columns: dataset.columns };
        const attached = await attachSource(engine, source.uri);
        return { table: attached.table, columns: attached.handle.columns };
      };
      runOnWorkingSet(engine, spec, resolveTable).then(
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
    // The document object changes with every edit; what the run depends on is listed.
  }, [engine, dataset, steps, sources, datasetUri]);

  return state;
}
