/**
 * The snapshot manifest: what went in, what came out, and what every step found, pinned by
 * content hashes. `winnow verify` re-hashes the files it lists; `winnow run --snapshot` checks
 * the inputs against it. Paths are relative to the manifest's folder, with '/' separators, so
 * the folder can move between hosts together with the data it describes.
 */
import type { RowCounts, GateResult, StepResult } from '../run/results';
import type { Column } from '../table/column';
import type { RunEnvironment } from '../node/run-to-disk/environment';

export const MANIFEST_VERSION = 1;

export interface FileEntry {
  /** Relative to the manifest's folder (or a URL for remote inputs). */
  path: string;
  bytes: number;
  sha256: string;
  /** Rows in this file, for outputs. */
  rows?: number;
  /** Remote inputs: where the file came from (`s3://bucket/key`); `path` is then the cached copy. */
  uri?: string;
  /** Remote inputs: the object's ETag (without quotes) when it was read. */
  etag?: string;
  /** Remote inputs: the object's version id, in a versioned bucket. */
  versionId?: string;
}

export interface InputEntry {
  source: string;
  uri: string;
  format: string;
  /** Data rows read (null when the source was pinned but not read by the steps). */
  rows: number | null;
  schema: Column[];
  files: FileEntry[];
}

export interface OutputEntry {
  name: string;
  from: string | null;
  format: string;
  rows: number;
  files: FileEntry[];
}

/** A step's result as the manifest keeps it (timings live in report.json). */
export type ManifestStep = Omit<StepResult, 'durationMs'>;

export interface Manifest {
  manifestVersion: typeof MANIFEST_VERSION;
  status: 'passed' | 'failed';
  tool: { name: 'winnow'; version: string };
  engine: { name: string; version: string; runtime: string };
  /** The host the run ran on (OS, CPU, memory, Node, DuckDB, how Winnow was installed, GPUs); verify ignores it. */
  environment?: RunEnvironment;
  spec: { path: string; name: string; sha256: string };
  seed: number;
  asOf: string;
  startedAt: string;
  finishedAt: string;
  inputs: InputEntry[];
  steps: ManifestStep[];
  outputs: OutputEntry[];
  rejects: { path: string; sha256: string; rows: number; byReason: Record<string, number> };
  rowCounts: RowCounts & { byStep: { id: string; rowsIn: number; rowsOut: number; rejected: number; dropped: number }[] };
  gates: GateResult[];
  /** Parameters learnt by normalize, encode and fill_null steps, by step id: serving applies the same. */
  fitted: Record<string, Record<string, unknown>>;
  failures: string[];
}

/** Reads a manifest from JSON text, checking it is one this version understands. */
export function parseManifest(text: string, file: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const manifest = value as Partial<Manifest>;
  if (!manifest || typeof manifest !== 'object' || manifest.manifestVersion === undefined || !Array.isArray(manifest.inputs)) {
    throw new Error(`${file}: not a Winnow manifest (no manifestVersion or inputs)`);
  }
  if (manifest.manifestVersion !== MANIFEST_VERSION) {
    throw new Error(`${file}: manifestVersion ${manifest.manifestVersion} is not supported (this Winnow reads ${MANIFEST_VERSION})`);
  }
  return manifest as Manifest;
}
