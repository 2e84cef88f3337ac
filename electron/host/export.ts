/**
 * "Export pipeline": the spec (YAML) and a snapshot manifest that pins every input by size and
 * sha256 into one folder, and the exact command that runs it headlessly and proves the inputs
 * are still the ones pinned. The export is portable: local inputs are named relative to the
 * folder (never by this machine's absolute paths), and inputs outside it can be copied in, so
 * the folder alone is the pipeline.
 */
import { constants } from 'node:fs';
import { access, copyFile, cp, mkdir, stat } from 'node:fs/promises';
import { delimiter, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PROJECT_SPEC_FILE, type ExportResult } from '../../pipelines/protocol/host';
import { MANIFEST_VERSION, type InputEntry } from '../../pipelines/manifest/manifest';
import { sha256Text } from '../../pipelines/node/sources/hash';
import { inputFileEntry, resolveSources } from '../../pipelines/node/run-to-disk/run';
import { TOOL_VERSION } from '../../pipelines/node/engine/version';
import { parse } from 'yaml';
import { reconcileYaml } from '../../pipelines/spec/edit';
import { canonicalJson, parseSpec } from '../../pipelines/spec/parse';
import type { Spec } from '../../pipelines/spec/types';
import { writeFileAtomic } from './atomic-write';

/** The spec's file name in the exported folder: a project's. */
export const SPEC_FILE = PROJECT_SPEC_FILE;
export const SNAPSHOT_FILE = 'snapshot.json';
/** Where copied inputs go, one folder per source. */
export const DATA_FOLDER = 'data';

export interface ExportOptions {
  /** The folder relative source paths in `specYaml` are relative to; default: the current folder. */
  baseFolder?: string | null;
  /** Copy local inputs that lie outside `folder` into it. */
  copyInputs?: boolean;
  asOf?: string | null;
  /** Where the Winnow being used lives, for the install hint. */
  appDir?: string;
  /** The PATH to look for `winnow` on (default: this process's). */
  path?: string;
}

const remote = /^[a-z][a-z0-9+.-]*:\/\//i;
const globChars = /[*?[\]{}]/;

const posix = (path: string) => path.split(sep).join('/');

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

async function onPath(command: string, path: string): Promise<boolean> {
  for (const folder of path.split(delimiter).filter(Boolean)) {
    try {
      await access(join(folder, command), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** The folder part of a glob before its first wildcard: `/d/year=*\/*.csv` → `/d`. */
function globBase(path: string): string {
  const parts = path.split('/');
  const first = parts.findIndex((part) => globChars.test(part));
  return parts.slice(0, first).join('/') || '/';
}

/**
 * Copies one local input into `<folder>/data/<source>/`, keeping file names (and, for folders and
 * globs, the layout below the folder, so hive partitions stay partitions). Returns the new URI,
 * relative to `folder`.
 */
async function copyInput(folder: string, source: string, absolute: string, files: string[]): Promise<string> {
  const target = join(folder, DATA_FOLDER, source);
  await mkdir(target, { recursive: true });
  if (globChars.test(absolute)) {
    const base = globBase(absolute);
    for (const file of files) {
      const to = join(target, relative(base, file));
      await mkdir(dirname(to), { recursive: true });
      await copyFile(file, to);
    }
    return posix(join(DATA_FOLDER, source, relative(base, absolute)));
  }
  const info = await stat(absolute);
  const name = absolute
    .replace(/[\\/]+$/, '')
    .split(/[\\/]/)
    .pop()!;
  if (info.isDirectory()) {
    await cp(absolute, join(target, name), { recursive: true });
    return posix(join(DATA_FOLDER, source, name)) + '/';
  }
  await copyFile(absolute, join(target, name));
  return posix(join(DATA_FOLDER, source, name));
}

export async function exportPipeline(folder: string, specYaml: string, options: ExportOptions = {}): Promise<ExportResult> {
  await mkdir(folder, { recursive: true });
  const specPath = join(folder, SPEC_FILE);
  const base = options.baseFolder ?? process.cwd();
  // Validate first, against where the spec's paths are relative to now.
  const original = parseSpec(specYaml, specPath);
  const resolved = await resolveSources(original, join(base, SPEC_FILE));

  const uris: Record<string, string> = {};
  const notes = new Map<string, { outside: boolean; copied: boolean }>();
  for (const source of resolved) {
    const uri = original.sources[source.name]!.uri;
    if (remote.test(uri)) {
      uris[source.name] = uri;
      notes.set(source.name, { outside: false, copied: false });
      continue;
    }
    const absolute = resolve(base, uri);
    if (!inside(folder, absolute) && options.copyInputs) {
      uris[source.name] = await copyInput(folder, source.name, absolute, source.files);
      notes.set(source.name, { outside: false, copied: true });
    } else {
      uris[source.name] = posix(relative(folder, absolute)) + (uri.endsWith('/') ? '/' : '');
      notes.set(source.name, { outside: !inside(folder, absolute), copied: false });
    }
  }
  const data = parse(specYaml) as Spec;
  const portableYaml = reconcileYaml(specYaml, {
    ...data,
    sources: Object.fromEntries(Object.entries(data.sources).map(([name, source]) => [name, { ...source, uri: uris[name] ?? source.uri }])),
  });
  const spec = parseSpec(portableYaml, specPath);
  await writeFileAtomic(specPath, portableYaml);

  const sources = await resolveSources(spec, specPath);
  const inputs: InputEntry[] = await Promise.all(
    sources.map(async (source) => ({
      source: source.name,
      uri: source.uri,
      format: source.format,
      rows: null,
      schema: [],
      files: await Promise.all(source.files.map((file, index) => inputFileEntry(folder, file, source.remote?.[index]))),
    })),
  );
  const snapshot = {
    manifestVersion: MANIFEST_VERSION,
    kind: 'snapshot',
    tool: { name: 'winnow', version: TOOL_VERSION },
    spec: { path: SPEC_FILE, name: spec.name, sha256: sha256Text(canonicalJson(spec)) },
    createdAt: new Date().toISOString(),
    inputs,
    outputs: [],
    steps: [],
  };
  const snapshotPath = join(folder, SNAPSHOT_FILE);
  await writeFileAtomic(snapshotPath, JSON.stringify(snapshot, null, 2) + '\n');

  const asOf = options.asOf ? ` --as-of ${shellQuote(options.asOf)}` : '';
  const found = await onPath('winnow', options.path ?? process.env.PATH ?? '');
  const appDir = options.appDir ?? process.cwd();
  return {
    folder,
    specPath,
    snapshotPath,
    command: `cd ${shellQuote(folder)} && winnow run ${SPEC_FILE} --snapshot ${SNAPSHOT_FILE} --out out${asOf}`,
    onPath: found,
    install: `npm install -g ${shellQuote(appDir)}`,
    inputs: inputs.map((input) => ({
      source: input.source,
      uri: input.uri,
      files: input.files.length,
      bytes: input.files.reduce((sum, file) => sum + file.bytes, 0),
      ...notes.get(input.source)!,
    })),
  };
}
