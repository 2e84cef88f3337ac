/**
 * The runner as one artifact (`npm run pack:runner`): a tarball with the bundled `winnow` CLI,
 * only its runtime dependencies, the native DuckDB binding for this platform, their licences and a
 * launcher, `winnow-runner/bin/winnow`. Unpacked anywhere with Node 20 or later on PATH, it runs
 * as `npx winnow` does in a checkout: no npm, no network, no repository.
 *
 * With `--sea`, the same CLI becomes a Node single executable application instead: the launcher is
 * Node itself with the CLI injected, so the host needs no Node at all. The native binding sits
 * beside it and is loaded by path.
 *
 *   winnow-runner/
 *     bin/winnow                  the launcher (tarball: a Node script; --sea: the executable)
 *     lib/                        the CLI bundle and its node_modules (tarball); the DuckDB binding
 *                                 and duckdb-wasm's Node build for Arrow IPC sources (--sea)
 *     THIRD-PARTY-LICENSES.md     every package shipped, with its licence text
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { cliBuild, common, root } from '../esbuild-options.mjs';
import {
  assertLoadsByName,
  copyPackages,
  dependencyClosure,
  externalPackages,
  LOADED_BY_NAME,
  ONLY_FILES,
  thirdPartyLicences,
  type RuntimePackage,
} from './runtime-closure';

const run = promisify(execFile);

/**
 * The tarball's size budget (it is 42.4 MiB). Most of it is DuckDB itself: the native library
 * (65 MB, 21 MB compressed) and duckdb-wasm's two Node builds that read Arrow IPC sources (74 MB,
 * 16.5 MB compressed); Winnow's code and the JavaScript packages are about 5 MB compressed.
 */
export const RUNNER_BUDGET_BYTES = 48 * 1024 ** 2;
/** The single executable's budget (it is 71.2 MiB): the same, plus Node itself (99 MB, 36 MB compressed). */
export const RUNNER_EXECUTABLE_BUDGET_BYTES = 84 * 1024 ** 2;

/** Packages that must never be in the runner: the app's UI, its shell and its build and test tools. */
export const NOT_IN_RUNNER = ['react', 'react-dom', 'electron', 'vite', '@playwright/test', 'playwright', 'playwright-core', 'vitest', 'esbuild', 'typescript'];

export interface PackRunnerOptions {
  /** Where the tarball goes (`dist` for `npm run pack:runner`). */
  outDir: string;
  /** A folder of the packer's own to build in; emptied first. */
  stagingDir: string;
  /** A Node single executable instead of a Node script as the launcher. */
  sea?: boolean;
}

export interface RunnerArtifact {
  /** The tarball. */
  path: string;
  bytes: number;
  budgetBytes: number;
  /** Every package shipped (inside the executable or beside it). */
  packages: RuntimePackage[];
}

async function packageVersion(): Promise<string> {
  return (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `linux-x64`: the platform whose native DuckDB binding the artifact carries (the one installed here). */
export function currentPlatform(): string {
  return `${process.platform}-${process.arch}`;
}

export function artifactFileName(version: string, sea: boolean): string {
  return `winnow-runner-${version}-${currentPlatform()}${sea ? '-sea' : ''}.tar.gz`;
}

/** The launcher of the tarball: a Node script, so it needs nothing but `node` on PATH (not even dirname). */
const LAUNCHER = `#!/usr/bin/env node
// winnow-runner's launcher: runs the bundled \`winnow\` CLI in ../lib with the Node on PATH.
'use strict';
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stderr.write('winnow: needs Node 20 or later; this is Node ' + process.version + '\\n');
  process.exit(2);
}
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
import(pathToFileURL(join(__dirname, '..', 'lib', 'winnow.mjs')).href).then(async ({ main }) => {
  process.exitCode = await main(process.argv.slice(2));
});
`;

function readme(version: string, sea: boolean): string {
  const needs = sea ? 'nothing but Linux (glibc 2.28 or later) on x64: Node is inside bin/winnow' : 'Node 20 or later on PATH';
  return `# winnow-runner ${version} (${currentPlatform()})

The \`winnow\` runner, unpacked anywhere. It needs ${needs}; no npm, no network, no repository.

    winnow-runner/bin/winnow run pipeline.winnow.yaml --out out/run
    winnow-runner/bin/winnow verify out/run/manifest.json
    winnow-runner/bin/winnow --help

\`winnow serve\` (browser mode) is not part of the runner: it needs the app, from a checkout.
Licences: THIRD-PARTY-LICENSES.md.
`;
}

async function tarball(stagingDir: string, folderName: string, path: string): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  await rm(path, { force: true });
  await run('tar', ['-czf', path, '-C', stagingDir, folderName]);
  return (await stat(path)).size;
}

export async function packRunner(options: PackRunnerOptions): Promise<RunnerArtifact> {
  const version = await packageVersion();
  const sea = options.sea ?? false;
  const folder = join(options.stagingDir, 'winnow-runner');
  await rm(options.stagingDir, { recursive: true, force: true });
  await mkdir(join(folder, 'bin'), { recursive: true });
  await mkdir(join(folder, 'lib'), { recursive: true });

  const packages = sea ? await stageExecutable(folder, options.stagingDir) : await stageScript(folder);
  const extra = sea ? [await nodeLicence()] : [];
  await writeFile(join(folder, 'THIRD-PARTY-LICENSES.md'), await thirdPartyLicences(`winnow-runner ${version}: third-party licences`, packages, extra));
  await writeFile(join(folder, 'README.md'), readme(version, sea));

  const path = join(options.outDir, artifactFileName(version, sea));
  const bytes = await tarball(options.stagingDir, 'winnow-runner', path);
  return { path, bytes, budgetBytes: sea ? RUNNER_EXECUTABLE_BUDGET_BYTES : RUNNER_BUDGET_BYTES, packages };
}

function nativeBinding(packages: RuntimePackage[]): RuntimePackage {
  const name = `@duckdb/node-bindings-${currentPlatform()}`;
  const binding = packages.find((pkg) => pkg.name === name);
  if (!binding) throw new Error(`${name} is not installed: the runner can only be packed for a platform whose native DuckDB binding is in node_modules`);
  return binding;
}

/** The tarball: the CLI bundle exactly as scripts/build.mjs builds it, with its runtime closure beside it. */
async function stageScript(folder: string): Promise<RuntimePackage[]> {
  const lib = join(folder, 'lib');
  const result = await build({ ...cliBuild(lib), metafile: true });
  await assertLoadsByName(
    Object.keys(result.metafile.outputs)
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => join(root, file)),
  );
  const packages = await dependencyClosure([...externalPackages(result.metafile), ...LOADED_BY_NAME], root);
  nativeBinding(packages);
  await copyPackages(packages, lib, ONLY_FILES);
  await writeFile(join(lib, 'winnow-install.json'), JSON.stringify({ installedAs: 'runner-artifact' }) + '\n');
  await writeFile(join(folder, 'bin', 'winnow'), LAUNCHER);
  await chmod(join(folder, 'bin', 'winnow'), 0o755);
  // bin/winnow is CommonJS (it has no extension); this keeps a "type": "module" further up from changing that.
  await writeFile(join(folder, 'package.json'), JSON.stringify({ name: 'winnow-runner', private: true, type: 'commonjs' }, null, 2) + '\n');
  return packages;
}

// ---------------------------------------------------------------------------------------------
// The single executable (Node's SEA). Node 20 embeds one CommonJS script, whose require() loads
// Node's own modules only; everything else must be inside that script or loaded by path.

/** Node's fuse for single executables, which postject flips when it injects the script. */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/**
 * The executable's first lines: where lib/ is (beside bin/, found from the executable's own path),
 * a require() that loads files from there, and the URL code bundled from ES modules gets for
 * `import.meta.url` (a CommonJS script has none), as if the CLI lived in lib/.
 */
const SEA_PRELUDE = `var __winnowLib = require('node:path').join(require('node:path').dirname(process.execPath), '..', 'lib');
var __winnowRequire = require('node:module').createRequire(require('node:path').join(__winnowLib, 'winnow.cjs'));
var __winnowModuleUrl = require('node:url').pathToFileURL(require('node:path').join(__winnowLib, 'winnow.cjs')).href;`;

/**
 * What the single executable cannot carry inside, loaded from lib/ beside it: the native DuckDB
 * binding (a shared library must be a file), and apache-arrow, so that it and duckdb-wasm's Node
 * build (loaded by path for Arrow IPC sources) share one copy: two copies break instanceof checks
 * between their tables. linkedom's optional `canvas` is absent, as it is in a checkout.
 */
const besideExecutable: Plugin = {
  name: 'beside-the-executable',
  setup(build) {
    build.onResolve({ filter: /^(@duckdb\/node-bindings|apache-arrow|canvas)$/ }, (args) => ({ path: args.path, namespace: 'beside' }));
    build.onLoad({ filter: /.*/, namespace: 'beside' }, (args) => {
      const contents =
        args.path === '@duckdb/node-bindings'
          ? `module.exports = __winnowRequire(require('node:path').join(__winnowLib, 'duckdb.node'));`
          : args.path === 'canvas'
            ? `throw new Error('canvas is not part of winnow-runner');`
            : `module.exports = __winnowRequire(${JSON.stringify(args.path)});`;
      return { contents, loader: 'js' };
    });
  },
};

/**
 * A single executable built with a code cache has no import() at all in Node 20, not even of
 * Node's own modules; some packages import those lazily (the AWS SDK: node:http, node:async_hooks).
 * Each such import becomes a require() inside the script, which keeps its laziness.
 */
const builtinsByRequire: Plugin = {
  name: 'builtins-by-require',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' && (args.path.startsWith('node:') || builtinModules.includes(args.path))
        ? { path: args.path, namespace: 'builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** The packages esbuild put inside a bundle, from the files its metafile lists. */
async function bundledPackages(metafile: Metafile): Promise<RuntimePackage[]> {
  const dirs = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) dirs.add(match[1]!);
  }
  const packages: RuntimePackage[] = [];
  for (const relativeDir of [...dirs].sort()) {
    const dir = join(root, relativeDir);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    packages.push({ name: pkg.name, version: pkg.version, license: pkg.license ?? 'UNKNOWN', dir, relativeDir });
  }
  return packages;
}

async function stageExecutable(folder: string, stagingDir: string): Promise<RuntimePackage[]> {
  if (process.platform !== 'linux')
    throw new Error('--sea is built and tested on Linux only (macOS needs a Mach-O segment and re-signing, Windows a PE resource)');
  const lib = join(folder, 'lib');
  const work = join(stagingDir, 'sea');
  await mkdir(work, { recursive: true });
  const script = join(work, 'winnow.cjs');
  // The CLI's options, but one CommonJS script with every package inside, as Node 20's single executables require.
  const { packages: _external, ...bundleEverything } = common;
  const { metafile } = await build({
    ...bundleEverything,
    stdin: {
      contents: "import { main } from './pipelines/node/cli/cli';\nmain(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n",
      resolveDir: root,
      sourcefile: 'sea-main.ts',
      loader: 'ts',
    },
    outfile: script,
    format: 'cjs',
    sourcemap: false,
    banner: { js: SEA_PRELUDE },
    define: { 'import.meta.url': '__winnowModuleUrl' },
    plugins: [besideExecutable, builtinsByRequire],
    metafile: true,
  });
  const left = externalPackages(metafile);
  if (left.length) throw new Error(`the single executable cannot load ${left.join(', ')}: bundle them or load them from lib/`);
  const dynamic = Object.values(metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.kind === 'dynamic-import' && entry.external).map((entry) => entry.path),
  );
  if (dynamic.length) throw new Error(`the single executable cannot import() ${dynamic.join(', ')}: use require() or process.getBuiltinModule()`);

  const binding = nativeBinding(await dependencyClosure(['@duckdb/node-bindings'], root));
  for (const file of await readdir(binding.dir)) {
    if (/\.(node|so|dylib|dll)$/.test(file)) await copyFile(join(binding.dir, file), join(lib, file));
  }
  const beside = await dependencyClosure([...LOADED_BY_NAME, 'apache-arrow'], root);
  await copyPackages(beside, lib, ONLY_FILES);

  const blob = join(work, 'winnow.blob');
  await writeFile(join(work, 'sea-config.json'), JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }));
  await run(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')]);
  const executable = join(folder, 'bin', 'winnow');
  const node = await readFile(process.execPath);
  if (!node.includes(SEA_FUSE))
    throw new Error(`${process.execPath} (Node ${process.version}) has no single-executable fuse: use an official Node 20.12+ build`);
  await writeFile(executable, node);
  await chmod(executable, 0o755);
  // postject's command in its own process: its ELF library's warnings stay out of the output unless it fails.
  const postject = createRequire(import.meta.url).resolve('postject/dist/cli.js');
  await run(process.execPath, [postject, executable, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE], { maxBuffer: 16 * 1024 ** 2 });

  const shipped = new Map<string, RuntimePackage>();
  for (const pkg of [...(await bundledPackages(metafile)), binding, ...beside]) shipped.set(pkg.relativeDir, pkg);
  return [...shipped.values()].sort((a, b) => a.relativeDir.localeCompare(b.relativeDir));
}

/** Node's own licence, for the executable that carries Node. */
async function nodeLicence(): Promise<{ name: string; license: string; text: string }> {
  const candidates = [join(dirname(process.execPath), '..', 'share', 'doc', 'node', 'LICENSE'), '/usr/share/doc/nodejs/LICENSE', '/usr/share/doc/node/LICENSE'];
  for (const candidate of candidates) {
    const text = await readFile(candidate, 'utf8').catch(() => undefined);
    if (text) return { name: `Node.js ${process.version}`, license: 'MIT and others', text: text.trim() };
  }
  return { name: `Node.js ${process.version}`, license: 'MIT and others', text: `See https://github.com/nodejs/node/blob/${process.version}/LICENSE` };
}
