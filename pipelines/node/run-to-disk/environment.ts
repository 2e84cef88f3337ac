/**
 * The manifest's `environment` block: where a run ran. The operating system and kernel, the CPU,
 * the memory, Node, DuckDB and Winnow (and how Winnow was installed), the GPUs `nvidia-smi` lists
 * and the container image named by `WINNOW_IMAGE`. It is a record for people comparing runs, not
 * part of what a manifest proves: `winnow verify` ignores it, and `winnow run --snapshot` reports
 * a different environment as information, never as a failure.
 *
 * Node only (os, child processes, files): the runner and the app's host call it, never the
 * renderer. It sits with the manifest's other parts because it describes a manifest field.
 *
 * @example
 * const environment = await describeEnvironment({ winnowVersion: TOOL_VERSION, duckdbVersion: await engine.version() });
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { arch, cpus, platform, release, totalmem, version as kernelBuild } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How Winnow was installed: a checkout of the repository (`npx winnow`, `npm start`), the runner
 * tarball (`winnow-runner/bin/winnow`), the runner as one Node single executable, or the packaged
 * desktop app.
 */
export type InstalledAs = 'repo' | 'runner-artifact' | 'runner-executable' | 'packaged-app';

/** One GPU as `nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv` lists it. */
export interface Gpu {
  name: string;
  driverVersion: string;
  /** As nvidia-smi reports it, with its unit: `"40960 MiB"`. */
  memoryTotal: string;
}

export interface RunEnvironment {
  os: {
    /** `linux`, `darwin`, `win32`. */
    platform: string;
    /** `x64`, `arm64`. */
    arch: string;
    /** The distribution or system name (`Debian GNU/Linux 12 (bookworm)`); in a container, the image's. */
    name: string;
    /** The kernel release (`6.1.0-18-amd64`): in a container, the host's. */
    kernel: string;
  };
  cpu: { model: string; count: number };
  memory: { totalBytes: number };
  node: string;
  /** Electron's version, when the run happened inside the desktop app. */
  electron?: string;
  /** DuckDB as the engine reports it (`v1.4.3`). */
  duckdb: string;
  winnow: { version: string; installedAs: InstalledAs };
  /** Absent where `nvidia-smi` does not exist (or does not answer). */
  gpus?: Gpu[];
  /** `WINNOW_IMAGE` from the environment: the container image (digest) the run ran in. */
  image?: string;
}

export interface DescribeEnvironmentOptions {
  winnowVersion: string;
  duckdbVersion: string;
  /** Where `WINNOW_IMAGE` and the `PATH` that finds `nvidia-smi` come from; default: this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** A module of the running Winnow, whose folder holds the packaging scripts' marker; default: this one. */
  moduleUrl?: string;
}

/**
 * The file the packaging scripts (scripts/pack/) write beside the bundles they build, saying how
 * that copy of Winnow is installed: `{ "installedAs": "runner-artifact" }`.
 */
export const INSTALL_MARKER = 'winnow-install.json';

const NVIDIA_SMI_ARGS = ['--query-gpu=name,driver_version,memory.total', '--format=csv'];

/** Where this run runs. Never fails: a fact that cannot be read is left out or reads "unknown". */
export async function describeEnvironment(options: DescribeEnvironmentOptions): Promise<RunEnvironment> {
  const { winnowVersion, duckdbVersion, env = process.env, moduleUrl = import.meta.url } = options;
  const [name, installedAs, gpus] = await Promise.all([systemName(), installedAsOf(moduleUrl), listGpus(env)]);
  const processors = cpus();
  return {
    os: { platform: platform(), arch: arch(), name, kernel: release() },
    cpu: { model: processors[0]?.model.trim() || 'unknown', count: processors.length },
    memory: { totalBytes: totalmem() },
    node: process.versions.node,
    ...(process.versions.electron ? { electron: process.versions.electron } : {}),
    duckdb: duckdbVersion,
    winnow: { version: winnowVersion, installedAs },
    ...(gpus ? { gpus } : {}),
    ...(env.WINNOW_IMAGE?.trim() ? { image: env.WINNOW_IMAGE.trim() } : {}),
  };
}

/** The distribution's name from /etc/os-release on Linux; elsewhere the system's own description. */
async function systemName(): Promise<string> {
  if (platform() === 'linux') {
    const text = await readFile('/etc/os-release', 'utf8').catch(() => '');
    const pretty = /^PRETTY_NAME=(.*)$/m.exec(text)?.[1];
    if (pretty) return pretty.replace(/^(["'])(.*)\1$/, '$2');
  }
  try {
    return kernelBuild();
  } catch {
    return 'unknown';
  }
}

/** How the Winnow that `moduleUrl` belongs to was installed (see {@link InstalledAs}). */
export async function installedAsOf(moduleUrl: string): Promise<InstalledAs> {
  // Not import('node:sea'): a single executable built with a code cache cannot import() at all.
  // getBuiltinModule is in Node 20.16+ and node:sea in 20.12+; older Nodes are not single executables here.
  const sea = process.getBuiltinModule?.('node:sea') as typeof import('node:sea') | undefined;
  if (sea?.isSea()) return 'runner-executable';
  let folder: string;
  try {
    folder = dirname(fileURLToPath(moduleUrl));
  } catch {
    return 'repo';
  }
  const marker = await readFile(join(folder, INSTALL_MARKER), 'utf8').catch(() => undefined);
  if (marker === undefined) return 'repo';
  try {
    const installedAs = (JSON.parse(marker) as { installedAs?: unknown }).installedAs;
    return installedAs === 'runner-artifact' || installedAs === 'packaged-app' ? installedAs : 'repo';
  } catch {
    return 'repo';
  }
}

/** The GPUs `nvidia-smi` lists, or undefined when there is no `nvidia-smi` or it fails. */
async function listGpus(env: NodeJS.ProcessEnv): Promise<Gpu[] | undefined> {
  const output = await new Promise<string | undefined>((resolve) => {
    execFile('nvidia-smi', NVIDIA_SMI_ARGS, { env, timeout: 10_000, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout));
  });
  return output === undefined ? undefined : parseNvidiaSmiCsv(output);
}

/**
 * Reads `nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv`: a header line,
 * then one line per GPU (`NVIDIA A100-SXM4-40GB, 535.104.05, 40960 MiB`). A GPU name has no comma,
 * so the last two fields are the driver and the memory, whatever the name holds.
 */
export function parseNvidiaSmiCsv(text: string): Gpu[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines[0]?.startsWith('name')) lines.shift();
  return lines.flatMap((line) => {
    const fields = line.split(',').map((field) => field.trim());
    if (fields.length < 3) return [];
    const memoryTotal = fields.pop()!;
    const driverVersion = fields.pop()!;
    return [{ name: fields.join(', '), driverVersion, memoryTotal }];
  });
}

function describeGpus(gpus: Gpu[] | undefined): string {
  if (!gpus) return 'none listed';
  return gpus.map((gpu) => `${gpu.name} (driver ${gpu.driverVersion}, ${gpu.memoryTotal})`).join('; ') || 'none listed';
}

function gibibytes(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** The facts worth comparing between two runs, each as one readable value. */
function comparable(environment: RunEnvironment): [label: string, value: string][] {
  return [
    ['os', `${environment.os.name} (${environment.os.platform} ${environment.os.arch})`],
    ['kernel', environment.os.kernel],
    ['cpu', `${environment.cpu.count} × ${environment.cpu.model}`],
    ['memory', gibibytes(environment.memory.totalBytes)],
    ['node', environment.node],
    ['electron', environment.electron ?? 'none'],
    ['duckdb', environment.duckdb],
    ['winnow', `${environment.winnow.version} (${environment.winnow.installedAs})`],
    ['gpus', describeGpus(environment.gpus)],
    ['image', environment.image ?? 'none'],
  ];
}

/**
 * How the environment of this run differs from a snapshot's, one line per fact that changed
 * (`node: 20.20.2 → 22.11.0`). A snapshot written before manifests had an environment gets one
 * line saying so.
 */
export function environmentDifferences(snapshot: RunEnvironment | undefined, current: RunEnvironment): string[] {
  if (!snapshot) return ['the snapshot records no environment (it was written by an earlier Winnow)'];
  const before = new Map(comparable(snapshot));
  return comparable(current)
    .filter(([label, value]) => before.get(label) !== value)
    .map(([label, value]) => `${label}: ${before.get(label)} → ${value}`);
}

/**
 * For `winnow run --snapshot`: the lines to print when this run's environment differs from the
 * one the snapshot manifest recorded, or none when it does not. Information only, never a
 * failure. A snapshot that cannot be read gives none (the input check reports it).
 */
export async function snapshotEnvironmentNotes(snapshotPath: string, current: RunEnvironment): Promise<string[]> {
  let snapshot: { environment?: RunEnvironment };
  try {
    snapshot = JSON.parse(await readFile(snapshotPath, 'utf8')) as { environment?: RunEnvironment };
  } catch {
    return [];
  }
  const differences = environmentDifferences(snapshot.environment, current);
  if (!differences.length) return [];
  return [`environment differs from the snapshot's (for information; the run is not affected):`, ...differences.map((line) => `  ${line}`)];
}
