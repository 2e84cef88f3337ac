/**
 * A reload is not a crash: when the page goes away on purpose (reload, navigation), the open
 * document, its project folder and dataset are kept in the tab's sessionStorage, and the next
 * start restores them as they were, without the "did not close cleanly" question. A crash
 * leaves no such record, and the autosaved recovery file is offered as before.
 */
import type { ProjectFiles } from '../../pipelines/protocol/host';
import { useApp } from '../state/store';
import { projectFiles } from './project';

const KEY = 'winnow.session';

export interface Session {
  project: Omit<ProjectFiles, 'folder'> & { folder: string | null };
  dirty: boolean;
  /** The dataset that was open (as the host named it). */
  dataset: string | null;
  view: 'data' | 'drift' | 'slices' | 'labels';
}

export function saveSession(): void {
  const { document, projectFolder, dirty, dataset, view } = useApp.getState();
  const session: Session = { project: { folder: projectFolder, ...projectFiles(document) }, dirty, dataset: dataset?.uri ?? null, view };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // storage full or disabled: the recovery file still holds the work
  }
}

/** The session a reload left, once: it is removed as it is read. */
export function takeSession(): Session | null {
  try {
    const text = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return text ? (JSON.parse(text) as Session) : null;
  } catch {
    return null;
  }
}
