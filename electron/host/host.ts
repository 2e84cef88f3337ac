/**
 * The host side of the app, shared by both shells: Electron's main process calls it over IPC,
 * the browser-mode server over HTTP. It owns file access, native DuckDB, saving and recovery.
 * The renderer never touches the file system or native DuckDB except through this.
 */
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { WinnowError } from '../../pipelines/errors';
import { importGxSuite, parseGxSuite } from '../../pipelines/gx/mapping';
import type { ResolvedSource } from '../../pipelines/ingest/ingest';
import {
  HostRequest,
  PROJECT_SPEC_FILE,
  type DatasetOpening,
  type HostError,
  type Payloads,
  type Results,
  type SampleDataset,
} from '../../pipelines/protocol/host';
import { isHttpUri } from '../../pipelines/node/sources/http-source';
import { NativeEngine } from '../../pipelines/node/engine/native-engine';
import { browseS3 } from '../../pipelines/node/sources/s3/browse-s3';
import { isS3Uri } from '../../pipelines/node/sources/s3/s3-uri';
import { TOOL_VERSION } from '../../pipelines/node/engine/version';
import { writeFileAtomic } from './atomic-write';
import { openDatasetOnHost, previewDataset, resolveDataset, type OpenedOnHost } from './datasets';
import { exportPipeline } from './export';
import { JobRunner } from './jobs';
import { readSpecFile } from './open-target';
import { parquetRowCount } from './parquet-rows';
import { absoluteUri, BadRequest, checkRequest } from './validate';

export interface HostOptions {
  /** Where recent files, recovery and working sets live. */
  dataDir: string;
  /** The repository or app folder holding examples/ (the sample datasets). */
  appDir: string;
  /** Working-set budget in bytes (default 1 GB). */
  memoryBudgetBytes?: number;
  electron?: boolean;
  /** Base folder for relative paths a person types (default: the current folder). */
  cwd?: string;
}

const RECENT_LIMIT = 12;
/** A suite larger than this is not a hand-kept list of expectations. */
const GX_SUITE_MAX_BYTES = 8 * 1024 ** 2;

export class Host {
  private engine: Promise<NativeEngine> | undefined;
  private readonly datasets = new Map<string, OpenedOnHost>();
  private readonly openings = new Map<string, DatasetOpening>();
  private readonly jobs: JobRunner;
  readonly options: Required<HostOptions>;

  constructor(options: HostOptions) {
    this.options = { memoryBudgetBytes: 1024 ** 3, electron: false, cwd: process.cwd(), ...options };
    this.jobs = new JobRunner({ dataset: (id) => this.dataset(id), nativeEngine: () => this.nativeEngine(), dataDir: this.options.dataDir });
  }

  /**
   * The native engine, created on first use. It spills to a folder of this process's own, so two
   * Winnows on one data folder never share spill files, and what a killed one left (DuckDB only
   * removes its spill on a clean exit; a large sort can leave gigabytes) is removed here.
   */
  nativeEngine(): Promise<NativeEngine> {
    this.engine ??= (async () => {
      const spill = join(this.options.dataDir, 'tmp');
      await removeDeadSpills(spill);
      return NativeEngine.create({ tempDirectory: join(spill, String(process.pid)) });
    })();
    return this.engine;
  }

  dataset(id: string): OpenedOnHost {
    const found = this.datasets.get(id);
    if (!found) throw new BadRequest(`no open dataset ${id}; open it again`);
    return found;
  }

  /** The report.html of a full-data run, for the transports to serve. */
  runReportPath(jobId: string): string {
    return join(this.options.dataDir, 'runs', jobId, 'out', 'report.html');
  }

  /** The working-set file of a dataset, for the transports to serve with byte ranges. */
  workingSetPath(id: string): string | undefined {
    return this.datasets.get(id)?.workingSetPath;
  }

  /**
   * Validates and answers one request. Errors come back as HostError values, never stacks: 400
   * with one line for a malformed request, 422 for one Winnow cannot do (a missing file, a bad
   * spec), 500 for a bug.
   */
  async handle(rawType: unknown, rawPayload: unknown): Promise<{ ok: true; result: unknown } | { ok: false; status: number; error: HostError }> {
    try {
      const { type, payload } = checkRequest(rawType, rawPayload);
      return { ok: true, result: await this.dispatch(type, payload) };
    } catch (error) {
      if (error instanceof BadRequest) return { ok: false, status: 400, error: { error: oneLine(error.message) } };
      const problem = error instanceof WinnowError ? error : fileSystemError(error);
      if (problem) return { ok: false, status: 422, error: { error: problem.oneLine(), hint: hintFor(problem) } };
      return {
        ok: false,
        status: 500,
        error: { error: oneLine((error as Error)?.message ?? String(error)), hint: 'This looks like a bug in Winnow; the server log has details.' },
      };
    }
  }

  private dispatch(type: HostRequest, payload: Payloads[HostRequest]): unknown {
    return (this.handlers[type] as (checked: Payloads[HostRequest]) => unknown)(payload);
  }

  /** What answers each request, given its checked payload; local paths are relative to the host's folder. */
  private readonly handlers: { [T in HostRequest]: (payload: Payloads[T]) => unknown } = {
    [HostRequest.OpenDataset]: ({ uri }) => this.openDataset(absoluteUri(this.options.cwd, uri)),
    [HostRequest.DatasetStatus]: ({ datasetId }) => this.datasetStatus(datasetId),
    [HostRequest.SampleDatasets]: () => this.samples(),
    [HostRequest.RecentDatasets]: () => this.recent(),
    [HostRequest.ListFolder]: ({ path }) => this.listFolder(path === undefined ? this.options.cwd : this.local(path)),
    [HostRequest.StartJob]: (payload) => this.jobs.start(payload),
    [HostRequest.JobStatus]: ({ jobId }) => this.jobs.status(jobId),
    [HostRequest.CancelJob]: ({ jobId }) => this.jobs.cancel(jobId),
    [HostRequest.ProfileFull]: ({ datasetId }) => this.jobs.profileNow(datasetId),
    [HostRequest.LoadProject]: ({ folder }) => this.loadProject(this.local(folder)),
    [HostRequest.SaveProject]: ({ folder, specYaml, uiState }) => this.saveProject(this.local(folder), specYaml, uiState),
    [HostRequest.ReadRecovery]: () => this.readRecovery(),
    [HostRequest.WriteRecovery]: ({ project }) => this.writeRecovery(project),
    [HostRequest.ClearRecovery]: async () => {
      await rm(this.recoveryPath(), { force: true });
      return {};
    },
    [HostRequest.ImportGxSuite]: ({ path }) => this.importGxSuite(this.local(path)),
    [HostRequest.ReadSpec]: async ({ path }) => {
      const file = this.local(path);
      return { path: file, folder: dirname(file), specYaml: await readSpecFile(file) };
    },
    [HostRequest.ExportPipeline]: ({ folder, specYaml, baseFolder, copyInputs, asOf }) =>
      exportPipeline(this.local(folder), specYaml, {
        baseFolder: baseFolder ? this.local(baseFolder) : this.options.cwd,
        copyInputs: copyInputs === true,
        asOf: asOf ?? null,
        appDir: this.options.appDir,
      }),
    [HostRequest.WatchProject]: ({ folder, since }) => this.watchProject(this.local(folder), since),
    [HostRequest.ListS3]: ({ bucket, prefix }) => browseS3(bucket, prefix),
    [HostRequest.Settings]: (): Results[HostRequest.Settings] => ({
      memoryBudgetBytes: this.options.memoryBudgetBytes,
      electron: this.options.electron,
      version: TOOL_VERSION,
    }),
  };

  /** A local path a person typed, absolute against the host's folder. */
  private local(path: string): string {
    return resolve(this.options.cwd, path);
  }

  /**
   * Answers with the dataset's first rows as soon as they are read, and reads it whole in the
   * background (DatasetStatus says when the working set is ready). Without a quick preview
   * (a format it cannot skim, or a file it cannot read), it answers once the full read is done,
   * so a bad file's error comes straight back.
   */
  private async openDataset(uri: string): Promise<DatasetOpening> {
    const id = randomUUID();
    const engine = await this.nativeEngine();
    const opening: DatasetOpening = { id, uri, name: basename(uri.replace(/[/\\]+$/, '')) || uri, columns: [], preview: [], ready: null, download: null };
    this.openings.set(id, opening);
    const reading = this.read(engine, opening, uri);
    // A remote source downloads first: answer at once, and DatasetStatus says how far it has got.
    if (isS3Uri(uri) || isHttpUri(uri)) {
      reading.catch(() => undefined);
      return opening;
    }
    await reading.catch((error: unknown) => {
      this.openings.delete(id);
      throw error;
    });
    return opening;
  }

  /** Fills `opening`: its files, then its first rows, then (in the background) the whole read. */
  private async read(engine: NativeEngine, opening: DatasetOpening, uri: string): Promise<void> {
    const fail = (error: unknown) => {
      opening.error =
        error instanceof WinnowError ? { error: error.oneLine(), hint: hintFor(error) } : { error: (error as Error).message.split('\n')[0] ?? String(error) };
    };
    let preview: Awaited<ReturnType<typeof previewDataset>>;
    let resolved: ResolvedSource;
    try {
      resolved = await resolveDataset(uri, (progress) => (opening.download = progress));
      opening.uri = resolved.uri;
      preview = await previewDataset(engine, resolved);
    } catch (error) {
      fail(error);
      throw error;
    }
    opening.columns = preview?.columns ?? [];
    opening.preview = (preview?.rows ?? []) as DatasetOpening['preview'];
    // A footer that cannot be read leaves the count unknown: the whole read then says why, naming the file.
    if (preview && resolved.format === 'parquet') opening.rows = await parquetRowCount(engine, resolved.files).catch(() => null);
    const full = openDatasetOnHost(engine, resolved, opening.id, {
      workingSetDir: join(this.options.dataDir, 'working-sets'),
      budgetBytes: this.options.memoryBudgetBytes,
    }).then(
      async (opened) => {
        this.datasets.set(opening.id, opened);
        opening.ready = opened.handle;
        opening.columns = opened.handle.columns;
        await this.remember(uri);
      },
      (error: Error) => {
        fail(error);
        if (!preview) throw error;
      },
    );
    // Without a quick preview (a format it cannot skim, a file it cannot read), wait for the whole read, so a bad file's error comes straight back.
    if (!preview) await full;
    else full.catch(() => undefined);
  }

  private datasetStatus(id: string): DatasetOpening {
    const opening = this.openings.get(id);
    if (!opening) throw new BadRequest(`no dataset ${id} is being opened`);
    return opening;
  }

  private samples(): SampleDataset[] {
    const examples = join(this.options.appDir, 'examples');
    return [
      {
        name: 'Flights (20,000 U.S. domestic flights, 2001)',
        description: 'Departure time, delay, distance, origin and destination of each flight.',
        uri: join(examples, 'flights', 'data', 'flights.csv'),
        license: 'BSD-3-Clause (vega-datasets)',
      },
      {
        name: 'Palmer penguins (344 penguins)',
        description: 'Species, island, beak and flipper measurements, body mass and sex; with real gaps.',
        uri: join(examples, 'penguins', 'data', 'penguins.csv'),
        license: 'BSD-3-Clause (vega-datasets)',
      },
    ];
  }

  private recentPath(): string {
    return join(this.options.dataDir, 'recent.json');
  }

  private async recent(): Promise<string[]> {
    try {
      const list = JSON.parse(await readFile(this.recentPath(), 'utf8')) as unknown;
      return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
    } catch {
      return [];
    }
  }

  private async remember(uri: string): Promise<void> {
    const list = [uri, ...(await this.recent()).filter((item) => item !== uri)].slice(0, RECENT_LIMIT);
    await mkdir(this.options.dataDir, { recursive: true });
    await writeFileAtomic(this.recentPath(), JSON.stringify(list, null, 2) + '\n');
  }

  private async listFolder(path: string): Promise<Results[HostRequest.ListFolder]> {
    const entries = await readdir(path, { withFileTypes: true }).catch(() => {
      throw new WinnowError(`cannot list the folder`, { file: path }, 'input');
    });
    const listed = await Promise.all(
      entries
        .filter((entry) => !entry.name.startsWith('.') && (entry.isDirectory() || entry.isFile()))
        .map(async (entry) => {
          const full = join(path, entry.name);
          const info = await stat(full).catch(() => undefined);
          return { name: entry.name, path: full, kind: entry.isDirectory() ? ('folder' as const) : ('file' as const), bytes: info?.size ?? 0 };
        }),
    );
    listed.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
    const parent = dirname(path);
    return { path, parent: parent === path ? null : parent, entries: listed };
  }

  private async importGxSuite(path: string): Promise<Results[HostRequest.ImportGxSuite]> {
    const info = await stat(path).catch(() => {
      throw new WinnowError('no such file', { file: path }, 'input');
    });
    if (!info.isFile() || info.size > GX_SUITE_MAX_BYTES)
      throw new WinnowError(info.isFile() ? `larger than ${GX_SUITE_MAX_BYTES / 1024 ** 2} MB: not a suite` : 'not a file', { file: path }, 'input');
    const suite = parseGxSuite(await readFile(path, 'utf8'), path);
    const imported = importGxSuite(suite);
    return { specYaml: imported.yaml, suite: suite.name, expectations: suite.expectations.length, unmapped: imported.unmapped };
  }

  private async loadProject(folder: string): Promise<Results[HostRequest.LoadProject]> {
    const specYaml = await readFile(join(folder, PROJECT_SPEC_FILE), 'utf8').catch(() => {
      throw new WinnowError(`no ${PROJECT_SPEC_FILE} in this folder`, { file: folder }, 'input');
    });
    const uiPath = join(folder, 'winnow-project.json');
    const uiText = await readFile(uiPath, 'utf8').catch(() => '{}');
    try {
      return { folder, specYaml, uiState: JSON.parse(uiText) as unknown };
    } catch {
      throw new WinnowError("the project's view settings are not JSON: fix or remove the file", { file: uiPath }, 'input');
    }
  }

  private async saveProject(folder: string, specYaml: string, uiState: unknown): Promise<Results[HostRequest.SaveProject]> {
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(join(folder, PROJECT_SPEC_FILE), specYaml);
    await writeFileAtomic(join(folder, 'winnow-project.json'), JSON.stringify(uiState ?? {}, null, 2) + '\n');
    return { folder, savedAt: new Date().toISOString() };
  }

  private async watchProject(folder: string, since: number): Promise<Results[HostRequest.WatchProject]> {
    const path = join(folder, PROJECT_SPEC_FILE);
    const info = await stat(path).catch(() => undefined);
    if (!info || info.mtimeMs <= since) return { changed: false };
    return { changed: true, specYaml: await readFile(path, 'utf8'), modifiedAt: info.mtimeMs };
  }

  private recoveryPath(): string {
    return join(this.options.dataDir, 'recovery.json');
  }

  private async readRecovery(): Promise<Results[HostRequest.ReadRecovery]> {
    try {
      return JSON.parse(await readFile(this.recoveryPath(), 'utf8')) as Results[HostRequest.ReadRecovery];
    } catch {
      return null;
    }
  }

  private async writeRecovery(project: unknown): Promise<Results[HostRequest.WriteRecovery]> {
    await mkdir(this.options.dataDir, { recursive: true });
    await writeFileAtomic(this.recoveryPath(), JSON.stringify({ project, savedAt: new Date().toISOString() }));
    return { savedAt: new Date().toISOString() };
  }

  async close(): Promise<void> {
    await this.jobs.cancelAll();
    if (this.engine) await (await this.engine).close();
  }
}

/** Removes the spill folders (named by process id) of Winnows that are no longer running. */
export async function removeDeadSpills(spill: string): Promise<void> {
  const entries = await readdir(spill, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const pid = /^\d+$/.test(entry.name) ? Number(entry.name) : undefined;
    // Loose files are from before spill folders were per process: no running Winnow writes there.
    if (pid === undefined ? entry.isFile() : !isRunning(pid)) await rm(join(spill, entry.name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a file system error code means to a person. */
const FILE_SYSTEM_PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder, not a file',
  EEXIST: 'a file of that name is in the way',
  EROFS: 'on a read-only file system',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'over the disk quota',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EINVAL: 'not a usable path',
};

/**
 * A file system error (a folder a person chose cannot be written, a path runs through a file) as
 * the input problem it is, naming the path; undefined for anything else.
 */
function fileSystemError(error: unknown): WinnowError | undefined {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  const problem = code ? FILE_SYSTEM_PROBLEMS[code] : undefined;
  return problem && typeof path === 'string' ? new WinnowError(problem, { file: oneLine(path) }, 'input') : undefined;
}

/** A message on one line, as every answer's error is shown. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim();
}

/** What to do next, for the errors a person can act on. */
function hintFor(error: WinnowError): string | undefined {
  // S3 errors say what to do in their own line; the hint says where settings live.
  if (error.kind === 'input' && error.place.file?.startsWith('s3://')) {
    return 'S3 credentials, region and endpoint come from the AWS settings of the machine running Winnow (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ~/.aws).';
  }
  if (error.kind === 'input' && /^https?:\/\//i.test(error.place.file ?? '')) {
    return 'http(s) files are fetched by the machine running Winnow: check the URL, and that this machine can reach the server.';
  }
  if (error.kind === 'input') return 'Check that the file exists, is readable and is in a supported format (CSV, TSV, JSON, NDJSON, Parquet, Arrow IPC).';
  if (error.kind === 'spec') return 'Fix the field named in the message; the spec reference is in the README.';
  return undefined;
}

export function defaultDataDir(): string {
  return process.env.WINNOW_DATA_DIR ?? resolve(process.env.XDG_DATA_HOME ?? join(process.env.HOME ?? '.', '.local', 'share'), 'winnow');
}
