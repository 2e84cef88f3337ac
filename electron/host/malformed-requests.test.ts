/**
 * Issue 11, property tests of the host protocol's request validation. For every request type,
 * payloads made malformed in generated ways (a field missing or of the wrong type, huge strings,
 * NUL bytes and line breaks, URLs with odd schemes where a dataset or a local folder is meant,
 * ids that are paths, cycles and big integers an IPC message can carry) are answered 400 with one
 * short line: never 500, never a throw out of handle(), never a file written. Well-formed but
 * hostile requests (path traversal, unicode, glob characters, ids of nothing) that only read are
 * answered without a 500 either. The preload's bridge refuses the same payloads before sending,
 * and the browser-mode server answers them 400 over HTTP.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostRequest, hostRequestTypes } from '../../pipelines/protocol/host';
import { createBridge } from '../desktop/bridge';
import { startServer, type RunningServer } from '../server/server';
import { Host } from './host';
import { checkPayload } from './payloads';

let dir: string;
let cwd: string;
let host: Host;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-malformed-'));
  // The host's folder is three levels down, so a relative path with up to three `..` stays inside `dir`.
  cwd = join(dir, 'a', 'b', 'c');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(join(dir, 'a', 'project'));
  writeFileSync(join(dir, 'a', 'project', 'pipeline.winnow.yaml'), 'version: 1\nname: p\nsources:\n  s:\n    uri: data.csv\nsteps: []\n');
  writeFileSync(join(dir, 'a', 'data.csv'), 'a,b\n1,x\n');
  host = new Host({ dataDir: join(dir, 'data'), appDir: dir, cwd });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file and folder under `dir`, for "nothing was written". */
function tree(): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

type Kind = 'id' | 'localPath' | 'uri' | 'text' | 'uiState' | 'project' | 'boolean' | 'time' | 'jobKind' | 'bucket' | 'prefix' | 'asOf' | 'columns';

interface Field {
  key: string;
  kind: Kind;
  required: boolean;
}

const uuid = '0b0e8c1e-4f6a-4c1e-9b1e-2f3a4b5c6d7e';
const required = (key: string, kind: Kind): Field => ({ key, kind, required: true });
const optional = (key: string, kind: Kind): Field => ({ key, kind, required: false });

/** Each request's fields; StartJob's `kind` decides which of its others are required. */
const fieldsOf: Record<HostRequest, Field[]> = {
  [HostRequest.OpenDataset]: [required('uri', 'uri')],
  [HostRequest.DatasetStatus]: [required('datasetId', 'id')],
  [HostRequest.SampleDatasets]: [],
  [HostRequest.RecentDatasets]: [],
  [HostRequest.ListFolder]: [optional('path', 'localPath')],
  [HostRequest.ProfileFull]: [required('datasetId', 'id'), optional('columns', 'columns')],
  [HostRequest.StartJob]: [required('kind', 'jobKind'), required('specYaml', 'text')],
  [HostRequest.JobStatus]: [required('jobId', 'id')],
  [HostRequest.CancelJob]: [required('jobId', 'id')],
  [HostRequest.LoadProject]: [required('folder', 'localPath')],
  [HostRequest.SaveProject]: [required('folder', 'localPath'), required('specYaml', 'text'), optional('uiState', 'uiState')],
  [HostRequest.ReadRecovery]: [],
  [HostRequest.WriteRecovery]: [required('project', 'project')],
  [HostRequest.ClearRecovery]: [],
  [HostRequest.Settings]: [],
  [HostRequest.ImportGxSuite]: [required('path', 'localPath')],
  [HostRequest.ReadSpec]: [required('path', 'localPath')],
  [HostRequest.ExportPipeline]: [
    required('folder', 'localPath'),
    required('specYaml', 'text'),
    optional('baseFolder', 'localPath'),
    optional('copyInputs', 'boolean'),
    optional('asOf', 'asOf'),
  ],
  [HostRequest.WatchProject]: [required('folder', 'localPath'), optional('since', 'time')],
  [HostRequest.ListS3]: [optional('bucket', 'bucket'), optional('prefix', 'prefix')],
};

/** A value of the right shape for each kind (the base a malformed payload is made from). */
const validValue: Record<Kind, unknown> = {
  id: uuid,
  localPath: 'x',
  uri: 'x.csv',
  text: 'version: 1\n',
  uiState: { column: 'a' },
  project: { folder: null, specYaml: 'version: 1\n', uiState: {} },
  boolean: true,
  time: 0,
  jobKind: 'run',
  bucket: 'data',
  prefix: 'a/',
  asOf: '2026-03-31',
  columns: ['a'],
};

const CYCLE: Record<string, unknown> = { name: 'loop' };
CYCLE.self = CYCLE;
const BIG = { big: 10n };

/** Values of every type but those a kind takes; cycles and big integers as IPC's structured clone carries them. */
const anyType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt(),
  fc.string({ maxLength: 12 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
  fc.object({ maxDepth: 2 }),
  fc.constant(CYCLE),
  fc.constant(BIG),
);

const OVER_PATH = 'p'.repeat(4097);
const OVER_TEXT = 't'.repeat(4 * 1024 * 1024 + 1);

/** Strings with a NUL byte, a line break or another control character somewhere. */
const withControl = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\0', '\n', '\r', '\u2028', '\u0007', '\u001b[31m', '\u007f'), fc.string({ maxLength: 20 }))
  .map(([before, control, after]) => `${before}${control}${after}`);
const withNul = fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([before, after]) => `${before}\0${after}`);

/** URLs and scheme-prefixed strings that name no local file. */
const oddSchemes = fc.oneof(
  fc.constantFrom(
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/csv,a%0A1',
    'ftp://example.com/a.csv',
    'ws://127.0.0.1/',
    'winnow://app/index.html',
    'about:blank',
    'chrome://settings',
    'smb://host/share/a.csv',
    'vbscript:x',
    'jar:file:///a!/b',
    'mailto:a@b.c',
  ),
  fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9+.-]{1,8}$/), fc.string({ maxLength: 20 }))
    .filter(([scheme]) => !['http', 'https', 's3'].includes(scheme))
    .map(([scheme, rest]) => `${scheme}:${rest}`),
);
/** Dataset URIs that look like http(s) or s3 but name no host or bucket. */
const brokenUrls = fc.constantFrom('http://', 'https://', 'http:///a.csv', 'https://[::1/a.csv', 'http://exa mple.com/a.csv', 's3://', 's3:///key.csv');
const remoteUrls = fc.constantFrom('http://127.0.0.1:1/a.csv', 'https://example.com/a.csv', 's3://bucket/key.csv', 'S3://bucket/prefix/');
/** Anything but a host-made id: paths, near-UUIDs, upper case. */
const notIds = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('../../etc/passwd', '/etc/passwd', uuid.toUpperCase(), `${uuid}/..`, `${uuid}\n`, uuid.slice(1), `${uuid}0`, ''),
  fc.uuid().map((id) => id.replace(/-/g, '')),
);

/** Values a field of `kind` must refuse. */
function malformedFor(kind: Kind): fc.Arbitrary<unknown> {
  const notString = anyType.filter((value) => typeof value !== 'string');
  switch (kind) {
    case 'id':
      return fc.oneof(
        notString,
        notIds.filter((value) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)),
      );
    case 'localPath':
      return fc.oneof(notString, withControl, oddSchemes, remoteUrls, fc.constantFrom(OVER_PATH, '', '   '));
    case 'uri':
      return fc.oneof(notString, withControl, oddSchemes, brokenUrls, fc.constantFrom(OVER_PATH, '', ' '));
    case 'text':
      return fc.oneof(notString, withNul, fc.constant(OVER_TEXT));
    case 'uiState':
      return fc.constantFrom(CYCLE, BIG, [1n]);
    case 'project':
      return anyType.filter((value) => typeof value !== 'object' || value === null || Array.isArray(value) || value === CYCLE || value === BIG);
    case 'boolean':
      return anyType.filter((value) => typeof value !== 'boolean' && value !== null);
    case 'time':
      return fc.oneof(
        anyType.filter((value) => typeof value !== 'number' && value !== null),
        fc.constantFrom(-1, Number.NaN, Infinity, -Infinity),
      );
    case 'jobKind':
      return fc.oneof(anyType, fc.constantFrom('Run', 'profile ', 'delete', '__proto__', 'constructor'));
    case 'bucket':
      return fc.oneof(
        anyType.filter((value) => typeof value !== 'string' && value !== null),
        withControl,
        fc.constantFrom('a/b', '../etc', '/', 'b'.repeat(256)),
      );
    case 'prefix':
      return fc.oneof(
        anyType.filter((value) => typeof value !== 'string' && value !== null),
        withControl,
        fc.constant('k'.repeat(1025)),
      );
    case 'asOf':
      return fc.oneof(
        anyType.filter((value) => typeof value !== 'string' && value !== null),
        fc.string({ maxLength: 30 }).filter((value) => !/^\d{4}-\d{2}-\d{2}/.test(value)),
        fc.constantFrom('2026-13-45', '2026-02-30T25:00', '2026-03-31\n', 'now'),
      );
    case 'columns':
      return fc.oneof(
        anyType.filter((value) => !Array.isArray(value) && value !== null),
        fc.constant([1, 2]),
        fc.constant(['a\0b']),
        fc.constant(Array.from({ length: 10_001 }, () => 'c')),
        fc.constant(['c'.repeat(1025)]),
      );
  }
}

/** A valid payload for `type`: every field, or only the required ones. */
function validPayload(type: HostRequest, all: boolean): Record<string, unknown> {
  return Object.fromEntries(fieldsOf[type].filter((field) => all || field.required).map((field) => [field.key, validValue[field.kind]]));
}

/** Request types whose payload can be malformed (those without fields take any object). */
const typesWithFields = [...hostRequestTypes].filter((type) => fieldsOf[type as HostRequest].length > 0) as HostRequest[];

/** A request of a known type whose payload is malformed in one way. */
const malformedRequest: fc.Arbitrary<{ type: HostRequest; payload: unknown; how: string }> = fc.oneof(
  // One field of the wrong shape, the others valid.
  fc
    .constantFrom(...typesWithFields)
    .chain((type) => fc.tuple(fc.constant(type), fc.constantFrom(...fieldsOf[type]), fc.boolean()))
    .chain(([type, field, all]) =>
      malformedFor(field.kind)
        // null stands for "not given", which an optional field may be.
        .filter((value) => field.required || value !== null)
        .map((value) => ({ type, payload: { ...validPayload(type, all), [field.key]: value }, how: `${field.key} malformed` })),
    ),
  // A required field missing.
  fc
    .constantFrom(...typesWithFields.filter((type) => fieldsOf[type].some((field) => field.required)))
    .chain((type) => fc.tuple(fc.constant(type), fc.constantFrom(...fieldsOf[type].filter((field) => field.required))))
    .map(([type, field]) => {
      const { [field.key]: _missing, ...payload } = validPayload(type, true);
      return { type, payload, how: `${field.key} missing` };
    }),
  // A payload that is not an object at all.
  fc
    .tuple(
      fc.constantFrom(...(Object.values(HostRequest) as HostRequest[])),
      fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.bigInt()),
    )
    .map(([type, payload]) => ({ type, payload, how: 'not an object' })),
);

/** A request type the host does not know, of any JS type. */
const unknownType = fc.oneof(
  anyType,
  fc.string({ maxLength: 30 }).filter((type) => !hostRequestTypes.has(type)),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'OpenDataset', 'openDataset ', '../openDataset', 'x'.repeat(100_000), 'open\nDataset'),
);

const lineBreak = /[\r\n\u2028\u2029]/;

async function expectRefusedInOneLine(answer: Awaited<ReturnType<Host['handle']>>, context: string): Promise<void> {
  expect(answer.ok, context).toBe(false);
  if (answer.ok) return;
  expect(answer.status, `${context}: ${answer.error.error}`).toBe(400);
  expect(answer.error.error, context).not.toMatch(lineBreak);
  expect(answer.error.error.length, context).toBeGreaterThan(0);
  expect(answer.error.error.length, context).toBeLessThanOrEqual(200);
}

describe('malformed requests are answered 400 in one line, never 500', () => {
  it('for every request type, payloads malformed in generated ways', async () => {
    const before = tree();
    await fc.assert(
      fc.asyncProperty(malformedRequest, async ({ type, payload, how }) => {
        const answer = await host.handle(type, payload);
        await expectRefusedInOneLine(answer, `${type}, ${how}`);
      }),
      { numRuns: 1500 },
    );
    expect(tree()).toEqual(before);
  });

  it('unknown request types, of any JS type', async () => {
    await fc.assert(
      fc.asyncProperty(unknownType, fc.anything({ maxDepth: 2 }), async (type, payload) => {
        await expectRefusedInOneLine(await host.handle(type, payload), `type ${typeof type}`);
      }),
      { numRuns: 300 },
    );
  });

  it('a payload whose reading throws (a getter, a revoked proxy) is malformed too', async () => {
    const throwing = Object.defineProperty({}, 'uri', {
      enumerable: true,
      get() {
        throw new Error('boom\nat line 2');
      },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const payload of [throwing, proxy]) await expectRefusedInOneLine(await host.handle(HostRequest.OpenDataset, payload), 'throwing payload');
  });

  it('fields the request does not have are not passed on', () => {
    expect(checkPayload(HostRequest.OpenDataset, { uri: 'a.csv', folder: '/etc', __proto__: { uri: 'x' } })).toEqual({ uri: 'a.csv' });
    expect(checkPayload(HostRequest.StartJob, { kind: 'profile', datasetId: uuid, specYaml: 'x' })).toEqual({ kind: 'profile', datasetId: uuid });
  });

  it('the preload bridge refuses the same payloads before anything is sent', async () => {
    const sent: unknown[] = [];
    const bridge = createBridge({ invoke: async (...args) => void sent.push(args), getPathForFile: () => '/dropped.csv' });
    await fc.assert(
      fc.asyncProperty(malformedRequest, async ({ type, payload }) => {
        await expect(bridge.request(type, payload as never)).rejects.toThrow();
      }),
      { numRuns: 300 },
    );
    expect(sent).toEqual([]);
  });
});

describe('well-formed but hostile requests that only read never answer 500', () => {
  const segment = fc.constantFrom(
    '..',
    '.',
    'a',
    'project',
    'data.csv',
    'pipeline.winnow.yaml',
    'ünï cödé',
    '日本',
    '*',
    '?',
    '[a-z]',
    '{a,b}',
    '$HOME',
    '~',
    '%2e%2e',
    'con',
    ' ',
    "'; DROP TABLE x; --",
    'a\\b',
  );
  /** Relative paths with at most three `..`, so they stay under the test's folder. */
  const hostilePath = fc.oneof(
    fc
      .array(segment, { minLength: 1, maxLength: 5 })
      .filter((parts) => parts.filter((part) => part === '..').length <= 3 && parts.join('/').trim() !== '')
      .map((parts) => parts.join('/')),
    // Some that reach what is there: the data file, the project, the folders above.
    fc.constantFrom('../../data.csv', '../../project', '../..', '../../project/pipeline.winnow.yaml', join(dir ?? '', 'a')),
  );

  const readingRequest = fc.oneof(
    hostilePath.map((path) => ({ type: HostRequest.ListFolder, payload: { path } })),
    hostilePath.map((folder) => ({ type: HostRequest.LoadProject, payload: { folder } })),
    fc
      .tuple(hostilePath, fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e15, noNaN: true })))
      .map(([folder, since]) => ({ type: HostRequest.WatchProject, payload: { folder, since } })),
    hostilePath.map((path) => ({ type: HostRequest.ImportGxSuite, payload: { path } })),
    hostilePath.map((path) => ({ type: HostRequest.ReadSpec, payload: { path } })),
    hostilePath.map((uri) => ({ type: HostRequest.OpenDataset, payload: { uri } })),
    fc.uuid().map((datasetId) => ({ type: HostRequest.DatasetStatus, payload: { datasetId } })),
    fc.tuple(fc.constantFrom(HostRequest.JobStatus, HostRequest.CancelJob), fc.uuid()).map(([type, jobId]) => ({ type, payload: { jobId } })),
  );

  it('path traversal, unicode, glob and shell characters, ids of nothing', async () => {
    const before = tree().filter((path) => !path.startsWith('data'));
    await fc.assert(
      fc.asyncProperty(readingRequest, async ({ type, payload }) => {
        const answer = await host.handle(type, payload);
        const context = `${type} ${JSON.stringify(payload)}`;
        if (answer.ok) return;
        expect([400, 422], `${context}: ${answer.error.error}`).toContain(answer.status);
        expect(answer.error.error, context).not.toMatch(lineBreak);
      }),
      { numRuns: 150, interruptAfterTimeLimit: 30_000 },
    );
    // Reading wrote nothing beside the host's own data folder (recent files, working sets).
    expect(tree().filter((path) => !path.startsWith('data'))).toEqual(before);
  });
});

describe('the browser-mode server answers malformed requests 400 over HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ host, staticDir: dir });
  });
  afterAll(() => server.close());

  function post(type: string, body: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: `/api/${encodeURIComponent(type)}`,
          headers: { Host: `127.0.0.1:${server.port}`, 'X-Winnow-Token': server.token, 'Content-Type': 'application/json' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  it('JSON payloads malformed in generated ways', async () => {
    const jsonable = malformedRequest.filter(({ payload }) => {
      try {
        return JSON.stringify(payload) !== undefined && JSON.stringify(payload).length < 1024 ** 2;
      } catch {
        return false;
      }
    });
    await fc.assert(
      fc.asyncProperty(jsonable, async ({ type, payload, how }) => {
        const { status, text } = await post(type, JSON.stringify(payload));
        // JSON may turn a malformed value into an acceptable one (NaN into null, "not given").
        const arrived = JSON.parse(JSON.stringify(payload)) as unknown;
        const acceptable = (() => {
          try {
            checkPayload(type, arrived);
            return true;
          } catch {
            return false;
          }
        })();
        if (acceptable) return;
        expect(status, `${type}, ${how}: ${text}`).toBe(400);
        const { error } = JSON.parse(text) as { error: string };
        expect(error).not.toMatch(lineBreak);
      }),
      { numRuns: 100, interruptAfterTimeLimit: 20_000 },
    );
  });
});
