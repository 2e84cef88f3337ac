/** Save the project to a folder, or open a saved one. */
import { useState, type FormEvent } from 'react';
import { useApp, useDraft } from '../state/store';

export function ProjectPanel({ onSave, onLoad, onClose }: { onSave(folder: string): Promise<void>; onLoad(folder: string): Promise<void>; onClose(): void }) {
  const folder = useApp((state) => state.projectFolder);
  const name = useDraft().name || 'untitled';
  const [saveTo, setSaveTo] = useState(folder ?? '');
  const [openFrom, setOpenFrom] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    onSave(saveTo.trim()).then(() => setMessage(`Saved to ${saveTo.trim()}`), (error: Error) => setMessage(error.message));
  };
  const open = (event: FormEvent) => {
    event.preventDefault();
    onLoad(openFrom.trim()).then(() => setMessage(null), (error: Error) => setMessage(error.message));
  };
  return (
    <aside className="side-panel" aria-label="Project">
      <header>
        <h2>Project “{name}”</h2>
        <button type="button" onClick={onClose} aria-label="Close project panel">
          ✕
        </button>
      </header>
      <form onSubmit={save}>
        <label htmlFor="save-folder">Save to folder</label>
        <div className="row">
          <input id="save-folder" value={saveTo} onChange={(event) => setSaveTo(event.target.value)} placeholder="/home/me/projects/flights" spellCheck={false} />
          <button type="submit" disabled={!saveTo.trim()}>
            Save
          </button>
        </div>
        <p className="muted">Writes pipeline.winnow.yaml (the spec) and winnow-project.json (the view) into the folder.</p>
      </form>
      <form onSubmit={open}>
        <label htmlFor="open-folder">Open project folder</label>
        <div className="row">
          <input id="open-folder" value={openFrom} onChange={(event) => setOpenFrom(event.target.value)} spellCheck={false} />
          <button type="submit" disabled={!openFrom.trim()}>
            Open project
          </button>
        </div>
      </form>
      {message ? <p role="status">{message}</p> : null}
    </aside>
  );
}
