/**
 * The pipeline as a column of cells, like a notebook: add, edit, reorder (drag or Alt+↑/↓),
 * disable, duplicate and delete steps, every edit undoable; each cell shows its result live on
 * the working set, replaced by the full data's once "Run on full data" has run.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { DatasetHandle } from '../../pipelines/protocol/host';
import type { StepResult } from '../../pipelines/run/results';
import type { StepSpec } from '../../pipelines/spec/types';
import { transforms } from '../../pipelines/steps/registry';
import type { Column } from '../../pipelines/table/column';
import type { BrowserEngine } from '../engine/browser-engine';
import { followStepRename, withResolvedUris, writeDraft } from '../state/spec-draft';
import { declaredRoles } from '../../pipelines/spec/column-roles';
import { useApp, useDraft } from '../state/store';
import { useDialog } from '../components/use-dialog';
import { AddStep } from './AddStep';
import { freshId, newStep } from './catalog';
import { Cell } from './Cell';
import { liveInput } from './live-sample';
import { RunningNote } from './RunningNote';
import { useFullRun } from './use-full-run';
import type { LiveRun } from './use-live-run';

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(next.length, to)), 0, item!);
  return next;
}

/** The data columns at each step, from the static column plan (transforms add, drop, rename). */
function columnsPerStep(steps: readonly StepSpec[], columns: Column[]): Column[][] {
  const plan: Column[][] = [];
  let current = columns;
  for (const step of steps) {
    plan.push(current);
    const transform = step.transform ? transforms.get(step.transform) : undefined;
    if (transform && step.enabled !== false) {
      try {
        current = transform.columnsAfter(step as never, current);
      } catch {
        // an incomplete step: keep the columns as they were
      }
    }
  }
  return plan;
}

export function PipelinePanel({
  engine,
  dataset,
  live,
  onShowRow,
}: {
  engine: BrowserEngine;
  dataset: DatasetHandle;
  live: LiveRun;
  onShowRow(row: number): void;
}) {
  const specYaml = useApp((state) => state.document.specYaml);
  const folder = useApp((state) => state.projectFolder);
  const draft = useDraft();
  const editSpec = useApp((state) => state.editSpec);
  const showPanel = useApp((state) => state.showPanel);
  const previewAfter = useApp((state) => state.previewAfter);
  const previewStep = useApp((state) => state.previewStep);
  const [adding, setAdding] = useState(false);
  const [reportOpen, setReportOpen] = useState(false);
  const full = useFullRun();
  const [fullSpec, setFullSpec] = useState<string | null>(null);
  const fullCurrent = full.manifest && fullSpec === specYaml;
  const steps = draft.steps;
  const plan = useMemo(() => columnsPerStep(steps, dataset.columns), [steps, dataset.columns]);
  const results = new Map<string, StepResult>((live.result?.steps ?? []).map((step) => [step.id, step]));
  const fullResults = new Map<string, StepResult>(fullCurrent ? full.manifest!.steps.map((step) => [step.id, { ...step, durationMs: 0 }]) : []);

  const setSteps = (change: (steps: StepSpec[]) => StepSpec[], group?: string) => editSpec((current) => ({ ...current, steps: change(current.steps) }), group);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    setSteps((current) => moved(current, index, index + (event.key === 'ArrowUp' ? -1 : 1)));
  };

  const counts = live.result?.rowCounts;
  const basis = live.sample
    ? `on a sample of ${live.sample.rows.toLocaleString()} of the working set's ${live.sample.of.toLocaleString()} rows`
    : dataset.workingSet.sampled
      ? 'sample'
      : 'all rows';
  const stoppedAt = live.blockedBy ?? live.cancelled?.stepId ?? null;
  return (
    <aside className="pipeline" aria-label="Pipeline">
      <header className="pipeline-head">
        <h2>Pipeline</h2>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setAdding(true)} aria-label="Add step">
          + Add step
        </button>
      </header>
      <div className="pipeline-status" role="status" aria-label="Pipeline result">
        {live.running
          ? `running ${live.sample ? `on a sample of ${live.sample.rows.toLocaleString()} rows` : 'on the working set'}…`
          : live.blockedBy
            ? `stopped at step “${live.blockedBy}”: fix it to see the rest`
            : live.cancelled
              ? `cancelled${live.cancelled.stepId ? ` at step “${live.cancelled.stepId}”` : ' while reading the working set'}`
              : counts
                ? `${basis}: read ${counts.read.toLocaleString()} = kept ${counts.kept.toLocaleString()} + rejected ${counts.rejected.toLocaleString()} + dropped ${counts.dropped.toLocaleString()} · ${live.result!.status}`
                : steps.length
                  ? ''
                  : 'Add checks and transforms; each shows its result here as you edit.'}
      </div>
      {live.running && live.startedAt && !live.runningStep && !live.blockedBy ? (
        <RunningNote since={live.startedAt} label="Running the pipeline" what="Reading the rows" onCancel={live.cancel} />
      ) : null}
      {live.cancelled && !live.cancelled.stepId && !live.running ? (
        <button type="button" onClick={live.rerun}>
          Run again
        </button>
      ) : null}
      {live.error ? (
        <p className="field-problem" role="alert">
          {live.error}
        </p>
      ) : null}
      {adding ? (
        <AddStep
          onClose={() => setAdding(false)}
          onAdd={(entry) => {
            setSteps((current) => [...current, newStep(entry, current, plan.at(-1) ?? dataset.columns, declaredRoles(draft.columns) ?? undefined)]);
            setAdding(false);
          }}
        />
      ) : null}
      <div className="cells">
        {steps.map((step, index) => (
          <div key={index} onKeyDown={(event) => onKeyDown(event, index)}>
            <Cell
              step={step}
              index={index}
              count={steps.length}
              columns={plan[index] ?? dataset.columns}
              result={results.get(step.id)}
              fullResult={fullResults.get(step.id)}
              sampled={dataset.workingSet.sampled || live.sample !== null}
              sampleRows={live.sample?.rows ?? null}
              runningSince={live.running && live.runningStep === step.id ? live.stepStartedAt : null}
              cancelledAfterMs={!live.running && live.cancelled?.stepId === step.id ? live.cancelled.afterMs : null}
              onCancel={live.cancel}
              onRerun={live.rerun}
              problems={live.problems[step.id] ?? {}}
              waitingOn={stoppedAt && index > steps.findIndex((candidate) => candidate.id === stoppedAt) ? stoppedAt : null}
              engine={engine}
              chartTable={index === 0 || steps.slice(0, index).every((earlier) => !earlier.transform) ? liveInput(dataset).table : null}
              onChange={(next, field) =>
                editSpec(
                  (current) => {
                    const changed = { ...current, steps: current.steps.map((candidate, position) => (position === index ? next : candidate)) };
                    // A new id carries the outputs that take this step's data along.
                    const previousId = current.steps[index]?.id;
                    return field === 'id' && previousId !== undefined ? followStepRename(changed, previousId, next.id) : changed;
                  },
                  field === undefined ? undefined : `step ${index} ${field}`,
                )
              }
              onMove={(to) => setSteps((current) => moved(current, index, to))}
              onDropStep={(from) => setSteps((current) => moved(current, from, index))}
              onDuplicate={() =>
                setSteps((current) => [...current.slice(0, index + 1), { ...step, id: freshId(step.id, current) }, ...current.slice(index + 1)])
              }
              onDelete={() => setSteps((current) => current.filter((_, position) => position !== index))}
              onShowRow={onShowRow}
              previewing={previewStep === step.id}
              onPreview={() => previewAfter(previewStep === step.id ? null : step.id)}
            />
          </div>
        ))}
      </div>
      <footer className="pipeline-foot">
        {full.job?.state === 'running' ? (
          <>
            <progress aria-label="Full run progress" value={full.job.progress ?? undefined} max={1} />
            <span className="muted">{full.job.message}</span>
            <button type="button" onClick={full.cancel}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            disabled={steps.length === 0}
            onClick={() => {
              setFullSpec(specYaml);
              // The host runs the spec from a folder of its own: relative inputs are made absolute.
              full.start(writeDraft(specYaml, withResolvedUris(draft, folder)));
            }}
          >
            Run on full data
          </button>
        )}
        <button type="button" onClick={() => showPanel('export')} disabled={steps.length === 0} aria-label="Export pipeline">
          Export…
        </button>
      </footer>
      {full.error ? (
        <p className="field-problem" role="alert">
          {full.error}
        </p>
      ) : null}
      {fullCurrent ? (
        <p className="full-summary" role="status" aria-label="Full run result">
          Full data {full.manifest!.status}: read {full.manifest!.rowCounts.read.toLocaleString()} = kept {full.manifest!.rowCounts.kept.toLocaleString()} +
          rejected {full.manifest!.rowCounts.rejected.toLocaleString()} + dropped {full.manifest!.rowCounts.dropped.toLocaleString()}
          {full.outDir ? <span className="muted"> · manifest and report in {full.outDir}</span> : null}{' '}
          {full.job ? (
            <button type="button" onClick={() => setReportOpen(true)}>
              Show report
            </button>
          ) : null}
        </p>
      ) : null}
      {reportOpen && full.job ? <ReportDialog jobId={full.job.id} onClose={() => setReportOpen(false)} /> : null}
    </aside>
  );
}

/** The full run's report.html inside the app; Escape or the backdrop closes it, and focus goes back. */
function ReportDialog({ jobId, onClose }: { jobId: string; onClose(): void }) {
  const dialog = useDialog(onClose);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        tabIndex={-1}
        className="dialog report-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Run report"
        onClick={(event) => event.stopPropagation()}
      >
        <header>
          <h2>Run report</h2>
          <button type="button" onClick={onClose} aria-label="Close report">
            ✕
          </button>
        </header>
        <iframe title="Run report" src={`./runs/${jobId}/report.html`} />
      </div>
    </div>
  );
}
