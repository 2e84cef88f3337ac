/** Save the project to a folder, or open a saved one. */
import { useState, type FormEvent } from 'react';
import { HostRequest } from '../../pipelines/protocol/host';
import { host } from '../host/client';
import { readDraft, writeDraft } from '../state/spec-draft';
import { emptyDocument, useApp, useDraft } from '../state/store';

/**
 * A Great Expectations suite as a new pipeline over the open dataset (or a placeholder source).
 * Returns what did not carry over, for the panel to list.
 */
async function importSuite(path: string): Promise<{ message: string; unmapped: { name: string; reason: string }[] }> {
  const imported = await host.request(HostRequest.ImportGxSuite, { path });
  const dataset = useApp.getState().dataset;
  const specYaml = dataset ? writeDraft(imported.specYaml, { ...readDraft(imported.specYaml), sources: { data: { uri: dataset.uri } } }) : imported.specYaml;
  useApp.getState().loadDocument({ ...emptyDocument, specYaml }, { folder: null, dirty: true });
  const steps = readDraft(specYaml).steps.length;
  return {
    message: `Imported ${steps} step(s) from ${imported.expectations} expectation(s) of “${imported.suite}”${dataset ? ` over ${dataset.name}` : ''}.`,
    unmapped: imported.unmapped,
  };
}

export function ProjectPanel({ onSave, onLoad, onClose }: { onSave(folder: string): Promise<void>; onLoad(folder: string): Promise<void>; onClose(): void }) {
  const folder = useApp((state) => state.projectFolder);
  const name = useDraft().name || 'untitled';
  const [saveTo, setSaveTo] = useState(folder ?? '');
  const [openFrom, setOpenFrom] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [suitePath, setSuitePath] = useState('');
  const [unmapped, setUnmapped] = useState<{ name: string; reason: string }[]>([]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    onSave(saveTo.trim()).then(
      () => setMessage(`Saved to ${saveTo.trim()}`),
      (error: Error) => setMessage(error.message),
    );
  };
  const open = (event: FormEvent) => {
    event.preventDefault();
    onLoad(openFrom.trim()).then(
      () => setMessage(null),
      (error: Error) => setMessage(error.message),
    );
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
          <input
            id="save-folder"
            value={saveTo}
            onChange={(event) => setSaveTo(event.target.value)}
            placeholder="/home/me/projects/flights"
            spellCheck={false}
          />
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
      <form
        onSubmit={(event) => {
          event.preventDefault();
          importSuite(suitePath.trim()).then(
            (result) => {
              setMessage(result.message);
              setUnmapped(result.unmapped);
            },
            (error: Error) => setMessage(error.message),
          );
        }}
      >
        <label htmlFor="gx-suite">Import a Great Expectations suite as a new pipeline</label>
        <div className="row">
          <input
            id="gx-suite"
            value={suitePath}
            onChange={(event) => setSuitePath(event.target.value)}
            placeholder="/home/me/gx/expectations/orders.json"
            spellCheck={false}
          />
          <button type="submit" disabled={!suitePath.trim()}>
            Import
          </button>
        </div>
        <p className="muted">Each expectation Winnow has a check for becomes a cell over the open dataset; docs/gx.md has the mapping.</p>
      </form>
      {message ? <p role="status">{message}</p> : null}
      {unmapped.length ? (
        <ul aria-label="Expectations not carried over">
          {unmapped.map((entry, index) => (
            <li key={index}>
              <code>{entry.name}</code>: {entry.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
