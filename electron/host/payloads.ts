/**
 * What each host request's payload must be, checked field by field. Without Node imports: the
 * sandboxed preload checks a request with it before sending, and the host checks it again on
 * arrival (host/validate.ts then resolves paths). A payload that passes comes back holding only
 * its request's fields: strings of bounded size without NUL or line breaks where a path, URL or
 * id is meant; ids shaped as the host makes them; local paths where a folder or file on this
 * machine is meant; http(s):// or s3:// only where a dataset may be remote; JSON that can be saved.
 * Every refusal is a BadRequest with one line naming the field.
 */
import { HostRequest, hostRequestTypes, type JobKind, type Payloads } from '../../pipelines/protocol/host';

/** Raised for a malformed request; the transports answer it with a 400 and the message. */
export class BadRequest extends Error {}

/** A spec's text, or a project's saved state. */
const MAX_TEXT = 4 * 1024 * 1024;
const MAX_PATH = 4096;
/** What autosave and a project's UI state may hold, as JSON. */
const MAX_JSON = 16 * 1024 * 1024;

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** `scheme:` at the start, other than a Windows drive letter (`C:\`, `C:/`). */
const SCHEME = /^(?![a-z]:[\\/])[a-z][a-z0-9+.-]*:/i;
const JOB_KINDS: readonly JobKind[] = ['profile', 'run'];

/** `text` quoted on one line (JSON escapes control characters; U+2028/9 too), cut to `max` characters. */
export function quoted(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function requestType(value: unknown): HostRequest {
  if (typeof value === 'string' && hostRequestTypes.has(value)) return value as HostRequest;
  throw new BadRequest(`unknown request ${typeof value === 'string' ? quoted(value) : `(${value === null ? 'null' : typeof value})`}`);
}

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new BadRequest('the payload must be an object');
  return value as Fields;
}

function present(payload: Fields, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(payload, key) && payload[key] !== undefined;
}

/** A string of at most `max` characters without NUL. */
function text(payload: Fields, key: string, max = MAX_TEXT): string {
  const value = present(payload, key) ? payload[key] : undefined;
  if (typeof value !== 'string') throw new BadRequest(`"${key}" must be a string`);
  if (value.length > max) throw new BadRequest(`"${key}" is longer than ${max} characters`);
  if (value.includes('\0')) throw new BadRequest(`"${key}" contains a NUL character`);
  return value;
}

/** A string on one line: a path, a URL, a name. */
function line(payload: Fields, key: string, max = MAX_PATH): string {
  const value = text(payload, key, max);
  if (CONTROL.test(value)) throw new BadRequest(`"${key}" contains a line break or control character`);
  return value;
}

function id(payload: Fields, key: string): string {
  const value = present(payload, key) ? payload[key] : undefined;
  if (typeof value !== 'string' || !ID.test(value)) throw new BadRequest(`"${key}" must be an id the host gave (a UUID)`);
  return value;
}

/** A file or folder on this machine: absolute, or relative to the host's folder. */
function localPath(payload: Fields, key: string, what: 'file' | 'folder' | 'path'): string {
  const value = line(payload, key);
  if (value.trim() === '') throw new BadRequest(`"${key}" is empty`);
  if (SCHEME.test(value)) throw new BadRequest(`"${key}" must be a local ${what}, not ${quoted(value)}`);
  return value;
}

/** A local path, or an http(s):// or s3:// URL that names a host or bucket. */
function pathOrUrl(payload: Fields, key: string): string {
  const value = line(payload, key);
  if (value.trim() === '') throw new BadRequest(`"${key}" is empty`);
  if (!SCHEME.test(value)) return value;
  if (/^s3:\/\/[^/?#\s]+/i.test(value)) return value;
  if (/^https?:\/\//i.test(value)) {
    // WHATWG URLs forgive `http:///a.csv` (host a.csv): a dataset's URL names its host where it should.
    if (/^https?:\/\/[^/\\?#\s]/i.test(value) && URL.canParse(value) && new URL(value).hostname) return value;
    throw new BadRequest(`"${key}" is not a URL: ${quoted(value)}`);
  }
  throw new BadRequest(`"${key}": only local paths and http(s):// or s3:// URLs can be opened, not ${quoted(value)}`);
}

function optional<T>(payload: Fields, key: string, read: (payload: Fields, key: string) => T): T | undefined {
  return present(payload, key) && payload[key] !== null ? read(payload, key) : undefined;
}

function boolean(payload: Fields, key: string): boolean {
  if (typeof payload[key] !== 'boolean') throw new BadRequest(`"${key}" must be true or false`);
  return payload[key] as boolean;
}

function time(payload: Fields, key: string): number {
  const value = payload[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new BadRequest(`"${key}" must be a time in milliseconds`);
  return value;
}

/** JSON the host can write: no cycles, no big integers, within the size autosave keeps. */
function json(payload: Fields, key: string): unknown {
  const value = payload[key];
  let written: string | undefined;
  try {
    written = JSON.stringify(value);
  } catch {
    throw new BadRequest(`"${key}" cannot be saved as JSON (it holds a cycle or a big integer)`);
  }
  if (written === undefined) throw new BadRequest(`"${key}" cannot be saved as JSON`);
  if (written.length > MAX_JSON) throw new BadRequest(`"${key}" is too large to save (over ${MAX_JSON / 1024 ** 2} MB as JSON)`);
  return value;
}

function object(payload: Fields, key: string): Fields {
  const value = payload[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequest(`"${key}" must be an object`);
  json(payload, key);
  return value as Fields;
}

function stringList(payload: Fields, key: string): string[] {
  const value = payload[key];
  if (!Array.isArray(value) || value.length > 10_000 || value.some((item) => typeof item !== 'string' || item.length > 1024 || item.includes('\0'))) {
    throw new BadRequest(`"${key}" must be a list of strings`);
  }
  return [...(value as string[])];
}

/** An as-of time as the runner's --as-of reads it (a date, or a date and time). */
function asOf(payload: Fields, key: string): string {
  const value = line(payload, key, 64);
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new BadRequest(`"${key}" must be a date or date and time such as 2026-03-31T12:00, not ${quoted(value)}`);
  }
  return value;
}

/** An S3 bucket name: one path segment. */
function bucket(payload: Fields, key: string): string {
  const value = line(payload, key, 255);
  if (value.includes('/')) throw new BadRequest(`"${key}" must be a bucket name, without '/'`);
  return value;
}

type Checks = { [T in HostRequest]: (payload: Fields) => Payloads[T] };

const none = () => ({}) as Record<string, never>;

const checks: Checks = {
  [HostRequest.OpenDataset]: (payload) => ({ uri: pathOrUrl(payload, 'uri') }),
  [HostRequest.DatasetStatus]: (payload) => ({ datasetId: id(payload, 'datasetId') }),
  [HostRequest.SampleDatasets]: none,
  [HostRequest.RecentDatasets]: none,
  [HostRequest.ListFolder]: (payload) => {
    const path = optional(payload, 'path', (each, key) => localPath(each, key, 'folder'));
    return path === undefined ? {} : { path };
  },
  [HostRequest.ProfileFull]: (payload) => {
    const columns = optional(payload, 'columns', stringList);
    return { datasetId: id(payload, 'datasetId'), ...(columns ? { columns } : {}) };
  },
  [HostRequest.StartJob]: (payload) => {
    const kind = payload.kind as JobKind;
    if (!JOB_KINDS.includes(kind)) throw new BadRequest(`"kind" must be ${JOB_KINDS.map((each) => `"${each}"`).join(' or ')}`);
    return kind === 'profile' ? { kind, datasetId: id(payload, 'datasetId') } : { kind, specYaml: text(payload, 'specYaml') };
  },
  [HostRequest.JobStatus]: (payload) => ({ jobId: id(payload, 'jobId') }),
  [HostRequest.CancelJob]: (payload) => ({ jobId: id(payload, 'jobId') }),
  [HostRequest.LoadProject]: (payload) => ({ folder: localPath(payload, 'folder', 'folder') }),
  [HostRequest.SaveProject]: (payload) => ({
    folder: localPath(payload, 'folder', 'folder'),
    specYaml: text(payload, 'specYaml'),
    uiState: present(payload, 'uiState') ? json(payload, 'uiState') : {},
  }),
  [HostRequest.ReadRecovery]: none,
  [HostRequest.WriteRecovery]: (payload) => ({ project: object(payload, 'project') as Payloads[HostRequest.WriteRecovery]['project'] }),
  [HostRequest.ClearRecovery]: none,
  [HostRequest.Settings]: none,
  [HostRequest.ImportGxSuite]: (payload) => ({ path: localPath(payload, 'path', 'file') }),
  [HostRequest.ReadSpec]: (payload) => ({ path: localPath(payload, 'path', 'file') }),
  [HostRequest.ExportPipeline]: (payload) => ({
    folder: localPath(payload, 'folder', 'folder'),
    specYaml: text(payload, 'specYaml'),
    baseFolder: optional(payload, 'baseFolder', (each, key) => localPath(each, key, 'folder')) ?? null,
    copyInputs: optional(payload, 'copyInputs', boolean) ?? false,
    asOf: optional(payload, 'asOf', asOf) ?? null,
  }),
  [HostRequest.WatchProject]: (payload) => ({ folder: localPath(payload, 'folder', 'folder'), since: optional(payload, 'since', time) ?? 0 }),
  [HostRequest.ListS3]: (payload) => {
    const name = optional(payload, 'bucket', bucket);
    const prefix = optional(payload, 'prefix', (each, key) => line(each, key, 1024));
    return { ...(name ? { bucket: name } : {}), ...(prefix ? { prefix } : {}) };
  },
};

/**
 * The payload of a `type` request, checked: only its fields, each as the request needs it.
 * Throws BadRequest (one line, naming the field) for anything else.
 *
 * @example
 * checkPayload(HostRequest.JobStatus, { jobId: '../../etc' }) // throws: "jobId" must be an id the host gave (a UUID)
 */
export function checkPayload<T extends HostRequest>(type: T, payload: unknown): Payloads[T] {
  return checks[type](fields(payload)) as Payloads[T];
}
