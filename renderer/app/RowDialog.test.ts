// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Engine, Row } from '../../pipelines/engine/engine';
import { RowDialog } from './RowDialog';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** An engine that knows one row of one table, with its DuckDB types, as DESCRIBE gives them. */
function oneRowEngine(row: Row, types: Record<string, string>): Engine {
  const query = async (sql: string): Promise<Row[]> =>
    sql.includes('DESCRIBE') ? Object.entries(types).map(([column_name, column_type]) => ({ column_name, column_type })) : [row];
  return {
    name: 'fake',
    runtime: 'test',
    readsFormats: new Set(),
    query,
    version: async () => '',
    run: async () => undefined,
    attachDatabase: async () => undefined,
    close: async () => undefined,
  };
}

describe('RowDialog', () => {
  let root: Root;
  let host: HTMLElement;
  beforeEach(() => {
    host = document.body.appendChild(document.createElement('div'));
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  const engine = oneRowEngine(
    { __winnow_row: 7, departed: '2001-01-14T21:45:00.000Z', day: '2001-01-14', landed: '2001-01-14T22:10:30.000Z', delay: 2.5, origin: null },
    { __winnow_row: 'BIGINT', departed: 'TIMESTAMP', day: 'DATE', landed: 'TIMESTAMP WITH TIME ZONE', delay: 'DOUBLE', origin: 'VARCHAR' },
  );
  const open = async (onClose: () => void) => {
    await act(async () => root.render(createElement(RowDialog, { engine, table: 'ws."data"', row: 7, onClose })));
  };
  const shownValues = () =>
    Object.fromEntries([...host.querySelectorAll('tr')].map((row) => [row.querySelector('th')!.textContent, row.querySelector('td')!.textContent]));

  it('shows values as the grid does: timestamps without a zone, nulls as ∅', async () => {
    await open(() => undefined);
    expect(shownValues()).toEqual({
      '⟨winnow⟩ row': '7',
      departed: '2001-01-14 21:45',
      day: '2001-01-14',
      landed: '2001-01-14 22:10:30+00:00',
      delay: '2.5',
      origin: '∅',
    });
  });

  it('takes the focus, closes on Escape, and the focus returns to what had it', async () => {
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    const onClose = vi.fn(() => root.render(null));
    await open(onClose);
    const dialog = host.querySelector('[role="dialog"]')!;
    expect(document.activeElement).toBe(dialog);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    act(() => {
      dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    expect(onClose).toHaveBeenCalledOnce();
    expect(host.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
