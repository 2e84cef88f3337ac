/**
 * Which rows of the grid are on screen, and where each is drawn, for any number of rows.
 *
 * A browser cannot scroll an element taller than about 33M px (Chromium; Firefox about 17.9M),
 * and 10M rows of 28 px are 280M px: past about a million rows the rest could not be reached.
 * So the scrolled area is at most MAX_SCROLL_PX tall, and a scroll position maps to a position
 * among the rows: a jump (dragging the scroll bar, Ctrl+End) goes to the same fraction of the
 * rows, and a step (the wheel, the arrow keys, a page) moves the rows by exactly as many pixels
 * as the scroll, as it does for a table that fits. Up to MAX_SCROLL_PX of rows, position and
 * scroll are the same. Nothing here measures rows or walks them: @tanstack/react-virtual built
 * an entry per row, 0.5 s of the main thread for 10M rows each time the count changed.
 */
export const MAX_SCROLL_PX = 15_000_000;

export interface RowWindowState {
  /** The scroll position last seen. */
  scrollTop: number;
  /** Where the rows' top edge is, in rows' pixels (row i starts at i * rowHeight). */
  rowsTop: number;
}

export interface RowGeometry {
  count: number;
  rowHeight: number;
  /** The scroller's visible height. */
  viewport: number;
}

/** How tall the scrolled area is. */
export function scrollHeight({ count, rowHeight }: RowGeometry): number {
  return Math.min(count * rowHeight, MAX_SCROLL_PX);
}

/** The rows' position for a new scroll position, from the one before. */
export function scrolled(previous: RowWindowState, scrollTop: number, geometry: RowGeometry): RowWindowState {
  const { count, rowHeight, viewport } = geometry;
  const rowsRange = Math.max(0, count * rowHeight - viewport);
  const scrollRange = Math.max(0, scrollHeight(geometry) - viewport);
  const top = Math.min(Math.max(0, scrollTop), scrollRange);
  if (rowsRange <= scrollRange) return { scrollTop: top, rowsTop: top };
  // The ends of the scroll bar are the ends of the rows, whatever came before.
  if (top <= 0) return { scrollTop: top, rowsTop: 0 };
  if (top >= scrollRange) return { scrollTop: top, rowsTop: rowsRange };
  const delta = top - previous.scrollTop;
  if (Math.abs(delta) <= 2 * Math.max(viewport, rowHeight)) {
    return { scrollTop: top, rowsTop: Math.min(Math.max(0, previous.rowsTop + delta), rowsRange) };
  }
  return { scrollTop: top, rowsTop: (top / scrollRange) * rowsRange };
}

/** The rows to draw (with `overscan` more on each side) and each one's offset in the scrolled area. */
export function visibleRows(state: RowWindowState, geometry: RowGeometry, overscan: number): { first: number; last: number; offset(index: number): number } {
  const { count, rowHeight, viewport } = geometry;
  if (count === 0) return { first: 0, last: -1, offset: () => 0 };
  const first = Math.max(0, Math.floor(state.rowsTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((state.rowsTop + viewport) / rowHeight) + overscan);
  return { first, last, offset: (index) => state.scrollTop + index * rowHeight - state.rowsTop };
}
