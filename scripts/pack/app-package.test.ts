/**
 * The packaged desktop app, as far as it can be built here: Electron's binary cannot be downloaded
 * on this network, so electron-builder packs the real app (staged by scripts/pack/app.ts, with
 * electron-builder.yml) around a STAND-IN Electron distribution this test makes: a folder with an
 * `electron` file that is a two-line shell script carrying Electron's fuse wire (the sentinel and
 * the fuse bytes @electron/fuses looks for), a LICENSE and a locale. Everything electron-builder
 * does to the app (staging, asar, unpacking, fuses, renaming the executable) is real; the Electron
 * it wraps is not, so the app is not started. Staging and packing take about 40 s on two cores
 * (Vite builds the renderer, esbuild the main process); the test allows 5 minutes.
 */
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../testing/files-kit';
import { packApp, type PackedApp } from './app';

/** resources/ (app.asar and app.asar.unpacked): the app Winnow adds to Electron's own ~250 MB. */
const APP_BUDGET_BYTES = 260 * 1024 ** 2;
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's fuse defaults, in @electron/fuses' V1 order, as a real Electron binary ships them. */
const DEFAULT_WIRE = '10110001';

/** The stand-in for Electron's unpacked distribution (see the top of this file). */
async function makeElectronStandIn(folder: string): Promise<string> {
  await mkdir(join(folder, 'resources'), { recursive: true });
  await mkdir(join(folder, 'locales'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE, 'latin1')]);
  await writeFile(
    join(folder, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in for Electron: it cannot be downloaded here"\n# '), wire, Buffer.from('\n')]),
  );
  await chmod(join(folder, 'electron'), 0o755);
  await writeFile(join(folder, 'LICENSE'), "Stand-in for Electron's LICENSE file.\n");
  await writeFile(join(folder, 'locales', 'en-US.pak'), 'stand-in');
  return folder;
}

/** The package folder an asar entry belongs to (`/node_modules/@scope/name`), if any. */
function packageFolderOf(entry: string): string | undefined {
  const at = entry.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const rest = entry.slice(at + '/node_modules/'.length).split('/');
  const depth = rest[0]!.startsWith('@') ? 2 : 1;
  return rest.length < depth ? undefined : `${entry.slice(0, at)}/node_modules/${rest.slice(0, depth).join('/')}`;
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const file of await listFiles(folder)) total += (await stat(join(folder, file))).size;
  return total;
}

describe.skipIf(process.platform !== 'linux' || process.arch !== 'x64')('the packaged app (electron-builder --dir, around a stand-in Electron)', () => {
  let work: string;
  let packed: PackedApp;
  let resources: string;
  let asar: string;
  let entries: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'winnow-app-package-'));
    const electronDist = await makeElectronStandIn(join(work, 'electron-stand-in'));
    packed = await packApp({ stagingDir: join(work, 'pack'), dirOnly: true, electronDist });
    resources = join(packed.outDir, 'linux-unpacked', 'resources');
    asar = join(resources, 'app.asar');
    entries = listPackage(asar, { isPack: false }).map((entry) => entry.split('\\').join('/'));
  }, 300_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('packs the renderer bundle, the main process (with the host) and the preload into app.asar', async () => {
    for (const file of ['/package.json', '/dist/electron/main.mjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html']) expect(entries).toContain(file);
    expect(entries.some((file) => /^\/dist\/renderer\/assets\/index-[\w-]+\.js$/.test(file))).toBe(true);
    expect(packed.staged.mainSources).toEqual(expect.arrayContaining(['electron/desktop/main.ts', 'electron/host/host.ts']));
    const main = extractFile(asar, 'dist/electron/main.mjs');
    expect(main.equals(await readFile(join(packed.staged.appDir, 'dist', 'electron', 'main.mjs')))).toBe(true);
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString()) as { main: string; productName: string; type: string };
    expect(pkg).toMatchObject({ main: 'dist/electron/main.mjs', productName: 'Winnow', type: 'module' });
    expect(JSON.parse(extractFile(asar, 'dist/electron/winnow-install.json').toString())).toEqual({ installedAs: 'packaged-app' });
  });

  it("holds no tests, test servers or kits, sources or source maps of Winnow, and only the main process's production dependencies", async () => {
    const ours = entries.filter((file) => file !== '/node_modules' && !file.startsWith('/node_modules/'));
    expect(ours.filter((file) => /\.(test|spec)\.|\/e2e\/|\/testing\/|test-server|\.ts$|\.map$/.test(file))).toEqual([]);
    expect(new Set(ours.map((file) => file.split('/')[1]))).toEqual(new Set(['dist', 'examples', 'package.json']));

    // electron-builder lays node_modules out again (it hoists what it can, and may nest one package
    // in several places), so compare the packages by name and version: exactly the staged closure's.
    const folders = [...new Set(entries.map(packageFolderOf).filter((folder): folder is string => folder !== undefined))];
    const inAsar = folders.map((folder) => {
      const { name, version } = JSON.parse(extractFile(asar, `${folder.slice(1)}/package.json`).toString()) as { name: string; version: string };
      return `${name}@${version}`;
    });
    expect(new Set(inAsar)).toEqual(new Set(packed.staged.packages.map((pkg) => `${pkg.name}@${pkg.version}`)));
    const shipped = new Set(packed.staged.packages.map((pkg) => pkg.name));
    const root = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(root.devDependencies).filter((name) => shipped.has(name))).toEqual([]);
    for (const name of ['react', 'react-dom', 'electron', 'vite', '@playwright/test', 's3rver', 'vitest']) expect(shipped.has(name), name).toBe(false);
  });

  it('unpacks the native DuckDB binding (and libduckdb) from the asar so they load', async () => {
    const binding = 'node_modules/@duckdb/node-bindings-linux-x64';
    for (const file of ['duckdb.node', 'libduckdb.so']) {
      expect(statFile(asar, `${binding}/${file}`, false)).toMatchObject({ unpacked: true });
      expect((await stat(join(resources, 'app.asar.unpacked', binding, file))).size).toBeGreaterThan(0);
    }
    expect(statFile(asar, 'examples/flights/data/flights.csv', false)).toMatchObject({ unpacked: true });
  });

  it('flips the fuses: RunAsNode off, cookie encryption on, NODE_OPTIONS and inspect arguments off, asar integrity on, only-load-from-asar on', async () => {
    const wire = await getCurrentFuseWire(join(packed.outDir, 'linux-unpacked', 'winnow'));
    const state = (option: FuseV1Options) => String.fromCharCode(wire[option] as number);
    expect(state(FuseV1Options.RunAsNode)).toBe('0');
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
  });

  it('stays within its size budget', async () => {
    const bytes = await folderBytes(resources);
    process.stdout.write(
      `packaged app resources (app.asar + app.asar.unpacked): ${(bytes / 1024 ** 2).toFixed(1)} MiB (budget ${APP_BUDGET_BYTES / 1024 ** 2} MiB), besides Electron itself\n`,
    );
    expect(bytes).toBeLessThanOrEqual(APP_BUDGET_BYTES);
  });
});
