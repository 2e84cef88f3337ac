// @vitest-environment jsdom
import { act, createElement, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDialog } from './use-dialog';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Dialog({ label, onClose, children }: { label: string; onClose(): void; children?: ReactNode }) {
  const dialog = useDialog(onClose);
  return createElement('div', { ref: dialog, role: 'dialog', 'aria-label': label }, createElement('button', { type: 'button' }, `Inside ${label}`), children);
}

/** A page with an "Open" button that opens a dialog, which (nested) has a button opening a second one. */
function Page({ nested, onClosed }: { nested: boolean; onClosed(label: string): void }) {
  const [open, setOpen] = useState<string[]>([]);
  const close = (label: string) => () => {
    onClosed(label);
    setOpen((labels) => labels.filter((candidate) => candidate !== label));
  };
  const inner = open.includes('inner') ? createElement(Dialog, { label: 'inner', onClose: close('inner') }) : null;
  const openInner = nested ? createElement('button', { type: 'button', onClick: () => setOpen(['outer', 'inner']) }, 'Open inner') : null;
  return createElement(
    'main',
    null,
    createElement('button', { type: 'button', onClick: () => setOpen(['outer']) }, 'Open'),
    open.includes('outer') ? createElement(Dialog, { label: 'outer', onClose: close('outer') }, openInner, inner) : null,
  );
}

const press = (key: string) => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

describe('useDialog', () => {
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

  const openFrom = (nested: boolean, onClosed: (label: string) => void) => {
    act(() => root.render(createElement(Page, { nested, onClosed })));
    const opener = host.querySelector('button')!;
    opener.focus();
    act(() => opener.click());
    return opener;
  };

  it('focuses the dialog when it opens', () => {
    openFrom(false, () => undefined);
    expect(document.activeElement).toBe(host.querySelector('[aria-label="outer"]'));
    expect((document.activeElement as HTMLElement).tabIndex).toBe(-1);
  });

  it('closes on Escape and gives the focus back to what had it before', () => {
    const closed = vi.fn();
    const opener = openFrom(false, closed);
    act(() => press('Escape'));
    expect(closed).toHaveBeenCalledWith('outer');
    expect(host.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes on Escape pressed on a control inside it, and ignores other keys', () => {
    const closed = vi.fn();
    openFrom(false, closed);
    host.querySelector<HTMLButtonElement>('[aria-label="outer"] button')!.focus();
    act(() => press('Enter'));
    expect(closed).not.toHaveBeenCalled();
    act(() => press('Escape'));
    expect(closed).toHaveBeenCalledOnce();
  });

  it('keeps Escape from the rest of the app, and closes only the top dialog of two', () => {
    const closed = vi.fn();
    const appEscape = vi.fn();
    window.addEventListener('keydown', appEscape);
    try {
      openFrom(true, closed);
      const openInner = [...host.querySelectorAll('button')].find((button) => button.textContent === 'Open inner')!;
      openInner.focus();
      act(() => openInner.click());
      expect(document.activeElement).toBe(host.querySelector('[aria-label="inner"]'));
      act(() => press('Escape'));
      expect(closed.mock.calls).toEqual([['inner']]);
      expect(appEscape).not.toHaveBeenCalled();
      expect(document.activeElement).toBe(openInner);
      act(() => press('Escape'));
      expect(closed.mock.calls).toEqual([['inner'], ['outer']]);
    } finally {
      window.removeEventListener('keydown', appEscape);
    }
  });
});
