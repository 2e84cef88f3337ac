/**
 * A view's setting (the column a slice is by, the label column, the baseline's path, …) kept in
 * the document: it survives switching tabs, is saved with the project (winnow-project.json) and
 * comes back when the project is opened. Changing one is an undoable view edit, like a filter.
 */
import { useCallback } from 'react';
import { useApp } from '../state/store';

export type ViewName = 'drift' | 'slices' | 'labels';

export function useViewSetting<T>(view: ViewName, key: string, initial: T): [T, (value: T) => void] {
  const stored = useApp((state) => state.document.views[view]?.[key]) as T | undefined;
  const edit = useApp((state) => state.edit);
  const set = useCallback(
    (value: T) => edit((document) => ({ views: { ...document.views, [view]: { ...document.views[view], [key]: value } } })),
    [edit, view, key],
  );
  return [stored === undefined ? initial : stored, set];
}
