/**
 * `winnow run`: a spec on native DuckDB, from files to a manifest, a report, the rejects and
 * the outputs. Outputs are written only when the run passed, so bad data never reaches training.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { WinnowError } from '../../errors';
import { ingestSource } from '../../ingest/ingest';
import type { RemoteFile, ResolvedSource } from '../../ingest/ingest';
import type { FileEntry, InputEntry, Manifest, OutputEntry } from '../../manifest/manifest';
import { MANIFEST_VERSION } from '../../manifest/manifest';
import { outputFileName } from '../../manifest/output-files';
import { REJECTS_TABLE } from '../../table/rejects';
import { gatherReport } from '../../report/gather';
import { executePipeline, type PipelineResult, type ProgressEvent } from '../../run/execute';
import { literal } from '../../sql';
import { canonicalJson, parseSpec } from '../../spec/parse';
import type { Spec } from '../../spec/types';
import { type FileHash, hashFile, sha256Text } from '../sources/hash';
import { NativeEngine } from '../engine/native-engine';
import { relativePosix } from './paths';
import { resolveSource } from '../sources/resolve-source';
import { compareRemoteListings, compareWithSnapshot, type SnapshotDifference } from './snapshot';
import { TOOL_VERSION } from '../engine/version';
import { describeEnvironment, snapshotEnvironmentNotes } from './environment';

export interface RunOptions {
  /** Where manifest.json, report.json, report.html, rejects.parquet and the outputs go; default out/<spec name>. */
  out?: string;
  /** The run's reference time for freshness checks; default: now. */
  asOf?: Date;
  /** A manifest whose pinned inputs must match before anything runs. */
  snapshot?: string;
  threads?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** Cancels the run: the query in flight is interrupted and the run rejects. */
  signal?: AbortSignal;
}

export interface RunOutcome {
  /** 0 passed, 1 a check or gate failed, 3 inputs differ from the snapshot. */
  exitCode: 0 | 1 | 3;
  manifest?: Manifest;
  manifestPath?: string;
  result?: PipelineResult;
  snapshotDifferences?: SnapshotDifference[];
  /** With --snapshot: how this host differs from the one the snapshot was taken on (information, not failure). */
  environmentNotes?: string[];
  outDir: string;
}

/** How long a statement must have run before the report's code loads beside it (see runSpecFile). */
const LOAD_REPORT_CODE_AFTER_MS = 100;

/** Reads and validates a spec file. */
export async function loadSpec(specPath: string): Promise<Spec> {
  let text: string;
  try {
    text = await readFile(specPath, 'utf8');
  } catch {
    throw new WinnowError('cannot read the spec file', { file: specPath }, 'spec');
  }
  return parseSpec(text, specPath);
}

/** Resolves every source of a spec to its files. */
export async function resolveSources(spec: Spec, specPath: string): Promise<ResolvedSource[]> {
  const folder = dirname(resolve(specPath));
  return Promise.all(Object.entries(spec.sources).map(([name, source]) => resolveSource(name, source, folder)));
}

function copyOptions(format: 'parquet' | 'csv'): string {
  return format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet, COMPRESSION zstd)';
}

async function fileEntry(folder: string, path: string, rows?: number, hashed?: Promise<FileHash>): Promise<FileEntry> {
  const { bytes, sha256 } = await (hashed ?? hashFile(path));
  return { path: relativePosix(folder, path), bytes, sha256, ...(rows === undefined ? {} : { rows }) };
}

/**
 * Writes the outputs into a staging folder inside `outDir`, then moves them into place, so a
 * reader never sees half-written files under an output's name.
 */
async function writeOutputs(engine: NativeEngine, spec: Spec, result: PipelineResult, outDir: string): Promise<OutputEntry[]> {
  const staging = join(outDir, '.winnow-staging');
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const entries: OutputEntry[] = [];
  for (const output of result.outputs) {
    const files: FileEntry[] = [];
    let total = 0;
    for (let index = 0; index < output.shards; index++) {
      const name = outputFileName(output, index);
      const select = output.shards === 1 ? output.select : output.shardSelect(index);
      await engine.run(`COPY (${select}) TO ${literal(join(staging, name))} ${copyOptions(output.format)}`);
      const [row] = await engine.query(`SELECT count(*) AS n FROM (${select})`);
      const rows = Number(row?.n ?? 0);
      total += rows;
      await rename(join(staging, name), join(outDir, name));
      files.push(await fileEntry(outDir, join(outDir, name), rows));
    }
    const declared = spec.outputs.find((candidate) => candidate.name === output.name);
    entries.push({ name: output.name, from: declared?.from ?? null, format: output.format, rows: total, files });
  }
  await rm(staging, { recursive: true, force: true });
  return entries;
}

/** A failed run must not leave an earlier run's outputs where training would pick them up. */
async function removeOutputs(result: PipelineResult, outDir: string): Promise<void> {
  for (const output of result.outputs) {
    for (let index = 0; index < output.shards; index++) await rm(join(outDir, outputFileName(output, index)), { force: true });
  }
}

/** A remote object is pinned by what was read: its URI, ETag and version as well as its bytes. */
export async function inputFileEntry(folder: string, path: string, remote: RemoteFile | undefined, hashed?: Promise<FileHash>): Promise<FileEntry> {
  if (!remote) return fileEntry(folder, path, undefined, hashed);
  const { uri, bytes, sha256, etag, versionId } = remote;
  return { path: relativePosix(folder, path), bytes, sha256, uri, ...(etag ? { etag } : {}), ...(versionId ? { versionId } : {}) };
}

/**
 * Starts hashing every local input file now, so the hashes are taken while DuckDB reads the
 * files (on its own threads) rather than after the run: on 5M rows that was 0.2 s of the run's
 * wall clock.
 */
function hashInputs(sources: ResolvedSource[]): Map<string, Promise<FileHash>> {
  const hashes = new Map<string, Promise<FileHash>>();
  for (const source of sources) {
    source.files.forEach((file, index) => {
      if (source.remote?.[index] || hashes.has(file)) return;
      const hashed = hashFile(file);
      // Awaited when the manifest is written; a run that fails first must not leave it unhandled.
      hashed.catch(() => undefined);
      hashes.set(file, hashed);
    });
  }
  return hashes;
}

async function inputEntries(sources: ResolvedSource[], result: PipelineResult, outDir: string, hashes: Map<string, Promise<FileHash>>): Promise<InputEntry[]> {
  return Promise.all(
    sources.map(async (source) => ({
      source: source.name,
      uri: source.uri,
      format: source.format,
      rows: source.name === result.input.source ? result.input.read : null,
      schema: source.name === result.input.source ? result.input.schema : [],
      files: await Promise.all(source.files.map((file, index) => inputFileEntry(outDir, file, source.remote?.[index], hashes.get(file)))),
    })),
  );
}

export async function runSpecFile(specPath: string, options: RunOptions = {}): Promise<RunOutcome> {
  const startedAt = new Date();
  const spec = await loadSpec(specPath);
  const outDir = resolve(options.out ?? join('out', spec.name));
  if (options.snapshot) {
    // Remote objects are checked by their listing first, so a changed object is not downloaded.
    const listed = await compareRemoteListings(resolve(options.snapshot), spec);
    if (listed.length) return { exitCode: 3, snapshotDifferences: listed, outDir };
  }
  const sources = await resolveSources(spec, specPath);
  if (options.snapshot) {
    const differences = await compareWithSnapshot(resolve(options.snapshot), sources);
    if (differences.length) return { exitCode: 3, snapshotDifferences: differences, outDir };
  }
  const inputName = spec.input ?? Object.keys(spec.sources)[0]!;
  const input = sources.find((source) => source.name === inputName)!;
  const asOf = options.asOf ?? startedAt;

  await mkdir(outDir, { recursive: true });
  const scratch = join(outDir, '.winnow-tmp');
  const engine = await NativeEngine.create({ threads: options.threads, tempDirectory: scratch });
  const hashes = hashInputs(sources);
  // The HTML report's code (Observable Plot, linkedom) holds the main thread for about 0.3 s while
  // it loads. It loads during the first long statement (the read, on DuckDB's own threads), rather
  // than after report.json or at once, where it held up every short statement before the read.
  let reportHtml: Promise<typeof import('../../report/html')> | undefined;
  const loadReportHtml = () => (reportHtml ??= import('../../report/html'));
  // DuckDB's version is asked now, once: during the read the connection is busy.
  const duckdbVersion = engine.version();
  duckdbVersion.catch(() => undefined);
  // The host's description likewise waits for the read: starting nvidia-smi holds the main thread
  // about 20 ms (even where there is none), and it may take a moment to answer on a GPU host. Asked
  // then, or when the manifest is written if no statement ran that long.
  let environment: ReturnType<typeof describeEnvironment> | undefined;
  const describeHost = () => {
    if (!environment) {
      environment = duckdbVersion.then((version) => describeEnvironment({ winnowVersion: TOOL_VERSION, duckdbVersion: version }));
      environment.catch(() => undefined);
    }
    return environment;
  };
  void engine.busyFor(LOAD_REPORT_CODE_AFTER_MS).then(() => {
    void describeHost();
    return loadReportHtml().catch(() => undefined);
  });
  const interrupt = () => engine.interrupt();
  options.signal?.addEventListener('abort', interrupt);
  try {
    const result = await executePipeline(engine, {
      spec,
      specFile: specPath,
      input,
      sources,
      ingest: ingestSource,
      asOf,
      onProgress: options.onProgress,
      // Once the sources are in, DuckDB may touch only the run's own folders (DESIGN: a run is a sandbox).
      afterRead: () => engine.confine([outDir, scratch]),
    });
    const rejectsPath = join(outDir, 'rejects.parquet');
    await engine.run(`COPY (SELECT * FROM ${REJECTS_TABLE} ORDER BY ALL) TO ${literal(rejectsPath)} (FORMAT parquet, COMPRESSION zstd)`);
    let outputs: OutputEntry[] = [];
    if (result.status === 'passed') outputs = await writeOutputs(engine, spec, result, outDir);
    else await removeOutputs(result, outDir);

    const rejectsFile = await fileEntry(outDir, rejectsPath);
    const manifest: Manifest = {
      manifestVersion: MANIFEST_VERSION,
      status: result.status,
      tool: { name: 'winnow', version: TOOL_VERSION },
      engine: { name: engine.name, version: await duckdbVersion, runtime: engine.runtime },
      environment: await describeHost(),
      spec: { path: relativePosix(outDir, resolve(specPath)), name: spec.name, sha256: sha256Text(canonicalJson(spec)) },
      seed: spec.seed,
      asOf: asOf.toISOString(),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      inputs: await inputEntries(sources, result, outDir, hashes),
      steps: result.steps.map(({ durationMs: _durationMs, ...step }) => step),
      outputs,
      rejects: { path: rejectsFile.path, sha256: rejectsFile.sha256, rows: result.rejects.rows, byReason: result.rejects.byReason },
      rowCounts: {
        ...result.rowCounts,
        byStep: result.steps.map(({ id, rowsIn, rowsOut, rejected, dropped }) => ({ id, rowsIn, rowsOut, rejected, dropped })),
      },
      gates: result.gates,
      fitted: Object.fromEntries(result.steps.filter((step) => step.fitted).map((step) => [step.id, step.fitted!])),
      failures: result.failures,
    };
    const manifestPath = join(outDir, 'manifest.json');
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    const report = { ...manifest, steps: result.steps, timings: { totalMs: Date.now() - startedAt.getTime() } };
    await writeFile(join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    // The HTML report, for passed and failed runs alike, written whole or not at all.
    const { renderReport } = await loadReportHtml();
    const beside = await engine.newConnection();
    let gathered: Awaited<ReturnType<typeof gatherReport>>;
    try {
      gathered = await gatherReport(engine, spec, result, { beside });
    } finally {
      await beside.close();
    }
    await writeFile(join(outDir, 'report.html.tmp'), renderReport({ manifest, ...gathered }));
    await rename(join(outDir, 'report.html.tmp'), join(outDir, 'report.html'));
    // verify ignores the environment; --snapshot reports how it differs as information only.
    const environmentNotes = options.snapshot ? await snapshotEnvironmentNotes(resolve(options.snapshot), manifest.environment!) : [];
    return { exitCode: result.status === 'passed' ? 0 : 1, manifest, manifestPath, result, outDir, environmentNotes };
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
    await engine.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
