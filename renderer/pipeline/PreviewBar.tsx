/**
 * The data after a step, as Data Wrangler shows it: the grid holds the rows that step left,
 * new and renamed columns are marked in their headers, dropped ones are listed here, and each
 * split's parts are given with their sizes.
 */
import type { StepSpec } from '../../pipelines/spec/types';
import type { Column } from '../../pipelines/table/column';
import type { StepPreview } from './use-live-run';

/** What happened to each column by the end of `steps`: renamed columns say from what, new ones say so. */
export function columnMarks(after: readonly Column[], before: readonly Column[], steps: readonly StepSpec[]): Record<string, string> {
  const origin = new Map<string, string>();
  for (const step of steps) {
    if (step.enabled === false || step.transform !== 'rename' || !step.columns || typeof step.columns !== 'object') continue;
    for (const [from, to] of Object.entries(step.columns as Record<string, string>)) origin.set(to, origin.get(from) ?? from);
  }
  const had = new Set(before.map((column) => column.name));
  const marks: Record<string, string> = {};
  for (const column of after) {
    const from = origin.get(column.name);
    if (from !== undefined && from !== column.name && had.has(from)) marks[column.name] = `renamed from ${from}`;
    else if (!had.has(column.name)) marks[column.name] = 'new';
  }
  return marks;
}

export function PreviewBar({
  preview,
  steps,
  input,
  onClose,
}: {
  preview: StepPreview;
  steps: readonly StepSpec[];
  input: readonly Column[];
  onClose(): void;
}) {
  const upTo = steps.slice(0, steps.findIndex((step) => step.id === preview.stepId) + 1);
  const marks = columnMarks(preview.columns, input, upTo);
  const renamedFrom = new Set(
    Object.values(marks)
      .filter((mark) => mark.startsWith('renamed from '))
      .map((mark) => mark.slice('renamed from '.length)),
  );
  const kept = new Set(preview.columns.map((column) => column.name));
  const dropped = input.map((column) => column.name).filter((name) => !kept.has(name) && !renamedFrom.has(name));
  const added = Object.entries(marks)
    .filter(([, mark]) => mark === 'new')
    .map(([name]) => name);
  return (
    <div className="preview-bar" role="region" aria-label="Data after a step">
      <span>
        Data after step <strong>“{preview.stepId}”</strong>: {preview.rows.toLocaleString()} rows, {preview.columns.length} columns
      </span>
      {added.length ? <span>new: {added.join(', ')}</span> : null}
      {dropped.length ? <span className="dropped">dropped: {dropped.join(', ')}</span> : null}
      {preview.splits.map((split) => (
        <span key={split.stepId} className="parts" aria-label={`Parts of ${split.stepId}`}>
          {split.stepId}:{' '}
          {split.parts.map((part) => (
            <span key={part.name}>
              {part.name} {part.rows.toLocaleString()}
            </span>
          ))}
        </span>
      ))}
      <span className="spacer" />
      <button type="button" onClick={onClose}>
        Back to the input
      </button>
    </div>
  );
}

/**
 * Which rows the Drift, Slices and Labels views compute on: the input, or the data after any
 * step. A check added from a view goes at that point of the pipeline, so its cell sees the same rows.
 */
export function RowsPicker({
  steps,
  previewStep,
  rows,
  sampled,
  onPick,
}: {
  steps: readonly StepSpec[];
  previewStep: string | null;
  rows: number;
  sampled: boolean;
  onPick(stepId: string | null): void;
}) {
  return (
    <div className="rows-picker" role="group" aria-label="Rows the view computes on">
      <label htmlFor="view-rows">Rows</label>
      <select id="view-rows" value={previewStep ?? ''} onChange={(event) => onPick(event.target.value || null)}>
        <option value="">the input, before any step</option>
        {steps
          .filter((step) => step.enabled !== false)
          .map((step) => (
            <option key={step.id} value={step.id}>
              after step “{step.id}”
            </option>
          ))}
      </select>
      <span className="muted">
        {rows.toLocaleString()} {sampled ? 'rows of the working sample' : 'rows'}. A check added here goes{' '}
        {previewStep ? `right after “${previewStep}”` : 'first in the pipeline'}, so its cell sees these rows.
      </span>
    </div>
  );
}
