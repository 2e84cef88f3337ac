/** "Export pipeline": the spec and a snapshot manifest into a folder, and the command that runs them headlessly. */
import { useState, type FormEvent } from 'react';
import { HostRequest, type ExportResult } from '../../pipelines/protocol/host';
import { specToYaml } from '../../pipelines/spec/write';
import { documentSpec } from '../app/project';
import { host, HostRequestError } from '../host/client';
import { useApp } from '../state/store';

export function ExportPanel({ onClose }: { onClose(): void }) {
  const document = useApp((state) => state.document);
  const projectFolder = useApp((state) => state.projectFolder);
  const [folder, setFolder] = useState(projectFolder ? `${projectFolder}/export` : '');
  const [result, setResult] = useState<ExportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    host
      .request(HostRequest.ExportPipeline, { folder: folder.trim(), specYaml: specToYaml(documentSpec(document)) })
      .then(setResult, (error: Error) => setProblem(error instanceof HostRequestError && error.hint ? `${error.message} ${error.hint}` : error.message))
      .finally(() => setBusy(false));
  };
  return (
    <aside className="side-panel" aria-label="Export pipeline">
      <header>
        <h2>Export pipeline</h2>
        <button type="button" onClick={onClose} aria-label="Close export">
          ✕
        </button>
      </header>
      <p className="muted">Writes the spec (pipeline.winnow.yaml) and a snapshot manifest (snapshot.json) that pins every input file by size and sha256.</p>
      <form onSubmit={submit}>
        <label htmlFor="export-folder">Folder</label>
        <div className="row">
          <input id="export-folder" value={folder} onChange={(event) => setFolder(event.target.value)} placeholder="/home/me/pipelines/flights" spellCheck={false} />
          <button type="submit" className="primary" disabled={!folder.trim() || busy}>
            Export
          </button>
        </div>
      </form>
      {problem ? <p role="alert">{problem}</p> : null}
      {result ? (
        <section aria-label="Export result">
          <p role="status">Exported to {result.folder}.</p>
          <ul>
            {result.inputs.map((input) => (
              <li key={input.source}>
                {input.source}: {input.files} file(s), {input.bytes.toLocaleString()} bytes pinned
              </li>
            ))}
          </ul>
          <label htmlFor="export-command">Run it headlessly, from that folder:</label>
          <input id="export-command" readOnly value={result.command} className="code" onFocus={(event) => event.target.select()} />
        </section>
      ) : null}
    </aside>
  );
}
