/**
 * The spec as the app reads it: a view of the spec text, never a second truth. The text is what
 * the project file holds, what the export writes and what `winnow run` reads; the cells, the
 * settings panel and the views read this draft of it and change it through `reconcileYaml`, so
 * every edit rewrites only what it changes.
 *
 * A draft is the text's data as it stands, not yet validated (a cell being typed into may hold
 * an invalid value; the live run shows the validator's message at its field).
 */
import { parse, stringify } from 'yaml';
import { reconcileYaml } from '../../pipelines/spec/edit';
import { outputFrom } from '../../pipelines/spec/output-from';
import type { Gates, OutputSpec, SourceSpec, StepSpec } from '../../pipelines/spec/types';

export interface SpecDraft {
  version: number;
  name: string;
  seed?: number;
  input?: string;
  sources: Record<string, SourceSpec>;
  steps: StepSpec[];
  outputs?: OutputSpec[];
  gates?: Gates;
  [field: string]: unknown;
}

const cache = new Map<string, SpecDraft>();

const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The draft the text says (cached: every render reads it). Text that is not YAML reads as an empty spec. */
export function readDraft(text: string): SpecDraft {
  const cached = cache.get(text);
  if (cached) return cached;
  let data: Record<string, unknown>;
  try {
    data = asObject(parse(text));
  } catch {
    data = {};
  }
  const draft: SpecDraft = {
    ...data,
    version: typeof data.version === 'number' ? data.version : 1,
    name: typeof data.name === 'string' ? data.name : '',
    sources: asObject(data.sources) as Record<string, SourceSpec>,
    steps: Array.isArray(data.steps) ? (data.steps.filter((step) => step && typeof step === 'object') as StepSpec[]) : [],
  };
  if (cache.size > 64) cache.clear();
  cache.set(text, draft);
  return draft;
}

/** The text changed to say `next`, touching only what differs. */
export function writeDraft(text: string, next: SpecDraft): string {
  return reconcileYaml(text, next);
}

/**
 * The draft after a step's id changed from `from` to `to`, with the outputs that name it
 * (`from: <id>`, `from: <id>.<part>`) following. They follow only while the id is the step's
 * alone: a new id another step has, or an id with a dot (which would read as a part), leaves them be.
 */
export function followStepRename(draft: SpecDraft, from: string, to: string): SpecDraft {
  const ids = draft.steps.map((step) => step.id);
  if (from === to || from.includes('.') || to.includes('.') || ids.includes(from) || ids.filter((id) => id === to).length !== 1 || !draft.outputs) return draft;
  const outputs = draft.outputs.map((output) => {
    if (output.from === undefined) return output;
    const named = outputFrom(output.from);
    return named.stepId === from ? { ...output, from: named.part === null ? to : `${to}.${named.part}` } : output;
  });
  return { ...draft, outputs };
}

/** The source the steps run over: `input`, or the first source. */
export function inputName(draft: SpecDraft): string | undefined {
  return draft.input ?? Object.keys(draft.sources)[0];
}

export function inputUri(draft: SpecDraft): string | null {
  const name = inputName(draft);
  return name ? (draft.sources[name]?.uri ?? null) : null;
}

/** A file name without its folder and data extensions, as a spec name: "flights" for /data/flights.csv.gz. */
export function datasetStem(uri: string): string {
  const base =
    uri
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .split(/[/\\]/)
      .pop() ?? '';
  const stem = base
    .replace(/\.(gz|zst|bz2)$/i, '')
    .replace(/\.[A-Za-z0-9]+$/, '')
    .replace(/[*{}[\]]/g, '');
  return stem.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'pipeline';
}

/** The text of a new pipeline over one dataset. */
export function newSpecText(uri: string | null): string {
  return stringify(
    { version: 1, name: uri ? datasetStem(uri) : 'untitled', seed: 0, sources: uri ? { data: { uri } } : {}, steps: [], outputs: [] },
    { lineWidth: 0 },
  );
}

const remote = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Whether a spec's URI is a local path relative to the spec's folder. */
export function isRelativePath(uri: string): boolean {
  return !remote.test(uri) && !uri.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(uri) && !uri.startsWith('\\\\');
}

/** A spec's URI as the host opens it: relative paths are relative to the spec's folder. */
export function resolveUri(uri: string, folder: string | null): string {
  if (!folder || !isRelativePath(uri)) return uri;
  const base = folder.replace(/[\\/]+$/, '');
  const parts = `${base}/${uri}`.split('/');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '.' || (part === '' && resolved.length > 0)) continue;
    if (part === '..' && resolved.length > 1) resolved.pop();
    else resolved.push(part);
  }
  return resolved.join('/');
}

/** The draft with every local relative URI made absolute against `folder` (for runs outside it). */
export function withResolvedUris(draft: SpecDraft, folder: string | null): SpecDraft {
  if (!folder) return draft;
  const sources = Object.fromEntries(Object.entries(draft.sources).map(([name, source]) => [name, { ...source, uri: resolveUri(source.uri, folder) }]));
  return { ...draft, sources };
}
