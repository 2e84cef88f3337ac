/**
 * What every modal dialog does with the keyboard: it takes the focus when it opens, Escape closes
 * it, and the focus goes back to where it was (the button that opened it) when it closes.
 *
 * @example
 * const dialog = useDialog(onClose);
 * return <div ref={dialog} role="dialog" aria-modal="true" tabIndex={-1}>…</div>;
 */
import { useEffect, useRef, type RefObject } from 'react';

/**
 * Returns the ref to put on the dialog's element. Escape is handled on that element and goes no
 * further, so the app's own Escape (closing the side panel) does not fire too, and in a dialog
 * over a dialog only the top one closes. The element is made focusable (tabIndex -1) if it is not.
 */
export function useDialog<Element extends HTMLElement = HTMLDivElement>(onClose: () => void): RefObject<Element | null> {
  const dialog = useRef<Element>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = element.ownerDocument.activeElement;
    if (!element.hasAttribute('tabindex')) element.tabIndex = -1;
    if (!element.contains(opener)) element.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      event.stopPropagation();
      close.current();
    };
    element.addEventListener('keydown', onKeyDown);
    return () => {
      element.removeEventListener('keydown', onKeyDown);
      // The opener may be gone (its panel closed meanwhile): then the focus stays where it falls.
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  return dialog;
}
