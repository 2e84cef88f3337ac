/** The keyboard shortcuts, in one list: the help panel shows it, the app binds it. */
export type Action = 'open' | 'save' | 'undo' | 'redo' | 'help' | 'close' | 'theme';

export interface Shortcut {
  keys: string;
  action: string;
  id: Action;
  matches(event: KeyboardEvent): boolean;
}

const mod = (event: KeyboardEvent) => event.ctrlKey || event.metaKey;

export const shortcuts: Shortcut[] = [
  { keys: 'Ctrl+O', action: 'Open a dataset', id: 'open', matches: (event) => mod(event) && !event.shiftKey && event.key.toLowerCase() === 'o' },
  { keys: 'Ctrl+S', action: 'Save the project', id: 'save', matches: (event) => mod(event) && !event.shiftKey && event.key.toLowerCase() === 's' },
  { keys: 'Ctrl+Z', action: 'Undo', id: 'undo', matches: (event) => mod(event) && !event.shiftKey && event.key.toLowerCase() === 'z' },
  {
    keys: 'Ctrl+Shift+Z / Ctrl+Y',
    action: 'Redo',
    id: 'redo',
    matches: (event) => mod(event) && ((event.shiftKey && event.key.toLowerCase() === 'z') || event.key.toLowerCase() === 'y'),
  },
  { keys: 'F1 or ?', action: 'Show this help', id: 'help', matches: (event) => event.key === 'F1' || (event.key === '?' && !isTyping(event)) },
  {
    keys: 'Ctrl+Shift+L',
    action: 'Switch light / dark theme',
    id: 'theme',
    matches: (event) => mod(event) && event.shiftKey && event.key.toLowerCase() === 'l',
  },
  { keys: 'Esc', action: 'Close the side panel', id: 'close', matches: (event) => event.key === 'Escape' },
];

function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return Boolean(target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable));
}

/** Undo and redo inside a text box belong to the text box. */
export function belongsToTextBox(event: KeyboardEvent, action: Action): boolean {
  return (action === 'undo' || action === 'redo') && isTyping(event);
}
