/**
 * One suite for each form of the runner artifact (the tarball, the single executable): pack it,
 * unpack it in an empty temporary folder, and use it there as a training host would, with `PATH`
 * holding only `node` (or nothing at all, for the single executable). It must do what `npx winnow`
 * does in a checkout: same outputs, byte for byte, same manifest, a passing `verify`.
 *
 * Packing takes 20–40 s on two cores (the single executable copies and patches Node's 99 MB
 * binary), so the suite allows up to 5 minutes for it; the commands take a few seconds each.
 */
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { InstalledAs, RunEnvironment } from '../pipelines/node/run-to-disk/environment';
import type { Manifest } from '../pipelines/manifest/manifest';
import { main } from '../pipelines/node/cli/cli';
import { hashFile } from '../pipelines/node/sources/hash';
import type { RunnerArtifact } from '../scripts/pack/runner-artifact';
import { NOT_IN_RUNNER } from '../scripts/pack/runner-artifact';
import { listFiles } from './files-kit';

const PACK_TIMEOUT_MS = 300_000;
const COMMAND_TIMEOUT_MS = 120_000;
const flights = new URL('../examples/flights/', import.meta.url).pathname;

export interface RunnerArtifactCase {
  /** Packs the artifact into `outDir`, building in `stagingDir`. */
  pack: (options: { outDir: string; stagingDir: string }) => Promise<RunnerArtifact>;
  /** Whether the host's PATH holds `node` (the tarball) or nothing (the single executable). */
  pathHoldsNode: boolean;
  /** What the manifest's environment block says about how this Winnow was installed. */
  installedAs: InstalledAs;
}

interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

export function testRunnerArtifact({ pack, pathHoldsNode, installedAs }: RunnerArtifactCase): void {
  let work: string;
  let artifact: RunnerArtifact;
  /** The empty folder the tarball is unpacked in, standing for a training host. */
  let host: string;
  let env: NodeJS.ProcessEnv;

  /** Runs `winnow-runner/bin/winnow` on the host, with nothing else on PATH. */
  function winnow(...args: string[]): Promise<Finished> {
    return new Promise((resolve) => {
      execFile(join(host, 'winnow-runner', 'bin', 'winnow'), args, { cwd: host, env, timeout: COMMAND_TIMEOUT_MS }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'winnow-runner-artifact-'));
    artifact = await pack({ outDir: join(work, 'out'), stagingDir: join(work, 'staging') });
    host = join(work, 'host');
    await mkdir(host);
    await new Promise<void>((resolve, reject) => execFile('tar', ['-xzf', artifact.path, '-C', host], (error) => (error ? reject(error) : resolve())));
    const path = join(work, 'path');
    await mkdir(path);
    if (pathHoldsNode) await symlink(process.execPath, join(path, 'node'));
    env = { PATH: path, HOME: join(work, 'home') };
    await cp(flights, join(host, 'flights'), { recursive: true });
  }, PACK_TIMEOUT_MS);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('stays within its size budget', () => {
    process.stdout.write(
      `${artifact.path.split('/').pop()}: ${(artifact.bytes / 1024 ** 2).toFixed(1)} MiB (budget ${(artifact.budgetBytes / 1024 ** 2).toFixed(1)} MiB)\n`,
    );
    expect(artifact.bytes).toBeLessThanOrEqual(artifact.budgetBytes);
  });

  it('unpacks to winnow-runner/ with the launcher, the native DuckDB binding for this platform and the licences, and no app, build or test tools', async () => {
    expect(await readdir(host)).toEqual(['flights', 'winnow-runner']);
    const files = await listFiles(join(host, 'winnow-runner'));
    expect(files).toContain('bin/winnow');
    expect(files.some((file) => file.endsWith('/duckdb.node') || file === 'lib/duckdb.node')).toBe(true);
    expect(files.some((file) => file.endsWith('libduckdb.so'))).toBe(true);
    expect(files).toContain('THIRD-PARTY-LICENSES.md');
    const names = new Set(artifact.packages.map((pkg) => pkg.name));
    for (const name of NOT_IN_RUNNER) expect(names.has(name), name).toBe(false);
    expect(files.filter((file) => NOT_IN_RUNNER.some((name) => file.includes(`node_modules/${name}/`)))).toEqual([]);
    const licences = await readFile(join(host, 'winnow-runner', 'THIRD-PARTY-LICENSES.md'), 'utf8');
    for (const pkg of artifact.packages) expect(licences).toContain(`## ${pkg.name} ${pkg.version} (`);
  });

  it('runs a real spec with only the artifact on the host, writing the same outputs as `winnow` in the checkout, and verify passes', async () => {
    const ran = await winnow('run', 'flights/flights.winnow.yaml', '--out', 'out/flights');
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('flights: PASSED');
    const manifest = JSON.parse(await readFile(join(host, 'out', 'flights', 'manifest.json'), 'utf8')) as Manifest & { environment?: RunEnvironment };
    expect(manifest.status).toBe('passed');
    // Checked once `winnow run` writes the environment block (pipelines/node/run-to-disk/environment.ts).
    if (manifest.environment) expect(manifest.environment.winnow.installedAs).toBe(installedAs);
    expect(manifest.rowCounts.read).toBe(manifest.rowCounts.kept + manifest.rowCounts.rejected + manifest.rowCounts.dropped);
    expect(manifest.outputs.map((output) => output.name)).toEqual(['train', 'valid', 'test']);
    for (const output of manifest.outputs) {
      for (const file of output.files)
        expect(await hashFile(join(host, 'out', 'flights', file.path))).toMatchObject({ sha256: file.sha256, bytes: file.bytes });
    }

    // The same spec through the CLI's source in this checkout: byte-identical outputs.
    const reference = join(work, 'reference');
    const code = await main(['run', join(host, 'flights', 'flights.winnow.yaml'), '--out', reference], { out: () => {}, err: () => {}, isTTY: false });
    expect(code).toBe(0);
    const expected = JSON.parse(await readFile(join(reference, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.outputs).toEqual(expected.outputs);
    expect(manifest.rejects).toEqual(expected.rejects);
    expect(manifest.spec.sha256).toBe(expected.spec.sha256);
    expect(manifest.tool).toEqual(expected.tool);
    expect(manifest.engine).toEqual(expected.engine);

    const verified = await winnow('verify', 'out/flights/manifest.json');
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toContain('all 8 files match');
  });

  it('verify ignores the environment block and still catches a changed output', async () => {
    const path = join(host, 'out', 'flights', 'manifest.json');
    const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest & { environment?: RunEnvironment };
    manifest.environment = {
      os: { platform: 'linux', arch: 'arm64', name: 'another host', kernel: '0.0.0' },
      cpu: { model: 'elsewhere', count: 1 },
      memory: { totalBytes: 1 },
      node: '99.0.0',
      duckdb: 'v0.0.0',
      winnow: { version: '0.0.0', installedAs: 'repo' },
      gpus: [],
    };
    await writeFile(path, JSON.stringify(manifest, null, 2));
    expect(await winnow('verify', 'out/flights/manifest.json')).toMatchObject({ code: 0 });
    await writeFile(join(host, 'out', 'flights', 'valid.parquet'), 'not the data');
    const broken = await winnow('verify', 'out/flights/manifest.json');
    expect(broken.code).toBe(1);
    expect(broken.stdout + broken.stderr).toContain('valid.parquet');
  });

  it('validate, profile and drift work from the artifact', async () => {
    const validated = await winnow('validate', 'flights/flights.winnow.yaml');
    expect(validated).toMatchObject({ code: 0, stderr: '' });
    expect(validated.stdout).toContain('valid');
    const profiled = await winnow('profile', 'flights/data/flights.csv', '--json');
    expect(profiled.code).toBe(0);
    expect(JSON.stringify(JSON.parse(profiled.stdout))).toContain('"delay"');
    const drifted = await winnow('drift', 'flights/data/flights-baseline.parquet', 'flights/data/flights.csv', '--json');
    expect(drifted.stderr).toBe('');
    expect([0, 1]).toContain(drifted.code);
    expect(JSON.stringify(JSON.parse(drifted.stdout))).toContain('"delay"');
  });

  it('reads an Arrow IPC source (through the duckdb-wasm build it carries)', async () => {
    const rows = 500;
    const table = tableFromArrays({
      id: Int32Array.from({ length: rows }, (_, index) => index + 1),
      temp: Float64Array.from({ length: rows }, (_, index) => (index % 40) - 5),
    });
    await mkdir(join(host, 'arrow'), { recursive: true });
    await writeFile(join(host, 'arrow', 'readings.arrow'), tableToIPC(table, 'file'));
    await writeFile(
      join(host, 'arrow', 'readings.winnow.yaml'),
      'version: 1\nname: readings\nseed: 3\nsources:\n  readings: { uri: readings.arrow, format: arrow }\nsteps:\n  - { id: cold, check: between, column: temp, min: -5, max: 30, on_fail: reject }\noutputs:\n  - { name: kept }\n',
    );
    const ran = await winnow('run', 'arrow/readings.winnow.yaml', '--out', 'out/arrow', '--json');
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const manifest = JSON.parse(ran.stdout) as Manifest;
    const tooWarm = Array.from(table.getChild('temp')!.toArray() as Float64Array).filter((temp) => temp > 30).length;
    expect(tooWarm).toBeGreaterThan(0);
    expect(manifest.rowCounts).toMatchObject({ read: rows, rejected: tooWarm, kept: rows - tooWarm });
  });

  it('reads an http source through its download cache, pinning the URL and ETag', async () => {
    const csv = 'id,temp\n' + Array.from({ length: 50 }, (_, index) => `${index + 1},${index % 20}`).join('\n') + '\n';
    const server = createServer((request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': Buffer.byteLength(csv), ETag: '"readings-1"' });
      response.end(request.method === 'HEAD' ? undefined : csv);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/readings.csv`;
      await mkdir(join(host, 'remote'), { recursive: true });
      await writeFile(
        join(host, 'remote', 'readings.winnow.yaml'),
        `version: 1\nname: remote\nseed: 1\nsources:\n  readings: { uri: "${uri}", format: csv }\nsteps:\n  - { id: known, check: not_null, column: temp }\noutputs:\n  - { name: kept }\n`,
      );
      const ran = await winnow('run', 'remote/readings.winnow.yaml', '--out', 'out/remote', '--json');
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      const manifest = JSON.parse(ran.stdout) as Manifest;
      expect(manifest.rowCounts).toMatchObject({ read: 50, kept: 50 });
      expect(manifest.inputs[0]!.files[0]).toMatchObject({ uri, etag: 'readings-1', bytes: Buffer.byteLength(csv) });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers --version with the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await winnow('--version')).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });
}
