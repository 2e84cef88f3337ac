/** What a person sees before a dataset is open: the sample, recent files, a path or URL, a drop zone, a folder browser. */
import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { HostRequest, type FolderEntry, type SampleDataset } from '../../pipelines/protocol/host';
import { S3Browser } from '../components/S3Browser';
import { droppedFilePath, host } from '../host/client';
import { useApp } from '../state/store';

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function Landing({ onOpen }: { onOpen(uri: string): void }) {
  const [samples, setSamples] = useState<SampleDataset[]>([]);
  const [recent, setRecent] = useState<string[]>([]);
  const [path, setPath] = useState('');
  const [folder, setFolder] = useState<{ path: string; parent: string | null; entries: FolderEntry[] } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [browsingS3, setBrowsingS3] = useState(false);
  const opening = useApp((state) => state.opening);
  const set = useApp((state) => state.set);

  useEffect(() => {
    host.request(HostRequest.SampleDatasets, {}).then(setSamples, () => setSamples([]));
    host.request(HostRequest.RecentDatasets, {}).then(setRecent, () => setRecent([]));
  }, []);

  const browse = (target?: string) =>
    host.request(HostRequest.ListFolder, target ? { path: target } : {}).then(setFolder, (error: Error) => set({ problem: { message: error.message } }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) onOpen(path.trim());
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (!file) return;
    const local = droppedFilePath(file);
    if (local) onOpen(local);
    else set({ problem: { message: `Winnow in a browser cannot see where “${file.name}” lives on disk.`, hint: 'Type its path below, or pick it with “Browse files…”.' } });
  };

  return (
    <main
      className={`landing${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
      aria-busy={Boolean(opening)}
    >
      <section className="landing-card">
        <h1>Open a dataset</h1>
        <p className="muted">CSV, TSV, JSON, NDJSON or Parquet — a file, a folder of partitions, a glob, an http(s) URL or an s3:// URI. Drop a file anywhere on this page.</p>
        {samples.length > 0 ? (
          <div className="samples">
            {samples.map((sample, index) => (
              <button key={sample.uri} type="button" className={index === 0 ? 'primary' : ''} onClick={() => onOpen(sample.uri)} aria-label={index === 0 ? 'Open sample dataset' : `Open sample ${sample.name}`}>
                <strong>{index === 0 ? 'Open sample dataset' : sample.name}</strong>
                <span>{index === 0 ? `${sample.name}. ${sample.description}` : sample.description}</span>
              </button>
            ))}
          </div>
        ) : null}
        <form className="open-path" onSubmit={submit}>
          <label htmlFor="open-path">Path or URL</label>
          <div className="row">
            <input id="open-path" value={path} onChange={(event) => setPath(event.target.value)} placeholder="/data/flights/*.parquet or https://…" spellCheck={false} />
            <button type="submit" disabled={!path.trim() || Boolean(opening)}>
              Open
            </button>
            <button type="button" onClick={() => browse(folder?.path)}>
              Browse files…
            </button>
            <button type="button" onClick={() => setBrowsingS3(true)}>
              Open from S3…
            </button>
          </div>
        </form>
        {opening ? (
          <p role="status" className="opening">
            Reading {opening}…
          </p>
        ) : null}
        {folder ? (
          <nav className="folder" aria-label="Files">
            <div className="folder-path">
              <button type="button" disabled={!folder.parent} onClick={() => folder.parent && browse(folder.parent)} aria-label="Parent folder">
                ↑
              </button>
              <code>{folder.path}</code>
              <button type="button" onClick={() => onOpen(folder.path)} aria-label="Open this folder as a dataset">
                Open folder
              </button>
            </div>
            <ul>
              {folder.entries.map((entry) => (
                <li key={entry.path}>
                  <button type="button" onClick={() => (entry.kind === 'folder' ? browse(entry.path) : onOpen(entry.path))}>
                    <span aria-hidden="true">{entry.kind === 'folder' ? '📁' : '📄'}</span> {entry.name}
                    {entry.kind === 'file' ? <span className="muted"> {formatBytes(entry.bytes)}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {browsingS3 ? <S3Browser onOpen={onOpen} /> : null}
        {recent.length > 0 ? (
          <section aria-label="Recent datasets">
            <h2>Recent</h2>
            <ul className="recent">
              {recent.map((uri) => (
                <li key={uri}>
                  <button type="button" onClick={() => onOpen(uri)} title={uri}>
                    {uri}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </section>
    </main>
  );
}
