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
import { HostRequest, type DatasetOpening, type HostError, type Payloads, type Results, type SampleDataset } from '../../pipelines/protocol/host';
import { isHttpUri } from '../../pipelines/runner/http-source';
import { NativeEngine } from '../../pipelines/runner/native-engine';
import { browseS3 } from '../../pipelines/runner/s3/browse-s3';
import { isS3Uri } from '../../pipelines/runner/s3/s3-uri';
import { TOOL_VERSION } from '../../pipelines/runner/version';
import { writeFileAtomic } from './atomic-write';
import { openDatasetOnHost, previewDataset, resolveDataset, type OpenedOnHost } from './datasets';
import { exportPipeline } from './export';
import { JobRunner } from './jobs';
import { BadRequest, payloadObject, pathOrUrl, requestType, string } from './validate';

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

/** A project folder, which is never a URL. */
function localFolder(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw new BadRequest('"baseFolder" must be a local folder');
  return path;
}

/** An as-of time as the runner's --as-of reads it (a date, or a date and time); anything else is refused. */
function asOfText(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new BadRequest(`"asOf" must be a date or date and time such as 2026-03-31T12:00, not ${JSON.stringify(text.slice(0, 40))}`);
  }
  return text;
}

export class Host {
  private engine: Promise<NativeEngine> | undefined;
  private readonly datasets = new Map<string, OpenedOnHost>();
  private readonly openings = new Map<string, DatasetOpening>();
  private readonly jobs: JobRunner;
  readonly options: Required<HostOptions>;

  constructor(options: HostOptions) {
    this.options = { memoryBudgetBytes: 1024 ** 3, electron: false, cwd: process.cwd(), ...options };
    this.jobs = new JobRunner(this);
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

  /** Validates and answers one request. Errors come back as HostError values, never stacks. */
  async handle(rawType: unknown, rawPayload: unknown): Promise<{ ok: true; result: unknown } | { ok: false; status: number; error: HostError }> {
    try {
      const type = requestType(rawType);
      const payload = payloadObject(rawPayload);
      return { ok: true, result: await this.dispatch(type, payload) };
    } catch (error) {
      if (error instanceof BadRequest) return { ok: false, status: 400, error: { error: error.message } };
      if (error instanceof WinnowError) return { ok: false, status: 422, error: { error: error.oneLine(), hint: hintFor(error) } };
      return { ok: false, status: 500, error: { error: (error as Error).message?.split('\n')[0] ?? String(error), hint: 'This looks like a bug in Winnow; the server log has details.' } };
    }
  }

  private async dispatch(type: HostRequest, payload: Record<string, unknown>): Promise<unknown> {
    switch (type) {
      case HostRequest.OpenDataset:
        return this.openDataset(pathOrUrl(payload, 'uri', this.options.cwd));
      case HostRequest.DatasetStatus:
        return this.datasetStatus(string(payload, 'datasetId', { max: 64 }));
      case HostRequest.SampleDatasets:
        return this.samples();
      case HostRequest.RecentDatasets:
        return this.recent();
      case HostRequest.ListFolder:
        return this.listFolder(payload.path === undefined ? this.options.cwd : pathOrUrl(payload, 'path', this.options.cwd));
      case HostRequest.StartJob:
        return this.jobs.start(payload as unknown as Payloads[HostRequest.StartJob]);
      case HostRequest.JobStatus:
        return this.jobs.status(string(payload, 'jobId', { max: 64 }));
      case HostRequest.CancelJob:
        return this.jobs.cancel(string(payload, 'jobId', { max: 64 }));
      case HostRequest.ProfileFull:
        return this.jobs.profileNow(string(payload, 'datasetId', { max: 64 }));
      case HostRequest.LoadProject:
        return this.loadProject(pathOrUrl(payload, 'folder', this.options.cwd));
      case HostRequest.SaveProject:
        return this.saveProject(pathOrUrl(payload, 'folder', this.options.cwd), string(payload, 'specYaml'), payload.uiState);
      case HostRequest.ReadRecovery:
        return this.readRecovery();
      case HostRequest.WriteRecovery:
        return this.writeRecovery(payload.project);
      case HostRequest.ClearRecovery:
        await rm(this.recoveryPath(), { force: true });
        return {};
      case HostRequest.ImportGxSuite:
        return this.importGxSuite(pathOrUrl(payload, 'path', this.options.cwd));
      case HostRequest.ExportPipeline:
        return exportPipeline(pathOrUrl(payload, 'folder', this.options.cwd), string(payload, 'specYaml'), {
          baseFolder: payload.baseFolder === undefined || payload.baseFolder === null ? this.options.cwd : localFolder(pathOrUrl(payload, 'baseFolder', this.options.cwd)),
          copyInputs: payload.copyInputs === true,
          asOf: payload.asOf === undefined || payload.asOf === null ? null : asOfText(string(payload, 'asOf', { max: 64 })),
          appDir: this.options.appDir,
        });
      case HostRequest.WatchProject:
        return this.watchProject(pathOrUrl(payload, 'folder', this.options.cwd), Number(payload.since) || 0);
      case HostRequest.ListS3:
        return browseS3(string(payload, 'bucket', { optional: true, max: 255 }) || undefined, string(payload, 'prefix', { optional: true, max: 1024 }));
      case HostRequest.Settings:
        return { memoryBudgetBytes: this.options.memoryBudgetBytes, electron: this.options.electron, version: TOOL_VERSION } satisfies Results[HostRequest.Settings];
    }
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
      opening.error = error instanceof WinnowError ? { error: error.oneLine(), hint: hintFor(error) } : { error: (error as Error).message.split('\n')[0] ?? String(error) };
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
    const full = openDatasetOnHost(engine, resolved, opening.id, { workingSetDir: join(this.options.dataDir, 'working-sets'), budgetBytes: this.options.memoryBudgetBytes }).then(
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
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw new BadRequest('"path" must be a local file');
    const info = await stat(path).catch(() => {
      throw new WinnowError('no such file', { file: path }, 'input');
    });
    if (!info.isFile() || info.size > GX_SUITE_MAX_BYTES) throw new WinnowError(info.isFile() ? `larger than ${GX_SUITE_MAX_BYTES / 1024 ** 2} MB: not a suite` : 'not a file', { file: path }, 'input');
    const suite = parseGxSuite(await readFile(path, 'utf8'), path);
    const imported = importGxSuite(suite);
    return { specYaml: imported.yaml, suite: suite.name, expectations: suite.expectations.length, unmapped: imported.unmapped };
  }

  private async loadProject(folder: string): Promise<Results[HostRequest.LoadProject]> {
    const specYaml = await readFile(join(folder, 'pipeline.winnow.yaml'), 'utf8').catch(() => {
      throw new WinnowError('no pipeline.winnow.yaml in this folder', { file: folder }, 'input');
    });
    const uiText = await readFile(join(folder, 'winnow-project.json'), 'utf8').catch(() => '{}');
    return { folder, specYaml, uiState: JSON.parse(uiText) as unknown };
  }

  private async saveProject(folder: string, specYaml: string, uiState: unknown): Promise<Results[HostRequest.SaveProject]> {
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(join(folder, 'pipeline.winnow.yaml'), specYaml);
    await writeFileAtomic(join(folder, 'winnow-project.json'), JSON.stringify(uiState ?? {}, null, 2) + '\n');
    return { folder, savedAt: new Date().toISOString() };
  }

  private async watchProject(folder: string, since: number): Promise<Results[HostRequest.WatchProject]> {
    const path = join(folder, 'pipeline.winnow.yaml');
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
    if (!project || typeof project !== 'object') throw new BadRequest('"project" must be an object');
    const text = JSON.stringify({ project, savedAt: new Date().toISOString() });
    if (text.length > 16 * 1024 * 1024) throw new BadRequest('the project is too large to autosave');
    await mkdir(this.options.dataDir, { recursive: true });
    await writeFileAtomic(this.recoveryPath(), text);
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
