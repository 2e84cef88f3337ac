/**
 * The data grid: an ARIA grid (grid, row, columnheader, gridcell) over the working set,
 * virtualized so millions of rows scroll smoothly; rows arrive by pages. Headers carry the
 * column's type and a mini histogram, sort on click, and a filter box.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Engine } from '../../pipelines/engine/engine';
import { ROW } from '../../pipelines/table/rejects';
import type { Column } from '../../pipelines/table/column';
import type { SortState } from '../state/store';
import { formatCellValue } from './format-value';
import { MiniHistogram } from './MiniHistogram';
import { scrollHeight, scrolled, visibleRows, type RowGeometry, type RowWindowState } from './row-window';
import { usePages } from './use-pages';

const ROW_HEIGHT = 28;
const NUMBER_WIDTH = 84;
/** Rows drawn beyond each edge of the view, so a short scroll shows rows already drawn. */
const OVERSCAN = 20;

/**
 * The rows on screen as the scroller scrolls and resizes (see row-window.ts): `head` is the
 * sticky header row, whose height the rows do not get.
 */
function useRowWindow(scroller: RefObject<HTMLDivElement | null>, head: RefObject<HTMLDivElement | null>, count: number) {
  const [viewport, setViewport] = useState(0);
  const [state, setState] = useState<RowWindowState>({ scrollTop: 0, rowsTop: 0 });
  const geometry: RowGeometry = { count, rowHeight: ROW_HEIGHT, viewport };
  const latest = useRef(geometry);
  latest.current = geometry;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport(Math.max(ROW_HEIGHT, element.clientHeight - (head.current?.offsetHeight ?? 0)));
    const onScroll = () => setState((previous) => scrolled(previous, element.scrollTop, latest.current));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', onScroll);
    };
  }, [scroller, head]);
  // A new row count or view height: the same scroll position, placed again.
  useEffect(() => {
    if (scroller.current) setState((previous) => scrolled(previous, scroller.current!.scrollTop, latest.current));
  }, [count, viewport, scroller]);
  return { height: scrollHeight(geometry), viewport, ...visibleRows(state, geometry, OVERSCAN) };
}

export interface DataGridProps {
  engine: Engine;
  table: string;
  columns: Column[];
  sort: SortState | null;
  filters: Record<string, string>;
  selectedColumn: string | null;
  onSort(column: string): void;
  onFilter(column: string, text: string): void;
  onSelectColumn(column: string): void;
  /** What the header sketches summarise, when not `table` itself (a sample of a large one). */
  sketchTable?: string;
  /** The engine that draws the header sketches, when not `engine` (one that runs them in the background). */
  sketchEngine?: Engine;
  /** Header sketches of the sketched table drawn already (by the host), by column name: these columns query nothing. */
  sketches?: ReadonlyMap<string, number[]>;
  /** The relation's row count, when known without counting (see usePages). */
  rows?: number;
  /** Called with the filtered row count once known. */
  onCount?(rows: number | null): void;
  /** Kept mounted (its pages stay loaded) while another view is shown. */
  hidden?: boolean;
  /** A note per column shown in its header: "new", "renamed from x" (the data after a step). */
  marks?: Record<string, string>;
  /** A column's role from the spec (`id`, `label`, `score · 1`), shown as a badge in its header. */
  roles?: Record<string, string>;
  /** The table's row numbers are 1..rows in stored order: unsorted pages are read by row-number range. */
  denseRowNumbers?: boolean;
}

function columnWidth(column: Column): number {
  if (/INT|DOUBLE|FLOAT|DECIMAL/.test(column.type)) return Math.max(128, column.name.length * 9 + 40);
  if (/TIMESTAMP/.test(column.type)) return 190;
  if (/DATE|TIME/.test(column.type)) return 140;
  return Math.min(260, Math.max(140, column.name.length * 9 + 40));
}

export function DataGrid({
  engine,
  table,
  sketchTable,
  sketchEngine,
  sketches,
  columns,
  rows,
  sort,
  filters,
  selectedColumn,
  onSort,
  onFilter,
  onSelectColumn,
  onCount,
  hidden = false,
  marks = {},
  roles = {},
  denseRowNumbers = false,
}: DataGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const pages = usePages(engine, { table, columns, sort, filters, denseRowNumbers }, rows);
  const shown = useRowWindow(scroller, head, pages.total ?? 0);
  const { first, last } = shown;
  const widths = columns.map(columnWidth);
  const totalWidth = NUMBER_WIDTH + widths.reduce((sum, width) => sum + width, 0);

  useEffect(() => {
    if (pages.total && last >= first) pages.want(first, last);
  }, [first, last, pages]);
  useEffect(() => onCount?.(pages.total), [pages.total, onCount]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const element = scroller.current;
    if (!element || (event.target as HTMLElement).tagName === 'INPUT') return;
    const moves: Record<string, number> = {
      ArrowDown: ROW_HEIGHT,
      ArrowUp: -ROW_HEIGHT,
      // A page is the rows in view (below the sticky header) but one, which stays in view.
      PageDown: shown.viewport - ROW_HEIGHT,
      PageUp: -(shown.viewport - ROW_HEIGHT),
    };
    if (event.key in moves) element.scrollTop += moves[event.key]!;
    else if (event.key === 'Home' && event.ctrlKey) element.scrollTop = 0;
    else if (event.key === 'End' && event.ctrlKey) element.scrollTop = element.scrollHeight;
    else return;
    event.preventDefault();
  };

  return (
    <div className="grid-frame" hidden={hidden}>
      <div
        ref={scroller}
        className="grid-scroller"
        role="grid"
        aria-label="Rows of the dataset"
        aria-rowcount={(pages.total ?? 0) + 1}
        aria-colcount={columns.length + 1}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div ref={head} role="rowgroup" className="grid-head" style={{ width: totalWidth }}>
          <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
            <div role="columnheader" className="grid-cell grid-number" style={{ width: NUMBER_WIDTH }}>
              row
            </div>
            {columns.map((column, index) => {
              const sorted = sort?.column === column.name ? (sort.descending ? 'descending' : 'ascending') : 'none';
              return (
                <div
                  key={column.name}
                  role="columnheader"
                  aria-sort={sorted}
                  aria-colindex={index + 2}
                  className={`grid-cell grid-header${selectedColumn === column.name ? ' selected' : ''}${marks[column.name] ? ' marked' : ''}`}
                  style={{ width: widths[index] }}
                >
                  <button
                    type="button"
                    className="header-name"
                    onClick={() => onSort(column.name)}
                    title={`Sort by ${column.name}`}
                    aria-label={`Sort by ${column.name}`}
                  >
                    <span className="name">{column.name}</span>
                    {roles[column.name] ? (
                      <span className="role-badge" title={`Role in the spec: ${roles[column.name]}`}>
                        {roles[column.name]}
                      </span>
                    ) : null}
                    {marks[column.name] ? <span className="column-mark">{marks[column.name]}</span> : null}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}
                    </span>
                  </button>
                  <button
                    type="button"
                    className="header-type"
                    onClick={() => onSelectColumn(column.name)}
                    aria-label={`Profile of ${column.name}`}
                    title={`Profile of ${column.name}`}
                  >
                    <span className="type">{column.type}</span>
                    <MiniHistogram engine={sketchEngine ?? engine} table={sketchTable ?? table} column={column} counts={sketches?.get(column.name)} />
                  </button>
                  <input
                    className={`header-filter${pages.problems[column.name] ? ' invalid' : ''}`}
                    aria-label={`Filter ${column.name}`}
                    aria-invalid={Boolean(pages.problems[column.name])}
                    title={pages.problems[column.name] ?? 'Filter: text, = value, != value, > 5, 10..20, 5.., ..20, null, not null'}
                    placeholder="filter"
                    value={filters[column.name] ?? ''}
                    onChange={(event) => onFilter(column.name, event.target.value)}
                  />
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="grid-body" style={{ height: shown.height, width: totalWidth }}>
          {Array.from({ length: last - first + 1 }, (_, offset) => first + offset).map((index) => {
            const row = pages.row(index);
            return (
              <div
                key={index}
                role="row"
                aria-rowindex={index + 2}
                className={`grid-row${index % 2 ? ' odd' : ''}`}
                style={{ transform: `translateY(${shown.offset(index)}px)`, height: ROW_HEIGHT }}
              >
                <div role="gridcell" className="grid-cell grid-number" style={{ width: NUMBER_WIDTH }}>
                  {row ? formatCellValue(row[ROW], 'BIGINT') : '…'}
                </div>
                {columns.map((column, index) => {
                  const value = row?.[column.name];
                  return (
                    <div
                      key={column.name}
                      role="gridcell"
                      className={`grid-cell${value === null ? ' null' : ''}${typeof value === 'number' ? ' numeric' : ''}`}
                      style={{ width: widths[index] }}
                    >
                      {formatCellValue(value, column.type)}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {pages.total === 0 && !pages.error ? (
        <p role="status" className="grid-empty">
          {Object.values(filters).some((text) => text.trim()) ? 'No rows match the filters.' : 'No rows.'}
        </p>
      ) : null}
      {pages.error ? (
        <p role="alert" className="grid-error">
          {pages.error}
        </p>
      ) : null}
    </div>
  );
}
