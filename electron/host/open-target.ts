/**
 * What `winnow serve --open PATH` and `npm start -- PATH` open: a dataset (as before), a project
 * folder (one holding pipeline.winnow.yaml), or a spec file (`*.yaml`, `*.yml`). A project or spec
 * is checked before anything starts — it reads as YAML and its input can be read — so a bad path
 * is one line in the terminal, not a broken page. Both shells' main processes use this; it has no
 * Electron import, so it is tested in Node.
 */
import { stat, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { WinnowError } from '../../pipelines/errors';
import { isGlob } from '../../pipelines/ingest/glob-pattern';
import type { SourceSpec } from '../../pipelines/spec/types';
import { isHttpUri } from '../../pipelines/node/sources/http-source';
import { resolveSource } from '../../pipelines/node/sources/resolve-source';
import { isS3Uri } from '../../pipelines/node/sources/s3/s3-uri';
import { PROJECT_SPEC_FILE } from '../../pipelines/protocol/host';

/** The spec file of a project folder. */
/** A spec written by hand is larger than this only by mistake. */
const SPEC_MAX_BYTES = 8 * 1024 ** 2;
const SPEC_FILE_NAME = /\.ya?ml$/i;

export type OpenTarget = { kind: 'dataset'; uri: string } | { kind: 'project'; folder: string } | { kind: 'spec'; file: string };

/** A spec file's text; anything but a regular file of a spec's size is refused in one line. */
export async function readSpecFile(file: string): Promise<string> {
  const info = await stat(file).catch(() => {
    throw new WinnowError('no such file', { file }, 'input');
  });
  if (!info.isFile()) throw new WinnowError('not a file: a spec is a .winnow.yaml file', { file }, 'input');
  if (info.size > SPEC_MAX_BYTES) throw new WinnowError(`larger than ${SPEC_MAX_BYTES / 1024 ** 2} MB: not a spec`, { file }, 'input');
  return readFile(file, 'utf8');
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Refuses a spec that would open broken: not YAML, not a mapping, an input that names no source,
 * or a local input that cannot be read (relative paths are relative to the spec's folder, as the
 * runner reads them). Remote inputs are read when the app opens them, with their progress shown.
 */
export async function checkSpecInput(file: string): Promise<void> {
  const document = parseDocument(await readSpecFile(file));
  const error = document.errors[0];
  if (error)
    throw new WinnowError(
      `not valid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:$/, '')}`,
      { file, line: error.linePos?.[0]?.line },
      'spec',
    );
  const spec = document.toJS() as unknown;
  if (!isMapping(spec)) throw new WinnowError('a spec is a mapping with version, name, sources and steps', { file, line: 1 }, 'spec');
  if (!isMapping(spec.sources) || Object.keys(spec.sources).length === 0) return;
  const name = typeof spec.input === 'string' ? spec.input : Object.keys(spec.sources)[0]!;
  const source = spec.sources[name];
  if (!isMapping(source)) throw new WinnowError(`the input names source "${name}", which sources does not define`, { file, field: 'input' }, 'spec');
  if (typeof source.uri !== 'string' || source.uri === '')
    throw new WinnowError(`input source "${name}" has no uri`, { file, field: `sources.${name}.uri` }, 'spec');
  if (isS3Uri(source.uri) || isHttpUri(source.uri)) return;
  try {
    await resolveSource(name, source as unknown as SourceSpec, dirname(file));
  } catch (problem) {
    if (!(problem instanceof WinnowError)) throw problem;
    throw new WinnowError(`input source "${name}" cannot be read: ${problem.message}`, { file, field: `sources.${name}.uri` }, 'input');
  }
}

/** What `path` names, relative to `cwd`; a path that names nothing is refused in one line. */
export async function resolveOpenTarget(path: string, cwd: string): Promise<OpenTarget> {
  if (path.trim() === '' || /[\0\r\n\u2028\u2029]/.test(path)) throw new WinnowError(`not a path: ${JSON.stringify(path)}`, {}, 'input');
  if (isS3Uri(path) || isHttpUri(path)) return { kind: 'dataset', uri: path };
  const absolute = resolve(cwd, path);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) {
    if (isGlob(path)) return { kind: 'dataset', uri: absolute };
    throw new WinnowError('no such file or folder', { file: absolute }, 'input');
  }
  if (info.isDirectory()) {
    const spec = join(absolute, PROJECT_SPEC_FILE);
    // A folder without a spec is a dataset of partitions, as it always was.
    if (!(await stat(spec).catch(() => undefined))) return { kind: 'dataset', uri: absolute };
    await checkSpecInput(spec);
    return { kind: 'project', folder: absolute };
  }
  if (!SPEC_FILE_NAME.test(absolute)) return { kind: 'dataset', uri: absolute };
  await checkSpecInput(absolute);
  return basename(absolute) === PROJECT_SPEC_FILE ? { kind: 'project', folder: dirname(absolute) } : { kind: 'spec', file: absolute };
}

/** The query parameter the app reads at start to open the target (App.tsx). */
export function openQuery(target: OpenTarget): string {
  const [key, value] = target.kind === 'dataset' ? ['open', target.uri] : target.kind === 'project' ? ['project', target.folder] : ['spec', target.file];
  return `${key}=${encodeURIComponent(value)}`;
}

/**
 * The path the desktop app was asked to open: WINNOW_OPEN (set by `npm start`), else the first
 * argument that is not a flag (`Winnow pipeline.winnow.yaml`). `args` are those after the app's
 * own entry (after main.mjs when run by the electron binary).
 */
export function openArgument(args: readonly string[], env: Record<string, string | undefined>): string | undefined {
  return env.WINNOW_OPEN || args.find((arg) => !arg.startsWith('-'));
}

/** A refusal to open, as the one line a person sees in the terminal. */
export function openProblem(error: unknown): string {
  const line = error instanceof WinnowError ? error.oneLine() : error instanceof Error ? error.message : String(error);
  return line.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
