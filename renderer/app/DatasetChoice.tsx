/**
 * A dataset picked while a pipeline is open: nothing changes, on screen or on disk, until the
 * person says what it is for: this pipeline's input (its steps run again on it, and the cells
 * show which break) or a new pipeline of its own.
 */
import { useEffect, useRef } from 'react';
import { useDialog } from '../components/use-dialog';
import type { BrowserEngine } from '../engine/browser-engine';
import { readDraft } from '../state/spec-draft';
import { useApp, type PendingDataset } from '../state/store';
import { openDataset } from './open-dataset';
import { documentDataset } from './project';

export function DatasetChoice({ engine, pending }: { engine: BrowserEngine; pending: PendingDataset }) {
  const document = useApp((state) => state.document);
  const folder = useApp((state) => state.projectFolder);
  const hasDataset = useApp((state) => state.dataset !== null);
  const draft = readDraft(document.specYaml);
  const first = useRef<HTMLButtonElement>(null);
  const choose = (use: 'input' | 'new') => void openDataset(engine, pending.uri, { pickedIn: pending.pickedIn, use });
  const cancel = () => {
    useApp.getState().askWhatFor(null);
    // The landing was showing: go back to the pipeline's own dataset.
    const own = documentDataset(document, folder);
    if (!hasDataset && own) void openDataset(engine, own, { record: false });
  };
  const dialog = useDialog(cancel);
  useEffect(() => first.current?.focus(), []);
  const steps = draft.steps.length;
  return (
    <div className="dialog-backdrop">
      <div ref={dialog} tabIndex={-1} className="dialog choice-dialog" role="dialog" aria-modal="true" aria-label="Use the dataset for">
        <header>
          <h2>Open {pending.uri.split(/[/\\]/).pop()}</h2>
        </header>
        <p>
          Pipeline “{draft.name || 'untitled'}” is open{folder ? ` (saved in ${folder})` : ''}, with {steps} step{steps === 1 ? '' : 's'}. What is this dataset
          for?
        </p>
        <div className="choices">
          <button ref={first} type="button" className="primary" onClick={() => choose('input')}>
            Use as this pipeline’s input
          </button>
          <span className="muted">The spec reads the new file; every step runs again on it, and the cells show any that break.</span>
          <button type="button" onClick={() => choose('new')}>
            Start a new pipeline
          </button>
          <span className="muted">{folder ? 'The saved project stays as it is on disk.' : 'The current pipeline is closed; undo does not bring it back.'}</span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
