/**
 * What a person sees before a dataset is open: the sample, recent files, a path or URL, a drop
 * zone, a folder browser, an S3 browser. An error opening a dataset shows beside the place it
 * was picked, which keeps what was typed or browsed so the person can fix it and try again.
 * In browser mode a dropped file is first copied to the server, which is the only way a page
 * can hand the host a file it cannot name.
 */
import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { HostRequest, type FolderEntry, type SampleDataset } from '../../pipelines/protocol/host';
import { EntryLabel, formatBytes } from '../components/EntryLabel';
import { InlineProblem } from '../components/InlineProblem';
import { S3Browser } from '../components/S3Browser';
import { droppedFilePath, host, HostRequestError, uploadFile, uploadsDroppedFiles } from '../host/client';
import { useApp, type DatasetPicker } from '../state/store';

export interface LandingProps {
  onOpen(uri: string, pickedIn: DatasetPicker): void;
  /** Hidden, not unmounted, while a dataset's first rows show: an error brings it back as it was. */
  hidden?: boolean;
}

export function Landing({ onOpen, hidden = false }: LandingProps) {
  const [samples, setSamples] = useState<SampleDataset[]>([]);
  const [recent, setRecent] = useState<string[]>([]);
  const [path, setPath] = useState('');
  const [folder, setFolder] = useState<{ path: string; parent: string | null; entries: FolderEntry[] } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [browsingS3, setBrowsingS3] = useState(false);
  /** A dropped file being copied to the server (browser mode), with the fraction sent. */
  const [copying, setCopying] = useState<{ name: string; fraction: number } | null>(null);
  const opening = useApp((state) => state.opening);
  const download = useApp((state) => state.download);
  const problem = useApp((state) => state.problem);
  const report = useApp((state) => state.report);
  const problemIn = (picker: DatasetPicker) => (problem?.pickedIn === picker ? problem : null);
  const clearProblemIn = (picker: DatasetPicker) => {
    if (useApp.getState().problem?.pickedIn === picker) report(null);
  };
  const pathProblem = problemIn('path');

  useEffect(() => {
    host.request(HostRequest.SampleDatasets, {}).then(setSamples, () => setSamples([]));
    host.request(HostRequest.RecentDatasets, {}).then(setRecent, () => setRecent([]));
  }, []);

  const browse = (target?: string) => {
    clearProblemIn('files');
    host.request(HostRequest.ListFolder, target ? { path: target } : {}).then(setFolder, (error: Error) => report({ message: error.message }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) onOpen(path.trim(), 'path');
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (!file || copying) return;
    const local = droppedFilePath(file);
    if (local) {
      onOpen(local, 'path');
      return;
    }
    clearProblemIn('drop');
    if (!uploadsDroppedFiles) {
      // Electron gives no path for a file that is not on disk (one dragged from a web page).
      report({
        message: `Winnow cannot see where “${file.name}” lives on disk.`,
        hint: 'Save it to a folder first, then drop it or type its path below.',
        pickedIn: 'drop',
      });
      return;
    }
    // A browser cannot say where the file lives: the server keeps a copy, which opens like any path.
    setCopying({ name: file.name, fraction: 0 });
    uploadFile(file, (fraction) => setCopying({ name: file.name, fraction })).then(
      (uploaded) => {
        setCopying(null);
        onOpen(uploaded.path, 'drop');
      },
      (error: Error) => {
        setCopying(null);
        report({ message: error.message, hint: error instanceof HostRequestError ? error.hint : undefined, pickedIn: 'drop' });
      },
    );
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
      hidden={hidden}
    >
      <section className="landing-card">
        <h1>Open a dataset</h1>
        <p className="muted">
          CSV, TSV, JSON, NDJSON, Parquet or Arrow IPC — a file, a folder of partitions, a glob, an http(s) URL or an s3:// URI. Drop a file anywhere on this
          page.
        </p>
        {copying ? (
          <div className="copying">
            <p role="status" className="opening">
              Copying {copying.name} into Winnow… {Math.floor(copying.fraction * 100)}%
            </p>
            <progress max={1} value={copying.fraction} aria-label={`Copying ${copying.name}`} />
            <p className="muted">
              In a browser, Winnow cannot read a dropped file where it is, so it copies it into its data folder; the spec will name that copy.
            </p>
          </div>
        ) : null}
        <InlineProblem problem={problemIn('drop')} />
        {samples.length > 0 ? (
          <div className="samples">
            {samples.map((sample, index) => (
              <button
                key={sample.uri}
                type="button"
                className={index === 0 ? 'primary' : ''}
                onClick={() => onOpen(sample.uri, 'samples')}
                aria-label={index === 0 ? 'Open sample dataset' : `Open sample ${sample.name}`}
              >
                <strong>{index === 0 ? 'Open sample dataset' : sample.name}</strong>
                <span>{index === 0 ? `${sample.name}. ${sample.description}` : sample.description}</span>
              </button>
            ))}
          </div>
        ) : null}
        <InlineProblem problem={problemIn('samples')} />
        <form className="open-path" onSubmit={submit}>
          <label htmlFor="open-path">Path or URL</label>
          <div className="row">
            <input
              id="open-path"
              value={path}
              onChange={(event) => setPath(event.target.value)}
              placeholder="/data/flights/*.parquet, https://… or s3://bucket/prefix/"
              spellCheck={false}
              aria-invalid={Boolean(pathProblem)}
              aria-describedby={pathProblem ? 'open-path-problem' : undefined}
            />
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
          <InlineProblem problem={pathProblem} id="open-path-problem" />
        </form>
        {opening ? (
          <p role="status" className="opening">
            {download && download.objectsDone < download.objects
              ? `Downloading ${opening}: ${download.objects === 1 ? '' : `${download.objectsDone} of ${download.objects} objects, `}${formatBytes(download.bytesDone)} of ${formatBytes(download.bytes)}…`
              : `Reading ${opening}…`}
          </p>
        ) : null}
        {opening && download && download.objectsDone < download.objects ? (
          <progress className="download-progress" max={Math.max(1, download.bytes)} value={download.bytesDone} aria-label="Download progress" />
        ) : null}
        {folder ? (
          <nav className="folder" aria-label="Files">
            <div className="folder-path">
              <button type="button" disabled={!folder.parent} onClick={() => folder.parent && browse(folder.parent)} aria-label="Parent folder">
                ↑
              </button>
              <code>{folder.path}</code>
              <button type="button" onClick={() => onOpen(folder.path, 'files')} aria-label="Open this folder as a dataset">
                Open folder
              </button>
            </div>
            <InlineProblem problem={problemIn('files')} />
            <ul>
              {folder.entries.map((entry) => (
                <li key={entry.path}>
                  <button type="button" onClick={() => (entry.kind === 'folder' ? browse(entry.path) : onOpen(entry.path, 'files'))}>
                    <EntryLabel kind={entry.kind} name={entry.name} bytes={entry.bytes} />
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {browsingS3 ? <S3Browser onOpen={(uri) => onOpen(uri, 's3')} openProblem={problemIn('s3')} onClearOpenProblem={() => clearProblemIn('s3')} /> : null}
        {recent.length > 0 ? (
          <section aria-label="Recent datasets">
            <h2>Recent</h2>
            <InlineProblem problem={problemIn('recent')} />
            <ul className="recent">
              {recent.map((uri) => (
                <li key={uri}>
                  <button type="button" onClick={() => onOpen(uri, 'recent')} title={uri}>
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
