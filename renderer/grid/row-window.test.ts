import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, scrollHeight, scrolled, visibleRows, type RowGeometry, type RowWindowState } from './row-window';

const ROW = 28;
const start: RowWindowState = { scrollTop: 0, rowsTop: 0 };

/** The rows wholly or partly in view after scrolling to each position in turn. */
function inView(geometry: RowGeometry, ...positions: number[]) {
  let state = start;
  for (const position of positions) state = scrolled(state, position, geometry);
  const rows = visibleRows(state, geometry, 0);
  const top = state.scrollTop;
  const drawn = Array.from({ length: rows.last - rows.first + 1 }, (_, offset) => rows.first + offset);
  const visible = drawn.filter((index) => rows.offset(index) + ROW > top && rows.offset(index) < top + geometry.viewport);
  return { state, first: visible[0], last: visible.at(-1), offsets: visible.map(rows.offset) };
}

describe('the grid rows on screen', () => {
  const small: RowGeometry = { count: 20_000, rowHeight: ROW, viewport: 560 };
  const huge: RowGeometry = { count: 10_000_000, rowHeight: ROW, viewport: 560 };

  it('a table that fits scrolls as itself: row i at i * row height', () => {
    expect(scrollHeight(small)).toBe(20_000 * ROW);
    const shown = inView(small, ROW * 10_000);
    expect(shown.first).toBe(10_000);
    expect(shown.offsets[0]).toBe(10_000 * ROW);
    expect(inView(small, 0).first).toBe(0);
    expect(inView(small, 1e9).last).toBe(19_999);
  });

  it('10M rows scroll in an area a browser can scroll, and every row can be reached', () => {
    expect(scrollHeight(huge)).toBe(MAX_SCROLL_PX);
    const scrollRange = MAX_SCROLL_PX - huge.viewport;
    // Ctrl+End and a drag to the bottom: the last row, drawn inside the scrolled area at its bottom edge.
    const end = inView(huge, scrollRange);
    expect(end.last).toBe(9_999_999);
    expect(end.offsets.at(-1)! + ROW).toBe(MAX_SCROLL_PX);
    // A drag to the middle of the bar: the middle of the rows.
    const middle = inView(huge, scrollRange / 2);
    expect(Math.abs(middle.first! - 5_000_000)).toBeLessThan(20);
    // Back to the top: row 0 again, whatever came before.
    expect(inView(huge, scrollRange / 2, 0).first).toBe(0);
  });

  it('the wheel and the keys move 10M rows by as many pixels as they scroll, not by a fraction of the table', () => {
    const jumped = inView(huge, 7_000_000);
    const stepped = inView(huge, 7_000_000, 7_000_000 + 3 * ROW);
    expect(stepped.first! - jumped.first!).toBe(3);
    const paged = inView(huge, 7_000_000, 7_000_000 + huge.viewport - ROW);
    expect(paged.first! - jumped.first!).toBe(huge.viewport / ROW - 1);
    const back = inView(huge, 7_000_000, 7_000_000 + 10 * ROW, 7_000_000);
    expect(back.first).toBe(jumped.first);
    // The drawn rows sit where the scroller shows them.
    expect(stepped.offsets[0]).toBeGreaterThanOrEqual(7_000_000 + 3 * ROW - ROW);
    expect(stepped.offsets[0]).toBeLessThanOrEqual(7_000_000 + 3 * ROW + ROW);
  });

  it('draws nothing for no rows, and clamps positions past the ends', () => {
    const none = visibleRows(start, { count: 0, rowHeight: ROW, viewport: 560 }, 20);
    expect(none.last).toBeLessThan(none.first);
    expect(scrolled(start, -50, huge).rowsTop).toBe(0);
    expect(scrolled(start, 1e12, huge).rowsTop).toBe(10_000_000 * ROW - huge.viewport);
    const few = visibleRows(start, { count: 3, rowHeight: ROW, viewport: 560 }, 20);
    expect([few.first, few.last]).toEqual([0, 2]);
  });
});
