/**
 * What the analysis views (drift, slices, labels) share: the dataset they are given, a chart
 * holder, sortable table headers, the note that numbers rest on a sample, and status lines.
 */
import { cloneElement, useEffect, useId, useRef, useState, type ReactElement, type ReactNode } from 'react';
import type { Engine } from '../../pipelines/engine/engine';
import type { ColumnRoles, StepSpec } from '../../pipelines/spec/types';
import type { Column } from '../../pipelines/table/column';
import { formatShare } from '../charts/format';
import './views.css';

/** A table a view analyses: its quoted name, its data columns and what people call it. */
export interface ViewDataset {
  table: string;
  columns: Column[];
  /** A file name or split value, shown in legends and headings. */
  label: string;
}

/** The working set is a deterministic sample of the dataset: `rows` rows, `fraction` of all. */
export interface SampledBasis {
  rows: number;
  fraction: number;
}

/** Props every view takes besides its own. */
export interface ViewProps {
  engine: Engine;
  current: ViewDataset;
  onAddStep(step: StepSpec): void;
  /** Set when the working set is a sample: every number then says so. */
  sampled?: SampledBasis;
  /** Ids already in the pipeline, so an added step gets a fresh one. */
  takenStepIds?: readonly string[];
  /** The spec's column roles: the views start at the declared label, score, ids… (see role-defaults.ts). */
  roles?: ColumnRoles;
}

/** The first line of an error, as people read it. */
export function problemText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/**
 * A control with its visible label, tied by id: the label names the control for screen readers
 * (and for tests that find it by label) without the options' text running into the name.
 */
export function Field({ label, className = '', children }: { label: ReactNode; className?: string; children: ReactElement<{ id?: string }> }) {
  const id = useId();
  return (
    <div className={`view-field ${className}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
}

/**
 * A Plot chart inside a labelled figure, built when `build` changes. A responsive chart is built
 * for the figure's width, and again when that width changes (a panel opens, the window resizes).
 */
export function PlotFigure({
  build,
  label,
  caption,
  className = '',
  responsive = false,
}: {
  build: (width: number) => Element;
  label: string;
  caption?: ReactNode;
  className?: string;
  responsive?: boolean;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const element = holder.current;
    if (!responsive || !element) return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry?.contentRect.width ?? 0);
      // Small changes (a scrollbar appearing) do not redraw.
      if (measured > 0) setWidth((previous) => (previous !== null && Math.abs(previous - measured) < 12 ? previous : measured));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [responsive]);
  useEffect(() => {
    const element = holder.current;
    if (!element || (responsive && width === null)) return;
    element.replaceChildren(build(width ?? 0));
    return () => element.replaceChildren();
  }, [build, responsive, width]);
  return (
    <figure className={`view-chart ${className}`} aria-label={label}>
      <div ref={holder} />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

/** A chart's width for its figure's: at least 320 (narrower squeezes the axes), at most 760. */
export function chartWidth(width: number): number {
  return Math.max(320, Math.min(760, width));
}

export interface SortState<K extends string> {
  key: K;
  descending: boolean;
}

/** Sort state with a toggle: a new key sorts by its natural direction, the same key flips. */
export function useSort<K extends string>(
  initial: SortState<K>,
  descendingFirst: readonly K[] = [],
): [SortState<K>, (key: K) => void, (state: SortState<K>) => void] {
  const [sort, setSort] = useState(initial);
  const toggle = (key: K) =>
    setSort((previous) => (previous.key === key ? { key, descending: !previous.descending } : { key, descending: descendingFirst.includes(key) }));
  return [sort, toggle, setSort];
}

/** Sorts a copy of `rows` by `value`; missing values last in either direction, ties kept in order. */
export function sortedBy<T>(rows: readonly T[], value: (row: T) => number | string | null | undefined, descending: boolean): T[] {
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      const missingA = a.key === null || a.key === undefined || Number.isNaN(a.key);
      const missingB = b.key === null || b.key === undefined || Number.isNaN(b.key);
      if (missingA || missingB) return Number(missingA) - Number(missingB) || a.index - b.index;
      const order =
        typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : String(a.key).localeCompare(String(b.key), 'en', { numeric: true });
      return (descending ? -order : order) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** A column header that sorts its table: a button inside a th carrying aria-sort. */
export function SortHeader<K extends string>({
  label,
  sortKey,
  sort,
  onSort,
  numeric = false,
  title,
}: {
  label: string;
  sortKey: K;
  sort: SortState<K>;
  onSort(key: K): void;
  numeric?: boolean;
  title?: string;
}) {
  const active = sort.key === sortKey;
  return (
    <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'} className={numeric ? 'numeric' : undefined}>
      <button type="button" className="sort" onClick={() => onSort(sortKey)} title={title ?? `Sort by ${label}`}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** The note every view shows when its numbers come from a sample of the dataset. */
export function SampleNote({ sampled }: { sampled?: SampledBasis }) {
  if (!sampled || sampled.fraction >= 1) return null;
  return (
    <p className="view-note sampled" role="note">
      Computed on a deterministic sample of {sampled.rows.toLocaleString('en-US')} rows ({formatShare(sampled.fraction)} of the dataset): counts are of the
      sample, and shares and statistics estimate the full data&apos;s.
    </p>
  );
}

/** Loading and error lines. */
export function ViewStatus({ loading, error, children }: { loading: boolean; error: string | null; children?: ReactNode }) {
  if (error) {
    return (
      <p className="view-error" role="alert">
        {error}
      </p>
    );
  }
  if (loading) {
    return (
      <p className="view-loading" role="status">
        {children ?? 'Computing…'}
      </p>
    );
  }
  return null;
}

/** The confirmation after "Add as check". */
export function AddedNote({ id }: { id: string | null }) {
  return (
    <span className="added" role="status" aria-live="polite">
      {id ? `Added step ${id} to the pipeline.` : ''}
    </span>
  );
}
