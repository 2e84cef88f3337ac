/**
 * "Export pipeline": the spec and a snapshot manifest into a folder, and the command that runs
 * them headlessly, exactly as printed. Before exporting it says what the run would miss (split
 * parts no output takes); after, which inputs the folder does not carry, with an offer to copy
 * them in.
 */
import { useState, type FormEvent } from 'react';
import { HostRequest, type ExportResult } from '../../pipelines/protocol/host';
import { host, HostRequestError } from '../host/client';
import { useApp, useDraft } from '../state/store';
import { unreachedParts } from './SpecPanel';

export function ExportPanel({ onClose }: { onClose(): void }) {
  const specYaml = useApp((state) => state.document.specYaml);
  const asOf = useApp((state) => state.document.asOf);
  const projectFolder = useApp((state) => state.projectFolder);
  const showPanel = useApp((state) => state.showPanel);
  const draft = useDraft();
  const [folder, setFolder] = useState(projectFolder ? `${projectFolder}/export` : '');
  const [copyInputs, setCopyInputs] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const outputs = draft.outputs ?? [];
  const unreached = unreachedParts(draft);

  const exportTo = (copy: boolean) => {
    setBusy(true);
    setProblem(null);
    host
      // The as-of typed here is local time; the command carries it in UTC, so every host reads the same instant.
      .request(HostRequest.ExportPipeline, {
        folder: folder.trim(),
        specYaml,
        baseFolder: projectFolder,
        copyInputs: copy,
        asOf: asOf ? new Date(asOf).toISOString() : null,
      })
      .then(setResult, (error: Error) => {
        setResult(null);
        setProblem(error instanceof HostRequestError && error.hint ? `${error.message} ${error.hint}` : error.message);
      })
      .finally(() => setBusy(false));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    exportTo(copyInputs);
  };
  const outside = result?.inputs.filter((input) => input.outside) ?? [];
  return (
    <aside className="side-panel" aria-label="Export pipeline">
      <header>
        <h2>Export pipeline</h2>
        <button type="button" onClick={onClose} aria-label="Close export">
          ✕
        </button>
      </header>
      <p className="muted">
        Writes the spec (pipeline.winnow.yaml), with local inputs named relative to the folder, and a snapshot manifest (snapshot.json) that pins every input
        file by size and sha256.
      </p>
      {unreached.length ? (
        <p className="warning" role="alert" aria-label="Export warning">
          No output takes {unreached.join(', ')}: a headless run would write none of {unreached.length === 1 ? 'its' : 'their'} rows.{' '}
          <button type="button" className="link" onClick={() => showPanel('spec')}>
            Add outputs
          </button>
        </p>
      ) : null}
      {outputs.length === 0 && unreached.length === 0 ? (
        <p className="muted">The spec declares no outputs: a run checks the data and writes the manifest, rejects and report only.</p>
      ) : null}
      <form onSubmit={submit}>
        <label htmlFor="export-folder">Folder</label>
        <div className="row">
          <input
            id="export-folder"
            value={folder}
            onChange={(event) => setFolder(event.target.value)}
            placeholder="/home/me/pipelines/flights"
            spellCheck={false}
          />
          <button type="submit" className="primary" disabled={!folder.trim() || busy}>
            Export
          </button>
        </div>
        <label className="inline">
          <input type="checkbox" checked={copyInputs} onChange={(event) => setCopyInputs(event.target.checked)} /> Copy local inputs into the folder (data/)
        </label>
      </form>
      {problem ? <p role="alert">{problem}</p> : null}
      {result ? (
        <section aria-label="Export result">
          <p role="status">Exported to {result.folder}.</p>
          <ul>
            {result.inputs.map((input) => (
              <li key={input.source}>
                {input.source}: <code>{input.uri}</code> · {input.files} file(s), {input.bytes.toLocaleString()} bytes pinned
                {input.copied ? ' · copied in' : ''}
              </li>
            ))}
          </ul>
          {outside.length ? (
            <div className="warning" role="alert" aria-label="Inputs outside the folder">
              <p>
                {outside.map((input) => input.source).join(', ')} lie{outside.length === 1 ? 's' : ''} outside the export folder: the spec names{' '}
                {outside.length === 1 ? 'it' : 'them'} by a path relative to the folder, which another machine will not have.
              </p>
              <button type="button" disabled={busy} onClick={() => exportTo(true)}>
                Copy {outside.length === 1 ? 'it' : 'them'} in and export again
              </button>
            </div>
          ) : null}
          <label htmlFor="export-command">Run it headlessly (on a machine where Winnow is installed):</label>
          <div className="row">
            <textarea
              id="export-command"
              readOnly
              rows={Math.min(4, Math.ceil(result.command.length / 48))}
              value={result.command}
              className="code command"
              onFocus={(event) => event.target.select()}
            />
            <button type="button" onClick={() => void navigator.clipboard?.writeText(result.command).catch(() => undefined)} aria-label="Copy command">
              Copy
            </button>
          </div>
          <p className="muted">
            Then <code>winnow verify out/manifest.json</code> re-hashes every output against the manifest.
            {result.onPath ? null : (
              <>
                {' '}
                <code>winnow</code> is not on this machine’s PATH: install it with <code>{result.install}</code>.
              </>
            )}
          </p>
        </section>
      ) : null}
    </aside>
  );
}
