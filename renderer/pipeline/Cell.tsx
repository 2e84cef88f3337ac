/** One step of the pipeline as a cell: its form, its live result, its failing examples and its SQL. */
import { useState, type DragEvent } from 'react';
import type { StepResult } from '../../pipelines/run/results';
import { checkOnlyProperties } from '../../pipelines/spec/schema';
import type { StepSpec } from '../../pipelines/spec/types';
import { checks, transforms } from '../../pipelines/steps/registry';
import type { Column } from '../../pipelines/table/column';
import { BoundsChart } from './BoundsChart';
import { RunningNote } from './RunningNote';
import { describeObserved, type ObservedEntry } from './observed';
import { Field, ParamForm } from './ParamForm';
import { stepSql } from './step-sql';
import { declaredRoles } from '../../pipelines/spec/column-roles';
import { useDraft } from '../state/store';

export interface CellProps {
  step: StepSpec;
  index: number;
  count: number;
  columns: Column[];
  /** The result on the working set, and on the full data once run there. */
  result?: StepResult;
  fullResult?: StepResult;
  sampled: boolean;
  /** Rows of the sample the live result is on, when the live run reads a sample of the working set. */
  sampleRows?: number | null;
  /** The live run is on this step now, since (Date.now()). */
  runningSince?: number | null;
  /** The live run was cancelled on this step, after that long. */
  cancelledAfterMs?: number | null;
  onCancel?(): void;
  onRerun?(): void;
  problems: Record<string, string>;
  /** A step before this one that could not run: this one waits on it. */
  waitingOn?: string | null;
  chartTable: string | null;
  engine: import('../../pipelines/engine/engine').Engine | null;
  /** The step changed; `field` names the field typed into, so keystrokes in one field are one undo step. */
  onChange(step: StepSpec, field?: string): void;
  onMove(to: number): void;
  /** The step at `from` was dragged and dropped onto this cell: it moves here. */
  onDropStep(from: number): void;
  onDuplicate(): void;
  onDelete(): void;
  onShowRow(row: number): void;
  /** Whether the grid shows the data after this step. */
  previewing?: boolean;
  onPreview?(): void;
}

const badgeText: Record<string, string> = {
  passed: 'pass',
  done: 'done',
  warned: 'warn',
  rejected: 'rejected',
  failed: 'fail',
  not_evaluated: 'not evaluated',
  skipped: 'off',
  error: 'error',
  waiting: 'waits',
  cancelled: 'cancelled',
  running: '…',
};

function percent(fraction: number | null): string {
  return fraction === null ? '' : `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.001 ? 3 : 1)}%`;
}

export function Cell({
  step,
  index,
  count,
  columns,
  result,
  fullResult,
  sampled,
  sampleRows,
  runningSince,
  cancelledAfterMs,
  onCancel,
  onRerun,
  problems,
  waitingOn,
  chartTable,
  engine,
  onChange,
  onMove,
  onDropStep,
  onDuplicate,
  onDelete,
  onShowRow,
  previewing = false,
  onPreview,
}: CellProps) {
  const [showSql, setShowSql] = useState(false);
  const roles = declaredRoles(useDraft().columns) ?? undefined;
  const kindKey = step.check ? 'check' : 'transform';
  const kind = String(step.check ?? step.transform);
  const definition = step.check ? checks.get(kind) : transforms.get(kind);
  const shown = fullResult ?? result;
  const blocked = Object.keys(problems).length > 0;
  const cancelled = cancelledAfterMs !== null && cancelledAfterMs !== undefined && !fullResult;
  const status =
    step.enabled === false
      ? 'skipped'
      : blocked
        ? 'error'
        : cancelled
          ? 'cancelled'
          : waitingOn
            ? 'waiting'
            : runningSince
              ? 'running'
              : (shown?.status ?? 'pending');
  const common: Record<string, object> =
    kindKey === 'check' ? (definition && 'rows' in definition && definition.rows ? checkOnlyProperties : { on_fail: checkOnlyProperties.on_fail }) : {};

  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData('text/x-winnow-step', String(index));
    event.dataTransfer.effectAllowed = 'move';
  };
  const onDrop = (event: DragEvent) => {
    const data = event.dataTransfer.getData('text/x-winnow-step');
    const from = Number(data);
    if (data !== '' && Number.isInteger(from) && from !== index) {
      event.preventDefault();
      onDropStep(from);
      event.dataTransfer.clearData();
    }
  };

  return (
    <article
      className={`cell status-${status}${step.enabled === false ? ' disabled' : ''}`}
      aria-label={`Step ${step.id}`}
      onDragOver={(event) => event.preventDefault()}
      onDrop={onDrop}
      data-index={index}
    >
      <header className="cell-head">
        <span className="drag-handle" draggable onDragStart={onDragStart} title="Drag to reorder" aria-hidden="true">
          ⋮⋮
        </span>
        <input
          className="cell-id"
          aria-label={`Id of step ${step.id}`}
          value={step.id}
          onChange={(event) => onChange({ ...step, id: event.target.value }, 'id')}
          spellCheck={false}
        />
        {kind !== step.id ? <span className="cell-kind">{kind}</span> : null}
        <span className={`badge status-${status}`} aria-label={`Status of ${step.id}`}>
          {badgeText[status] ?? '…'}
        </span>
        <span className="spacer" />
        <label className="toggle" title="Enabled">
          <input
            type="checkbox"
            checked={step.enabled !== false}
            aria-label={`Enable ${step.id}`}
            onChange={(event) => onChange(event.target.checked ? withoutKey(step, 'enabled') : { ...step, enabled: false })}
          />
        </label>
        <button type="button" onClick={() => onMove(index - 1)} disabled={index === 0} aria-label={`Move ${step.id} up`} title="Move up (Alt+↑)">
          ↑
        </button>
        <button type="button" onClick={() => onMove(index + 1)} disabled={index === count - 1} aria-label={`Move ${step.id} down`} title="Move down (Alt+↓)">
          ↓
        </button>
        <button type="button" onClick={onDuplicate} aria-label={`Duplicate ${step.id}`} title="Duplicate">
          copy
        </button>
        {onPreview ? (
          <button
            type="button"
            onClick={onPreview}
            aria-pressed={previewing}
            aria-label={`Data after ${step.id}`}
            title="Show the data after this step in the grid"
          >
            ▦
          </button>
        ) : null}
        <button type="button" onClick={() => setShowSql((shown) => !shown)} aria-pressed={showSql} aria-label={`SQL of ${step.id}`} title="Show the SQL">
          SQL
        </button>
        <button type="button" onClick={onDelete} aria-label={`Delete ${step.id}`} title="Delete">
          ✕
        </button>
      </header>
      {waitingOn && step.enabled !== false ? <p className="cell-waiting muted">Waits on step “{waitingOn}”, which cannot run yet.</p> : null}
      {runningSince && onCancel ? (
        <RunningNote
          since={runningSince}
          label={`Running ${step.id}`}
          what={sampleRows ? `Running on a sample of ${sampleRows.toLocaleString()} rows` : 'Running on the working set'}
          onCancel={onCancel}
        />
      ) : null}
      {cancelled ? (
        <p className="cell-cancelled" role="status" aria-label={`Cancelled ${step.id}`}>
          <span>Cancelled after {((cancelledAfterMs ?? 0) / 1000).toFixed(1)} s: no result for this step; the steps before it keep theirs.</span>
          {onRerun ? (
            <button type="button" onClick={onRerun}>
              Run again
            </button>
          ) : null}
        </p>
      ) : null}
      {problems.id ? (
        <p className="field-problem" role="alert">
          {problems.id}
        </p>
      ) : null}
      {problems[kindKey] ? (
        <p className="field-problem" role="alert">
          {problems[kindKey]}
        </p>
      ) : null}
      {definition ? (
        <>
          <p className="cell-summary">{definition.summary}</p>
          <ParamForm
            step={step}
            properties={{ ...common, ...definition.params.properties }}
            required={definition.params.required ?? []}
            columns={columns}
            problems={problems}
            onChange={onChange}
          />
        </>
      ) : (
        <Field
          stepId={step.id}
          name={kindKey}
          schema={{ type: 'string' }}
          value={kind}
          columns={columns}
          required
          problem={problems[kindKey]}
          onChange={(value) => onChange({ ...step, [kindKey]: value })}
        />
      )}
      {Object.entries(problems)
        .filter(([field]) => field !== 'id' && field !== kindKey && !(definition && (field in definition.params.properties || field in common)))
        .map(([field, message]) => (
          <p key={field} className="field-problem" role="alert">
            {field === 'step' ? message : `${field}: ${message}`}
          </p>
        ))}
      {shown && step.enabled !== false && !waitingOn && !blocked && !cancelled ? (
        <section className="cell-result" aria-label={`Result of ${step.id}`}>
          <p className="cell-numbers">
            <span
              className={`basis${!fullResult && sampled ? ' sampled' : ''}`}
              title={!fullResult && sampled ? 'Run on full data for exact numbers' : undefined}
            >
              {fullResult ? 'full data' : sampleRows ? `on a sample of ${sampleRows.toLocaleString()} rows` : sampled ? 'sample' : 'all rows'}
            </span>
            <span>
              rows {shown.rowsIn.toLocaleString()} → {shown.rowsOut.toLocaleString()}
            </span>
            {shown.unexpectedCount !== null ? (
              <span aria-label={`Unexpected in ${step.id}`}>
                unexpected {shown.unexpectedCount.toLocaleString()} ({percent(shown.unexpectedFraction)})
              </span>
            ) : null}
            {shown.rejected ? <span>rejected {shown.rejected.toLocaleString()}</span> : null}
            {shown.dropped ? <span>dropped {shown.dropped.toLocaleString()}</span> : null}
          </p>
          {shown.status === 'not_evaluated' ? (
            <p className="cell-not-evaluated" role="status" aria-label={`Not evaluated: ${step.id}`}>
              Nothing to measure: {shown.reason}. {shown.failsRun ? 'This fails the run.' : 'A warning: the run goes on.'}
            </p>
          ) : null}
          {Object.keys(shown.observed).length ? <Described label={`Observed by ${step.id}`} entries={describeObserved(kind, shown.observed)} /> : null}
          {shown.fitted ? <Described label={`Fitted by ${step.id}`} entries={describeObserved(`${kind}:fitted`, shown.fitted)} /> : null}
          {shown.warnings?.length ? (
            <ul className="warning" aria-label={`Warnings of ${step.id}`}>
              {shown.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          ) : null}
          {shown.examples.length ? (
            <ul className="examples" aria-label={`Failing examples of ${step.id}`}>
              {shown.examples.slice(0, 8).map((example) => (
                <li key={example.row}>
                  <button type="button" onClick={() => onShowRow(example.row)} title="Show this row">
                    row {example.row}: {example.value === null ? '∅' : String(example.value)}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {kind === 'between' && engine && chartTable && typeof step.column === 'string' && columns.some((column) => column.name === step.column) ? (
            <BoundsChart
              engine={engine}
              table={chartTable}
              column={step.column}
              min={step.min as number | string | undefined}
              max={step.max as number | string | undefined}
            />
          ) : null}
        </section>
      ) : null}
      {showSql ? (
        <pre className="cell-sql" aria-label={`SQL of step ${step.id}`}>
          {stepSql(step, columns, shown?.fitted, roles)}
        </pre>
      ) : null}
    </article>
  );
}

function withoutKey(step: StepSpec, key: string): StepSpec {
  const next = { ...step };
  delete next[key];
  return next;
}

/** What a step observed or fitted, as label and value pairs. */
function Described({ label, entries }: { label: string; entries: ObservedEntry[] }) {
  return (
    <dl className="observed" aria-label={label}>
      {entries.map((entry, index) => (
        <div key={`${entry.label}-${index}`}>
          <dt>{entry.label}</dt>
          <dd>{entry.value}</dd>
        </div>
      ))}
    </dl>
  );
}
