import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { arch, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeEnvironment,
  environmentDifferences,
  INSTALL_MARKER,
  installedAsOf,
  parseNvidiaSmiCsv,
  snapshotEnvironmentNotes,
  type RunEnvironment,
} from './environment';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-environment-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A folder on PATH holding a stand-in for `nvidia-smi` (a shell script printing what the real one prints). */
async function standInNvidiaSmi(name: string, script: string): Promise<string> {
  const bin = join(folder, name);
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, 'nvidia-smi'), `#!/bin/sh\n${script}\n`);
  await chmod(join(bin, 'nvidia-smi'), 0o755);
  return bin;
}

const versions = { winnowVersion: '0.1.0', duckdbVersion: 'v1.4.3' };

describe.skipIf(process.platform === 'win32')('describeEnvironment', () => {
  it('records the OS and kernel, CPU, memory, Node, DuckDB and Winnow, and no GPUs where nvidia-smi does not exist', async () => {
    const environment = await describeEnvironment({ ...versions, env: { PATH: join(folder, 'empty') } });
    expect(environment.os).toMatchObject({ platform: platform(), arch: arch(), kernel: release() });
    expect(environment.os.name).not.toBe('');
    expect(environment.cpu).toEqual({ model: cpus()[0]!.model.trim(), count: cpus().length });
    expect(environment.memory.totalBytes).toBe(totalmem());
    expect(environment.node).toBe(process.versions.node);
    expect(environment.duckdb).toBe('v1.4.3');
    expect(environment.winnow).toEqual({ version: '0.1.0', installedAs: 'repo' });
    expect(environment).not.toHaveProperty('gpus');
    expect(environment).not.toHaveProperty('image');
    expect(environment).not.toHaveProperty('electron');
  });

  it('lists the GPUs nvidia-smi reports, asking it exactly for name, driver and memory as CSV', async () => {
    const bin = await standInNvidiaSmi(
      'gpu-host',
      [
        'test "$*" = "--query-gpu=name,driver_version,memory.total --format=csv" || exit 9',
        'echo "name, driver_version, memory.total [MiB]"',
        'echo "NVIDIA A100-SXM4-40GB, 535.104.05, 40960 MiB"',
        'echo "NVIDIA H100 80GB HBM3, 535.104.05, 81559 MiB"',
      ].join('\n'),
    );
    const environment = await describeEnvironment({ ...versions, env: { PATH: bin } });
    expect(environment.gpus).toEqual([
      { name: 'NVIDIA A100-SXM4-40GB', driverVersion: '535.104.05', memoryTotal: '40960 MiB' },
      { name: 'NVIDIA H100 80GB HBM3', driverVersion: '535.104.05', memoryTotal: '81559 MiB' },
    ]);
  });

  it('leaves GPUs out when nvidia-smi exists but fails (no driver loaded)', async () => {
    const bin = await standInNvidiaSmi('broken-driver', 'echo "NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver." ; exit 9');
    expect(await describeEnvironment({ ...versions, env: { PATH: bin } })).not.toHaveProperty('gpus');
  });

  it('records WINNOW_IMAGE, the container image the run ran in', async () => {
    const image = 'ghcr.io/example/winnow-runner@sha256:' + 'ab'.repeat(32);
    expect((await describeEnvironment({ ...versions, env: { PATH: '', WINNOW_IMAGE: image } })).image).toBe(image);
    expect(await describeEnvironment({ ...versions, env: { PATH: '', WINNOW_IMAGE: ' ' } })).not.toHaveProperty('image');
  });
});

describe('installedAsOf', () => {
  it('is the repository when no packaging marker sits beside the code', async () => {
    expect(await installedAsOf(import.meta.url)).toBe('repo');
    expect(await installedAsOf('not a file URL')).toBe('repo');
  });

  it('reads the marker the packaging scripts write beside the bundles', async () => {
    for (const installedAs of ['runner-artifact', 'packaged-app'] as const) {
      const lib = join(folder, installedAs);
      await mkdir(lib, { recursive: true });
      await writeFile(join(lib, INSTALL_MARKER), JSON.stringify({ installedAs }));
      expect(await installedAsOf(pathToFileURL(join(lib, 'winnow.mjs')).href)).toBe(installedAs);
    }
  });

  it('does not trust a marker it cannot read', async () => {
    const lib = join(folder, 'garbled');
    await mkdir(lib, { recursive: true });
    await writeFile(join(lib, INSTALL_MARKER), '{ not json');
    expect(await installedAsOf(pathToFileURL(join(lib, 'winnow.mjs')).href)).toBe('repo');
  });
});

describe('parseNvidiaSmiCsv', () => {
  it('reads one GPU per line after the header, and nothing from an empty answer', () => {
    expect(parseNvidiaSmiCsv('name, driver_version, memory.total [MiB]\r\nTesla T4, 470.57.02, 15109 MiB\r\n')).toEqual([
      { name: 'Tesla T4', driverVersion: '470.57.02', memoryTotal: '15109 MiB' },
    ]);
    expect(parseNvidiaSmiCsv('')).toEqual([]);
    expect(parseNvidiaSmiCsv('name, driver_version, memory.total [MiB]\n')).toEqual([]);
  });
});

const baseline: RunEnvironment = {
  os: { platform: 'linux', arch: 'x64', name: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0-18-amd64' },
  cpu: { model: 'AMD EPYC 7B13', count: 2 },
  memory: { totalBytes: 8 * 1024 ** 3 },
  node: '20.20.2',
  duckdb: 'v1.4.3',
  winnow: { version: '0.1.0', installedAs: 'repo' },
};

describe('environmentDifferences', () => {
  it('finds nothing between equal environments', () => {
    expect(environmentDifferences(baseline, structuredClone(baseline))).toEqual([]);
  });

  it('names each fact that changed, with its value before and after', () => {
    const gpuHost: RunEnvironment = {
      ...baseline,
      node: '22.11.0',
      cpu: { model: 'Intel Xeon Platinum 8480+', count: 224 },
      winnow: { version: '0.1.0', installedAs: 'runner-artifact' },
      gpus: [{ name: 'NVIDIA H100 80GB HBM3', driverVersion: '535.104.05', memoryTotal: '81559 MiB' }],
      image: 'registry/winnow-runner@sha256:00',
    };
    expect(environmentDifferences(baseline, gpuHost)).toEqual([
      'cpu: 2 × AMD EPYC 7B13 → 224 × Intel Xeon Platinum 8480+',
      'node: 20.20.2 → 22.11.0',
      'winnow: 0.1.0 (repo) → 0.1.0 (runner-artifact)',
      'gpus: none listed → NVIDIA H100 80GB HBM3 (driver 535.104.05, 81559 MiB)',
      'image: none → registry/winnow-runner@sha256:00',
    ]);
  });

  it('says so when the snapshot predates the environment block', () => {
    expect(environmentDifferences(undefined, baseline)).toEqual([expect.stringContaining('records no environment')]);
  });
});

describe('snapshotEnvironmentNotes', () => {
  it('prints the differences under one heading that says they are information, and nothing when equal', async () => {
    const snapshot = join(folder, 'snapshot.json');
    await writeFile(snapshot, JSON.stringify({ manifestVersion: 1, inputs: [], environment: baseline }));
    expect(await snapshotEnvironmentNotes(snapshot, baseline)).toEqual([]);
    expect(await snapshotEnvironmentNotes(snapshot, { ...baseline, duckdb: 'v1.5.6' })).toEqual([
      "environment differs from the snapshot's (for information; the run is not affected):",
      '  duckdb: v1.4.3 → v1.5.6',
    ]);
    expect(await snapshotEnvironmentNotes(join(folder, 'missing.json'), baseline)).toEqual([]);
  });
});
