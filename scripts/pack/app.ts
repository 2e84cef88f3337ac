/**
 * The desktop app, packaged (`npm run dist`). The app is staged in a folder of its own first, so
 * that electron-builder sees exactly what ships and nothing of the checkout:
 *
 *   app/
 *     package.json              name, version, main (dist/electron/main.mjs), and as dependencies
 *                               only the packages the main process loads
 *     dist/electron/            main.mjs and preload.cjs, built with scripts/build.mjs's options;
 *                               winnow-install.json says "packaged-app" (the manifest's environment)
 *     dist/renderer/            the renderer, built by Vite with vite.config.ts
 *     examples/                 the sample datasets the landing page offers
 *     node_modules/             the main process's runtime closure (scripts/pack/runtime-closure.ts)
 *
 * Then electron-builder packs it with electron-builder.yml, plus the folders and Electron's version
 * given here, and, where Electron cannot be downloaded, an Electron distribution already on disk
 * (`electronDist`).
 */
import { build as esbuild } from 'esbuild';
import { Arch, build as electronBuilder, Platform, type Configuration } from 'electron-builder';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build as viteBuild } from 'vite';
import { parse } from 'yaml';
import { electronMainBuild, preloadBuild, root } from '../esbuild-options.mjs';
import {
  assertLoadsByName,
  copyPackages,
  dependencyClosure,
  externalPackages,
  LOADED_BY_NAME,
  ONLY_FILES,
  typeOnlyDependencies,
  type RuntimePackage,
} from './runtime-closure';

/** Packages provided by the runtime itself, never copied: Electron is the app's executable. */
const PROVIDED = ['electron'];

export interface StagedApp {
  appDir: string;
  /** The packages copied into app/node_modules. */
  packages: RuntimePackage[];
  /** Type-only packages some of them declare as dependencies, left out (electron-builder may miss only these). */
  typeOnly: string[];
  /** The source files esbuild bundled into the main process (electron/desktop/main.ts, electron/host/…, pipelines/…). */
  mainSources: string[];
}

interface RootPackageJson {
  name: string;
  version: string;
  description: string;
  license: string;
  author?: unknown;
  homepage?: string;
}

/** Builds the app into `appDir` (emptied first): see the layout above. */
export async function stageApp(appDir: string): Promise<StagedApp> {
  await rm(appDir, { recursive: true, force: true });
  const electronDir = join(appDir, 'dist', 'electron');
  const main = await esbuild({ ...electronMainBuild(join(electronDir, 'main.mjs')), metafile: true });
  await esbuild(preloadBuild(join(electronDir, 'preload.cjs')));
  await assertLoadsByName([join(electronDir, 'main.mjs')]);
  await writeFile(join(electronDir, 'winnow-install.json'), JSON.stringify({ installedAs: 'packaged-app' }) + '\n');

  await viteBuild({
    configFile: join(root, 'vite.config.ts'),
    root: join(root, 'renderer'),
    logLevel: 'warn',
    build: { outDir: join(appDir, 'dist', 'renderer'), emptyOutDir: true },
  });
  await cp(join(root, 'examples'), join(appDir, 'examples'), { recursive: true });

  const roots = [...externalPackages(main.metafile).filter((name) => !PROVIDED.includes(name)), ...LOADED_BY_NAME];
  const packages = await dependencyClosure(roots, root);
  await copyPackages(packages, appDir, ONLY_FILES);

  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as RootPackageJson;
  const dependencies = Object.fromEntries(
    packages.filter((entry) => roots.includes(entry.name) && entry.relativeDir === `node_modules/${entry.name}`).map((entry) => [entry.name, entry.version]),
  );
  const appPackage = {
    name: pkg.name,
    productName: 'Winnow',
    version: pkg.version,
    description: pkg.description,
    license: pkg.license,
    ...(pkg.author ? { author: pkg.author } : {}),
    ...(pkg.homepage ? { homepage: pkg.homepage } : {}),
    type: 'module',
    main: 'dist/electron/main.mjs',
    dependencies,
  };
  await writeFile(join(appDir, 'package.json'), JSON.stringify(appPackage, null, 2) + '\n');
  const mainSources = Object.keys(main.metafile.inputs).filter((input) => !input.includes('node_modules/'));
  return { appDir, packages, typeOnly: await typeOnlyDependencies(packages), mainSources };
}

/** electron-builder.yml, as electron-builder reads it. */
export async function builderConfig(): Promise<Configuration> {
  return parse(await readFile(join(root, 'electron-builder.yml'), 'utf8')) as Configuration;
}

/** The Electron version installed (the devDependency the app is developed against). */
export async function electronVersion(): Promise<string> {
  return (JSON.parse(await readFile(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}

export interface PackAppOptions {
  /** A folder of the packer's own: the app is staged in `<stagingDir>/app`, electron-builder writes to `<stagingDir>/out`. */
  stagingDir: string;
  /** Only the unpacked app (electron-builder's `dir` target) rather than the installers electron-builder.yml lists. */
  dirOnly?: boolean;
  /** An unpacked Electron distribution (or its zip) to use instead of downloading one. */
  electronDist?: string;
}

export interface PackedApp {
  staged: StagedApp;
  outDir: string;
  /** What electron-builder wrote (installers; empty for `dirOnly`). */
  artifacts: string[];
}

/** Stages the app and packs it for this platform and architecture. */
export async function packApp(options: PackAppOptions): Promise<PackedApp> {
  const staged = await stageApp(join(options.stagingDir, 'app'));
  const outDir = join(options.stagingDir, 'out');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const base = await builderConfig();
  const config: Configuration = {
    ...base,
    directories: { ...base.directories, buildResources: join(root, base.directories?.buildResources ?? 'assets/icon'), output: outDir },
    electronVersion: await electronVersion(),
    // Any production dependency electron-builder cannot find fails the build, except the type-only ones left out on purpose.
    allowMissingDependencies: staged.typeOnly,
    ...(options.electronDist ? { electronDist: options.electronDist } : {}),
  };
  const platform = Platform.current();
  const arch = Arch[process.arch as keyof typeof Arch];
  const artifacts = await electronBuilder({
    projectDir: staged.appDir,
    config,
    targets: platform.createTarget(options.dirOnly ? ['dir'] : null, arch),
    publish: 'never',
  });
  return { staged, outDir, artifacts };
}
