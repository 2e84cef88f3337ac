/**
 * What s3rver cannot show, against the strict S3 server (strict-s3-server.ts, which checks SigV4
 * signatures, keeps versions and knows each bucket's region): version ids pinned in the manifest
 * and noticed by `--snapshot`, refused signatures, keys and policies, a bucket in another region,
 * and anonymous reads. Everything goes through the code a user runs: `winnow run`, resolveSource
 * and browseS3, with the real SDK talking HTTP.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WinnowError } from '../../../errors';
import type { Manifest } from '../../../manifest/manifest';
import { resolveSource } from '../resolve-source';
import { browseS3 } from './browse-s3';
import { restoreEnv, setEnv } from '../../../../testing/s3rver-server';
import { startStrictS3Server, type StrictS3Server } from '../../../../testing/strict-s3-server';
import { winnow } from '../../../../testing/cli-kit';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const KEY_ID = 'AKIDWINNOWTEST';
const SECRET = 'winnow-test-secret-0123456789';
const DENIED_KEY_ID = 'AKIDDENIEDTEST';
const DENIED_SECRET = 'denied-test-secret-0123456789';

let server: StrictS3Server;
let dir: string;

beforeAll(async () => {
  server = await startStrictS3Server({
    buckets: [
      { name: 'versioned', versioned: true },
      { name: 'plain' },
      { name: 'far', region: 'eu-west-1' },
      { name: 'locked', deniedKeys: [DENIED_KEY_ID] },
      { name: 'public', public: true },
    ],
    keys: { [KEY_ID]: SECRET, [DENIED_KEY_ID]: DENIED_SECRET },
  });
  dir = mkdtempSync(join(tmpdir(), 'winnow-strict-s3-'));
  for (const bucket of ['plain', 'locked', 'public']) {
    server.put(bucket, 'a.csv', 'id,temp\n1,5\n');
    server.put(bucket, 'folder/b.csv', 'id,temp\n2,6\n');
  }
  server.put('far', 'k.csv', 'id,temp\n1,5\n');
  server.put('far', 'folder/b.csv', 'id,temp\n2,6\n');
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(restoreEnv);

/** The environment a user would set to read from the strict server, with a fresh cache. */
function useServer(overrides: Record<string, string | undefined> = {}): void {
  setEnv({
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_ENDPOINT_URL_S3: undefined,
    AWS_ACCESS_KEY_ID: KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: undefined,
    WINNOW_CACHE_DIR: mkdtempSync(join(dir, 'cache-')),
    WINNOW_S3_ANONYMOUS: undefined,
    ...overrides,
  });
}

function writeSpec(name: string, uri: string): string {
  const specPath = join(dir, `${name}.winnow.yaml`);
  writeFileSync(
    specPath,
    `version: 1\nname: ${name}\nseed: 1\nsources:\n  readings:\n    uri: ${uri}\nsteps:\n  - { id: cols, check: schema, columns: { id: BIGINT, temp: BIGINT } }\noutputs: []\n`,
  );
  return specPath;
}

function pinnedFiles(manifestPath: string) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  return manifest.inputs[0]?.files.map(({ uri, bytes, sha256: hash, etag, versionId }) => ({ uri, bytes, sha256: hash, etag, versionId }));
}

/** The one line a person sees when resolving `uri` fails. */
async function failure(uri: string, s3?: { region?: string }): Promise<string> {
  const error = await resolveSource('s', { uri, ...(s3 ? { s3 } : {}) }, dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WinnowError);
  expect((error as WinnowError).kind).toBe('input');
  return (error as WinnowError).oneLine();
}

const refused = (uri: string, bucket: string, code: string) =>
  `${uri}: access denied (${code}): the credentials in use may not read bucket ${bucket}; check the policy, the profile (AWS_PROFILE) and that the keys are current`;

describe('a versioned bucket', () => {
  it('pins every version id, and --snapshot names a new version, an added key and a deleted one (exit 3)', async () => {
    useServer();
    const a = 'id,temp\n1,5\n';
    const b = 'id,temp\n2,6\n';
    const versionA = server.put('versioned', 'weather/a.csv', a);
    const versionB = server.put('versioned', 'weather/b.csv', b);
    const specPath = writeSpec('weather', 's3://versioned/weather/');
    const out = join(dir, 'out-weather');
    expect((await winnow('run', specPath, '--out', out)).code).toBe(0);
    const manifestPath = join(out, 'manifest.json');
    expect(pinnedFiles(manifestPath)).toEqual([
      { uri: 's3://versioned/weather/a.csv', bytes: a.length, sha256: sha256(a), etag: md5(a), versionId: versionA },
      { uri: 's3://versioned/weather/b.csv', bytes: b.length, sha256: sha256(b), etag: md5(b), versionId: versionB },
    ]);
    expect(await winnow('run', specPath, '--out', join(dir, 'out-weather-same'), '--snapshot', manifestPath)).toMatchObject({ code: 0, err: '' });

    const newer = 'id,temp\n1,50\n';
    server.put('versioned', 'weather/a.csv', newer);
    expect(await winnow('run', specPath, '--out', join(dir, 'out-weather-2'), '--snapshot', manifestPath)).toEqual({
      code: 3,
      out: '',
      err: `${specPath}: inputs no longer match the snapshot ${manifestPath}:\n  changed: s3://versioned/weather/a.csv (source readings): ETag ${md5(newer)} != pinned ${md5(a)}, ${newer.length} bytes (pinned ${a.length})\n`,
    });

    server.remove('versioned', 'weather/b.csv');
    server.put('versioned', 'weather/c.csv', 'id,temp\n3,7\n');
    const changed = await winnow('run', specPath, '--out', join(dir, 'out-weather-3'), '--snapshot', manifestPath);
    expect(changed.code).toBe(3);
    expect(changed.err.split('\n').slice(1, -1)).toEqual([
      `  changed: s3://versioned/weather/a.csv (source readings): ETag ${md5(newer)} != pinned ${md5(a)}, ${newer.length} bytes (pinned ${a.length})`,
      '  added: s3://versioned/weather/c.csv (source readings)',
      '  missing: s3://versioned/weather/b.csv (source readings)',
    ]);
  });

  it('pins the current version of a single key, and --snapshot notices a new version with the same bytes by its id', async () => {
    useServer();
    const text = 'id,temp\n7,1\n';
    server.put('versioned', 'single/only.csv', 'id,temp\n7,0\n');
    const current = server.put('versioned', 'single/only.csv', text);
    const specPath = writeSpec('single', 's3://versioned/single/only.csv');
    const out = join(dir, 'out-single');
    expect((await winnow('run', specPath, '--out', out)).code).toBe(0);
    const manifestPath = join(out, 'manifest.json');
    expect(pinnedFiles(manifestPath)).toEqual([
      { uri: 's3://versioned/single/only.csv', bytes: text.length, sha256: sha256(text), etag: md5(text), versionId: current },
    ]);

    // Same bytes, same ETag: only the version id tells the objects apart.
    const rewritten = server.put('versioned', 'single/only.csv', text);
    expect(rewritten).not.toBe(current);
    const outcome = await winnow('run', specPath, '--out', join(dir, 'out-single-2'), '--snapshot', manifestPath);
    expect(outcome.code).toBe(3);
    expect(outcome.err).toBe(
      `${specPath}: inputs no longer match the snapshot ${manifestPath}:\n  changed: s3://versioned/single/only.csv (source readings): version ${rewritten} != pinned ${current}\n`,
    );
  });

  it('records the version read, not a cached older one, when a key under a prefix is rewritten with the same bytes', async () => {
    useServer();
    const text = 'id,temp\n8,1\n';
    const first = server.put('versioned', 'rewritten/part.csv', text);
    const uri = 's3://versioned/rewritten/';
    expect((await resolveSource('readings', { uri }, '/unused')).remote?.[0]?.versionId).toBe(first);
    // A listing gives no version ids, and the ETag stays; the write time (to the second) differs.
    await new Promise((done) => setTimeout(done, 1100));
    const second = server.put('versioned', 'rewritten/part.csv', text);
    const again = await resolveSource('readings', { uri }, '/unused');
    expect(again.remote?.[0]).toMatchObject({ etag: md5(text), versionId: second });
  });
});

describe('refused credentials (the signature and the policy are checked)', () => {
  it('a wrong secret: access denied naming the URI, exit 2, and the secret is never printed', async () => {
    const wrong = 'WRONG-SECRET-do-not-print-0123';
    useServer({ AWS_SECRET_ACCESS_KEY: wrong });
    // HeadObject answers a bare 403, ListObjectsV2 says why.
    expect(await failure('s3://plain/a.csv')).toBe(refused('s3://plain/a.csv', 'plain', 'HTTP 403'));
    expect(await failure('s3://plain/folder/')).toBe(refused('s3://plain/folder/', 'plain', 'SignatureDoesNotMatch'));
    const run = await winnow('run', writeSpec('wrong-secret', 's3://plain/folder/'), '--out', join(dir, 'out-wrong-secret'));
    expect(run).toEqual({ code: 2, out: '', err: refused('s3://plain/folder/', 'plain', 'SignatureDoesNotMatch') + '\n' });
    expect(run.err).not.toContain(wrong);
    expect(run.err).not.toContain(SECRET);
  });

  it('an unknown access key id: access denied, exit 2', async () => {
    useServer({ AWS_ACCESS_KEY_ID: 'AKIDNOSUCHKEY' });
    expect(await failure('s3://plain/a.csv')).toBe(refused('s3://plain/a.csv', 'plain', 'HTTP 403'));
    const run = await winnow('run', writeSpec('unknown-key', 's3://plain/folder/'), '--out', join(dir, 'out-unknown-key'));
    expect(run).toEqual({ code: 2, out: '', err: refused('s3://plain/folder/', 'plain', 'InvalidAccessKeyId') + '\n' });
    expect(run.err).not.toContain(SECRET);
  });

  it("a key the bucket's policy denies: AccessDenied, while the same key reads another bucket", async () => {
    useServer({ AWS_ACCESS_KEY_ID: DENIED_KEY_ID, AWS_SECRET_ACCESS_KEY: DENIED_SECRET });
    expect(await failure('s3://locked/a.csv')).toBe(refused('s3://locked/a.csv', 'locked', 'HTTP 403'));
    expect(await failure('s3://locked/folder/')).toBe(refused('s3://locked/folder/', 'locked', 'AccessDenied'));
    expect((await resolveSource('s', { uri: 's3://plain/folder/' }, dir)).remote?.map((object) => object.uri)).toEqual(['s3://plain/folder/b.csv']);
    const run = await winnow('run', writeSpec('denied', 's3://locked/a.csv'), '--out', join(dir, 'out-denied'));
    expect(run).toEqual({ code: 2, out: '', err: refused('s3://locked/a.csv', 'locked', 'HTTP 403') + '\n' });
    expect(run.err).not.toContain(DENIED_SECRET);
  });
});

describe('a bucket in another region', () => {
  const wrongRegion = (uri: string) => `${uri}: wrong region: bucket far is in eu-west-1; set AWS_REGION=eu-west-1 or the source's region option`;

  it('says which region, for a single key (HeadObject: a bare 301) and for a prefix (ListObjectsV2)', async () => {
    useServer({ AWS_REGION: 'us-east-1' });
    expect(await failure('s3://far/k.csv')).toBe(wrongRegion('s3://far/k.csv'));
    expect(await failure('s3://far/folder/')).toBe(wrongRegion('s3://far/folder/'));
    const run = await winnow('run', writeSpec('far', 's3://far/k.csv'), '--out', join(dir, 'out-far'));
    expect(run).toEqual({ code: 2, out: '', err: wrongRegion('s3://far/k.csv') + '\n' });
  });

  it("reads it with AWS_REGION or the source's region option set to the bucket's", async () => {
    useServer({ AWS_REGION: 'eu-west-1' });
    expect((await resolveSource('s', { uri: 's3://far/k.csv' }, dir)).remote?.[0]).toMatchObject({ uri: 's3://far/k.csv', etag: md5('id,temp\n1,5\n') });
    useServer({ AWS_REGION: 'us-east-1' });
    expect((await resolveSource('s', { uri: 's3://far/folder/', s3: { region: 'eu-west-1' } }, dir)).remote?.map((object) => object.uri)).toEqual([
      's3://far/folder/b.csv',
    ]);
  });
});

describe('anonymous access (WINNOW_S3_ANONYMOUS=1)', () => {
  it('reads a public bucket, and is refused by a private one', async () => {
    useServer({ WINNOW_S3_ANONYMOUS: '1', AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const source = await resolveSource('s', { uri: 's3://public/' }, dir);
    expect(source.remote?.map((object) => object.uri)).toEqual(['s3://public/a.csv', 's3://public/folder/b.csv']);
    expect(source.files.map((file) => readFileSync(file, 'utf8'))).toEqual(['id,temp\n1,5\n', 'id,temp\n2,6\n']);
    expect(await failure('s3://plain/a.csv')).toBe(refused('s3://plain/a.csv', 'plain', 'HTTP 403'));
    expect(await failure('s3://plain/folder/')).toBe(refused('s3://plain/folder/', 'plain', 'AccessDenied'));
  });
});

describe('the S3 browser (browseS3)', () => {
  it('lists the buckets, then one level of a bucket, folders first', async () => {
    useServer();
    expect((await browseS3(undefined)).entries.map((entry) => entry.name)).toEqual(['far', 'locked', 'plain', 'public', 'versioned']);
    expect(await browseS3('plain')).toEqual({
      bucket: 'plain',
      prefix: '',
      parent: null,
      entries: [
        { name: 'folder/', uri: 's3://plain/folder/', kind: 'prefix', bytes: 0 },
        { name: 'a.csv', uri: 's3://plain/a.csv', kind: 'object', bytes: 12 },
      ],
      truncated: false,
    });
  });

  it('says why it cannot list: a wrong secret, a denied key, another region, anonymous', async () => {
    useServer({ AWS_SECRET_ACCESS_KEY: 'WRONG-SECRET-do-not-print-0123' });
    await expect(browseS3(undefined)).rejects.toThrow(
      's3://: access denied (SignatureDoesNotMatch): the credentials in use may not list the buckets; check the policy, the profile (AWS_PROFILE) and that the keys are current',
    );
    useServer({ AWS_ACCESS_KEY_ID: DENIED_KEY_ID, AWS_SECRET_ACCESS_KEY: DENIED_SECRET });
    await expect(browseS3('locked', 'folder/')).rejects.toThrow(refused('s3://locked/folder/', 'locked', 'AccessDenied'));
    useServer();
    await expect(browseS3('far')).rejects.toThrow(
      "s3://far/: wrong region: bucket far is in eu-west-1; set AWS_REGION=eu-west-1 or the source's region option",
    );
    useServer({ WINNOW_S3_ANONYMOUS: '1' });
    await expect(browseS3(undefined)).rejects.toThrow(/^s3:\/\/: access denied \(AccessDenied\)/);
    expect((await browseS3('public', 'folder/')).entries.map((entry) => entry.uri)).toEqual(['s3://public/folder/b.csv']);
  });
});
