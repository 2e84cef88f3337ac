/**
 * What a bundle needs at run time, and nothing else: the packages its code imports (esbuild's
 * metafile lists them as external imports), plus everything those depend on, found the way Node
 * finds them (node_modules folders, nearest first). The packaging scripts copy this closure
 * beside their bundles, so no npm, network or repository is needed where the artifact runs.
 */
import type { Metafile } from 'esbuild';
import { cp, readdir, readFile, stat } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';

/**
 * Packages Winnow's Node bundles load with require() by name at run time, which esbuild cannot see
 * as imports: duckdb-wasm's blocking Node build reads Arrow IPC sources (pipelines/engine/wasm-engine.ts).
 */
export const LOADED_BY_NAME = ['@duckdb/duckdb-wasm'];

/**
 * duckdb-wasm ships browser builds, a threaded build and source maps (138 MB); Node code resolves
 * only these files of it (pipelines/engine/wasm-engine.ts), so only they are shipped.
 */
export const ONLY_FILES: Record<string, string[]> = {
  '@duckdb/duckdb-wasm': [
    'package.json',
    'dist/duckdb-node-blocking.cjs',
    'dist/duckdb-eh.wasm',
    'dist/duckdb-mvp.wasm',
    'dist/duckdb-node-eh.worker.cjs',
    'dist/duckdb-node-mvp.worker.cjs',
  ],
};

/**
 * Packages that bundled code requires only inside try/catch, with a fallback of its own: linkedom
 * (inside the CLI's report chunk) tries the native `canvas` and uses its own shim without it. A
 * closure takes them when installed and goes on without them when not.
 */
export const OPTIONAL_IMPORTS = ['canvas'];

/** A package loaded by name must still be loaded by the bundles in `files`, or LOADED_BY_NAME is stale. */
export async function assertLoadsByName(files: string[]): Promise<void> {
  const code = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
  for (const name of LOADED_BY_NAME) {
    if (!code.includes(`${name}/`))
      throw new Error(`the bundle no longer loads ${name} by name: remove it from LOADED_BY_NAME in scripts/pack/runtime-closure.ts`);
  }
}

export interface RuntimePackage {
  name: string;
  version: string;
  /** The SPDX expression from its package.json. */
  license: string;
  /** Where it is installed. */
  dir: string;
  /** Its folder relative to the project root (`node_modules/@smithy/core`), kept in the copy so Node resolves the same way. */
  relativeDir: string;
}

/** The package part of an import specifier: `@aws-sdk/client-s3` of `@aws-sdk/client-s3/x`, `ajv` of `ajv/dist/runtime/equal.js`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));
}

/** The packages a build's outputs import from outside themselves (Node's own modules left out). */
export function externalPackages(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path, external } of output.imports) if (external && !isBuiltin(path)) names.add(packageOf(path));
  }
  return [...names].sort();
}

interface PackageJson {
  name: string;
  version: string;
  license?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

async function readPackageJson(dir: string): Promise<PackageJson | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The folder Node would load `name` from when required by code in `from`, searching no higher than `root`. */
async function findPackage(name: string, from: string, root: string): Promise<string | undefined> {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name);
    if (await stat(join(candidate, 'package.json')).catch(() => undefined)) return candidate;
    if (folder === root || dirname(folder) === folder) return undefined;
  }
}

/**
 * `roots` and everything they depend on at run time (dependencies, installed optional
 * dependencies, non-optional peers), as installed under `root`. Type-only packages (`@types/*`)
 * are left out. A required dependency that is not installed is an error.
 */
export async function dependencyClosure(roots: string[], root: string): Promise<RuntimePackage[]> {
  const found = new Map<string, RuntimePackage>();
  const queue: { name: string; from: string; optional: boolean; requiredBy: string }[] = roots.map((name) => ({
    name,
    from: root,
    optional: OPTIONAL_IMPORTS.includes(name),
    requiredBy: 'the bundle',
  }));
  while (queue.length) {
    const { name, from, optional, requiredBy } = queue.shift()!;
    if (name.startsWith('@types/')) continue;
    const dir = await findPackage(name, from, root);
    if (!dir) {
      if (optional) continue;
      throw new Error(`${name} (needed by ${requiredBy}) is not installed under ${root}: run npm install`);
    }
    if (found.has(dir)) continue;
    const pkg = (await readPackageJson(dir))!;
    found.set(dir, { name, version: pkg.version, license: pkg.license ?? 'UNKNOWN', dir, relativeDir: relative(root, dir) });
    const requiredHere = `${name}@${pkg.version}`;
    for (const dependency of Object.keys(pkg.dependencies ?? {})) queue.push({ name: dependency, from: dir, optional: false, requiredBy: requiredHere });
    for (const dependency of Object.keys(pkg.optionalDependencies ?? {})) queue.push({ name: dependency, from: dir, optional: true, requiredBy: requiredHere });
    for (const dependency of Object.keys(pkg.peerDependencies ?? {})) {
      if (!pkg.peerDependenciesMeta?.[dependency]?.optional) queue.push({ name: dependency, from: dir, optional: false, requiredBy: requiredHere });
    }
  }
  return [...found.values()].sort((a, b) => a.relativeDir.localeCompare(b.relativeDir));
}

/** The type-only packages (`@types/*`) that packages of a closure declare as dependencies and the closure leaves out. */
export async function typeOnlyDependencies(packages: RuntimePackage[]): Promise<string[]> {
  const names = new Set<string>();
  for (const pkg of packages) {
    const json = await readPackageJson(pkg.dir);
    for (const name of Object.keys({ ...json?.dependencies, ...json?.optionalDependencies })) if (name.startsWith('@types/')) names.add(name);
  }
  return [...names].sort();
}

/**
 * Files no runtime reads: TypeScript sources and declarations, source maps, build info. Node loads
 * neither .ts files nor maps unless asked to (the artifacts do not ask).
 */
export function isRuntimeFile(path: string): boolean {
  return !/\.([cm]?ts|map|tsbuildinfo)$/.test(path);
}

/**
 * Copies each package into `destination`, at the same path relative to it as it has under the
 * project root, without what no runtime reads and without nested node_modules (their packages,
 * when needed, are in the closure themselves). `onlyFiles` names, per package, the only files to
 * keep, for a package that ships far more than the bundle loads. Returns the bytes copied.
 */
export async function copyPackages(packages: RuntimePackage[], destination: string, onlyFiles: Record<string, string[]> = {}): Promise<number> {
  let bytes = 0;
  for (const pkg of packages) {
    const keep = onlyFiles[pkg.name];
    await cp(pkg.dir, join(destination, pkg.relativeDir), {
      recursive: true,
      dereference: true,
      filter: async (source) => {
        const inside = relative(pkg.dir, source);
        if (inside === '') return true;
        if (inside.split(sep).includes('node_modules')) return false;
        const info = await stat(source);
        if (info.isDirectory()) return keep ? keep.some((file) => file.startsWith(inside.split(sep).join('/') + '/')) : true;
        const wanted = keep ? keep.includes(inside.split(sep).join('/')) : isRuntimeFile(source);
        if (wanted) bytes += info.size;
        return wanted;
      },
    });
  }
  return bytes;
}

const LICENCE_FILE = /^(licen[sc]e|copying|notice)([.-].*)?$/i;

/** Each package's licence files, by name (LICENSE, LICENCE.md, COPYING, NOTICE). */
async function licenceTexts(dir: string): Promise<{ file: string; text: string }[]> {
  const names = (await readdir(dir)).filter((name) => LICENCE_FILE.test(name)).sort();
  return Promise.all(names.map(async (file) => ({ file, text: (await readFile(join(dir, file), 'utf8')).trim() })));
}

/**
 * One Markdown file with the licence of everything an artifact ships: each package's name,
 * version and SPDX licence, and the text of its licence files (or a line saying it ships none).
 * `extra` adds what is not a package (Node itself, in the single executable).
 */
export async function thirdPartyLicences(
  title: string,
  packages: RuntimePackage[],
  extra: { name: string; license: string; text: string }[] = [],
): Promise<string> {
  const sections = [`# ${title}\n`, `Winnow is MIT-licensed (package.json). It ships with the following, under their own licences.\n`];
  for (const item of extra) sections.push(`## ${item.name} (${item.license})\n\n\`\`\`\n${item.text}\n\`\`\`\n`);
  for (const pkg of packages) {
    const texts = await licenceTexts(pkg.dir);
    const body = texts.length
      ? texts.map(({ file, text }) => `${basename(file)}:\n\n\`\`\`\n${text}\n\`\`\``).join('\n\n')
      : `The package ships no licence file; its package.json declares ${pkg.license}.`;
    sections.push(`## ${pkg.name} ${pkg.version} (${pkg.license})\n\n${body}\n`);
  }
  return sections.join('\n');
}
