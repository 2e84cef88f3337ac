/**
 * The one protocol between the renderer and the host (Electron's main process, or the
 * browser-mode server). Every request is a string-enum type plus a typed payload and result,
 * here and nowhere else: the preload, the server's HTTP routes and the renderer's host
 * clients all speak exactly these shapes. Isomorphic: no Node or DOM imports.
 */
import type { DownloadProgress } from '../ingest/source';
import type { Manifest } from '../manifest/manifest';
import type { Profile } from '../stats/profile/types';
import type { Column } from '../table/column';
import type { S3Entry, S3Listing } from '../ingest/source';

/** The S3 browser's listing types belong to the sources; the app's messages carry them as they are. */
export type { S3Entry, S3Listing };

export type { DownloadProgress };

export enum HostRequest {
  /**
   * Opens a local file, folder, glob or http(s) URL: answers at once with its columns and first
   * rows, and reads it whole (natively, into a working set) in the background.
   */
  OpenDataset = 'openDataset',
  /** Whether an opened dataset's working set is ready. */
  DatasetStatus = 'datasetStatus',
  /** The bundled sample datasets. */
  SampleDatasets = 'sampleDatasets',
  RecentDatasets = 'recentDatasets',
  /** Lists a folder on the host (the browser-mode open dialog). */
  ListFolder = 'listFolder',
  /** A column profile computed on the full data, natively. */
  ProfileFull = 'profileFull',
  /** Starts a long job on the full data (profile or run); progress arrives by JobStatus. */
  StartJob = 'startJob',
  JobStatus = 'jobStatus',
  CancelJob = 'cancelJob',
  LoadProject = 'loadProject',
  SaveProject = 'saveProject',
  /** Crash recovery: the autosaved project, if the last session did not close cleanly. */
  ReadRecovery = 'readRecovery',
  WriteRecovery = 'writeRecovery',
  ClearRecovery = 'clearRecovery',
  Settings = 'settings',
  /** Writes the spec and a snapshot manifest pinning every input into a folder. */
  ExportPipeline = 'exportPipeline',
  /** Reads a Great Expectations suite (JSON) as a new spec, listing what did not carry over. */
  ImportGxSuite = 'importGxSuite',
  /** The spec file of a saved project, if it changed on disk since `since` (ms). */
  WatchProject = 'watchProject',
  /** A spec file's text and folder (`winnow serve --open a.winnow.yaml`), to open as a new pipeline. */
  ReadSpec = 'readSpec',
  /** "Open from S3...": the buckets, or one level of a bucket under a prefix (credentials stay on the host). */
  ListS3 = 'listS3',
}

export interface FileInfo {
  path: string;
  bytes: number;
}

export interface WorkingSet {
  /** Where the renderer fetches the working-set DuckDB database file (byte ranges allowed). */
  url: string;
  /** The table inside that file. */
  table: string;
  rows: number;
  /** True when the dataset is larger than the memory budget and this is a deterministic sample. */
  sampled: boolean;
  /** rows / full rows. */
  fraction: number;
  /**
   * The table's __winnow_row values are exactly 1..rows, stored in that order (checked when the
   * file is written): the grid reads a page of the unsorted rows by row-number range, which
   * touches only that part of the file, instead of ordering the whole row-number column.
   */
  denseRowNumbers?: boolean;
  /**
   * A deterministic sample of about LIVE_SAMPLE_ROWS of the working set's rows, in the same file,
   * when the working set has more: what the live run of the cells reads, so an edit answers within
   * a second. Absent: the live run reads the whole working set.
   */
  liveSample?: { table: string; rows: number };
  /**
   * The header sketches of what the live run reads (the live sample, else the table), drawn
   * natively by the host as it writes the file (see stats/profile/header-sketch.ts): the wasm
   * worker is then free for the first live run. A column missing here is sketched by the renderer.
   */
  sketches?: { column: string; counts: number[] }[];
}

/** Rows the live run of the cells reads at most (about); see WorkingSet.liveSample and bench/app-bench.mjs. */
export const LIVE_SAMPLE_ROWS = 100_000;

export interface DatasetHandle {
  id: string;
  /** What the person opened: a path or URL. */
  uri: string;
  name: string;
  format: string;
  files: FileInfo[];
  /** Data rows in the full dataset (parsed), and rows that could not be parsed. */
  rows: number;
  rejected: number;
  columns: Column[];
  workingSet: WorkingSet;
}

/** What opening a dataset answers at once: its columns and first rows, and the full handle once ready. */
export interface DatasetOpening {
  id: string;
  uri: string;
  name: string;
  columns: Column[];
  /** The first rows in file order (up to PREVIEW_ROWS), with __winnow_row. */
  preview: Record<string, string | number | boolean | null>[];
  /**
   * The dataset's rows when known before the whole read: a Parquet dataset's, from its footers
   * (no scan). Null while unknown, or for formats that must be read to be counted.
   */
  rows?: number | null;
  /** The dataset read whole, with its working set; null while that is still being prepared. */
  ready: DatasetHandle | null;
  /** Why reading it whole failed, when it did. */
  error?: HostError;
  /** A remote source (s3://, http(s)://) being downloaded: how far it has got. */
  download?: DownloadProgress | null;
}

export const PREVIEW_ROWS = 100;

export interface SampleDataset {
  name: string;
  description: string;
  uri: string;
  license: string;
}

/** A file dropped in browser mode, as the server stored it (`POST /upload`): the copy the app opens. */
export interface StoredUpload {
  /** Where the copy lives: the path the app opens and the spec names. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface FolderEntry {
  name: string;
  path: string;
  kind: 'file' | 'folder';
  bytes: number;
}

export type JobKind = 'profile' | 'run';

/** What each kind of job answers once done. */
export interface JobResults {
  /** The full-data profile. */
  profile: Profile;
  /** `winnow run` of the document's spec, in a folder of the host's. */
  run: { exitCode: 0 | 1 | 3; manifest?: Manifest; outDir: string };
}

export interface JobState<Kind extends JobKind = JobKind> {
  id: string;
  kind: Kind;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** 0..1 when known. */
  progress: number | null;
  message: string;
  /** Set when state is 'done'. */
  result?: JobResults[Kind];
  error?: string;
}

/** The spec's file name in a project folder (and in an exported one). */
export const PROJECT_SPEC_FILE = 'pipeline.winnow.yaml';

/** A project on disk: the spec plus the UI state, in files that diff well. */
export interface ProjectFiles {
  /** Where the project lives (a folder); the spec is `<folder>/pipeline.winnow.yaml`. */
  folder: string;
  specYaml: string;
  /** UI state (open dataset, selected column, layout) as pretty JSON. */
  uiState: unknown;
}

export interface Settings {
  /** Working-set memory budget in bytes (default 1 GB). */
  memoryBudgetBytes: number;
  /** True when the host runs inside Electron. */
  electron: boolean;
  version: string;
}

export interface Payloads {
  [HostRequest.OpenDataset]: { uri: string };
  [HostRequest.DatasetStatus]: { datasetId: string };
  [HostRequest.SampleDatasets]: Record<string, never>;
  [HostRequest.RecentDatasets]: Record<string, never>;
  [HostRequest.ListFolder]: { path?: string };
  [HostRequest.ProfileFull]: { datasetId: string; columns?: string[] };
  [HostRequest.StartJob]: { kind: JobKind; datasetId?: string; specYaml?: string };
  [HostRequest.JobStatus]: { jobId: string };
  [HostRequest.CancelJob]: { jobId: string };
  [HostRequest.LoadProject]: { folder: string };
  [HostRequest.SaveProject]: ProjectFiles;
  [HostRequest.ReadRecovery]: Record<string, never>;
  [HostRequest.WriteRecovery]: { project: Omit<ProjectFiles, 'folder'> & { folder: string | null } };
  [HostRequest.ClearRecovery]: Record<string, never>;
  [HostRequest.Settings]: Record<string, never>;
  [HostRequest.ImportGxSuite]: { path: string };
  [HostRequest.ExportPipeline]: {
    folder: string;
    specYaml: string;
    /** The folder relative source paths in the spec are relative to (the project's); null: none are. */
    baseFolder?: string | null;
    /** Copy local inputs that lie outside the folder into `<folder>/data/<source>/`. */
    copyInputs?: boolean;
    /** Freshness checks' time, passed on as `--as-of`. */
    asOf?: string | null;
  };
  [HostRequest.WatchProject]: { folder: string; since: number };
  [HostRequest.ListS3]: { bucket?: string; prefix?: string };
  [HostRequest.ReadSpec]: { path: string };
}

export interface ExportResult {
  folder: string;
  specPath: string;
  snapshotPath: string;
  /** The command that runs the exported pipeline headlessly, exactly as printed: it changes into the folder first. */
  command: string;
  /** Whether `winnow` is on this host's PATH; when not, `install` says how to put it there. */
  onPath: boolean;
  install: string;
  inputs: {
    source: string;
    /** The URI the exported spec names: relative to the folder for local inputs. */
    uri: string;
    files: number;
    bytes: number;
    /** A local input outside the export folder: the folder alone does not carry it. */
    outside: boolean;
    /** Copied into the folder by this export. */
    copied: boolean;
  }[];
}

export interface Results {
  [HostRequest.OpenDataset]: DatasetOpening;
  [HostRequest.DatasetStatus]: DatasetOpening;
  [HostRequest.SampleDatasets]: SampleDataset[];
  [HostRequest.RecentDatasets]: string[];
  [HostRequest.ListFolder]: { path: string; parent: string | null; entries: FolderEntry[] };
  [HostRequest.ProfileFull]: Profile;
  [HostRequest.StartJob]: JobState;
  [HostRequest.JobStatus]: JobState;
  [HostRequest.CancelJob]: JobState;
  [HostRequest.LoadProject]: ProjectFiles;
  [HostRequest.SaveProject]: { folder: string; savedAt: string };
  [HostRequest.ReadRecovery]: { project: Omit<ProjectFiles, 'folder'> & { folder: string | null }; savedAt: string } | null;
  [HostRequest.WriteRecovery]: { savedAt: string };
  [HostRequest.ClearRecovery]: Record<string, never>;
  [HostRequest.Settings]: Settings;
  [HostRequest.ExportPipeline]: ExportResult;
  [HostRequest.ImportGxSuite]: { specYaml: string; suite: string; expectations: number; unmapped: { name: string; reason: string }[] };
  [HostRequest.WatchProject]: { changed: false } | { changed: true; specYaml: string; modifiedAt: number };
  [HostRequest.ListS3]: S3Listing;
  /** `folder` is the spec's own, which its relative source paths are relative to. */
  [HostRequest.ReadSpec]: { path: string; folder: string; specYaml: string };
}

/** A failed request, as every transport returns it: one readable line and what to do next. */
export interface HostError {
  error: string;
  hint?: string;
}

/** The API the renderer calls, whichever shell it runs in. */
export interface HostApi {
  request<T extends HostRequest>(type: T, payload: Payloads[T]): Promise<Results[T]>;
}

/** Every request type, for validating what arrives over IPC or HTTP. */
export const hostRequestTypes: ReadonlySet<string> = new Set(Object.values(HostRequest));

/**
 * The requests the app's renderer makes: all that Electron's preload passes on and its main
 * process answers over IPC (the host answers ProfileFull only inside, through jobs). A request
 * the renderer starts making is added here, or the preload refuses it.
 */
export const rendererRequestTypes: ReadonlySet<string> = new Set(Object.values(HostRequest).filter((type) => type !== HostRequest.ProfileFull));
