/**
 * One-line errors for what goes wrong reading S3. Missing buckets and keys, an unreachable
 * endpoint, a timeout, missing credentials and an unknown access key are produced for real
 * (s3rver, closed and silent ports, an empty credential chain). s3rver does not check signatures,
 * policies or regions: "access denied" and "wrong region" are produced for real against the
 * strict S3 server in versions-and-refusals.test.ts; here they are also checked at the SDK's
 * error layer, with the service exceptions the SDK raises for them.
 */
import { S3ServiceException } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WinnowError } from '../../../errors';
import { main } from '../../cli/cli';
import { resolveSource } from '../resolve-source';
import { s3Error } from './s3-errors';
import { freePort, restoreEnv, s3ServerEnv, setEnv, startS3Server, type TestS3Server } from '../../../../testing/s3rver-server';

let server: TestS3Server;
let dir: string;

beforeAll(async () => {
  server = await startS3Server(['data']);
  dir = mkdtempSync(join(tmpdir(), 'winnow-s3-errors-'));
  await server.put('data', 'there.csv', 'a\n1\n');
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(restoreEnv);

/** The one line a person sees when resolving `uri` fails. */
async function failure(uri: string): Promise<string> {
  const error = await resolveSource('s', { uri }, dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WinnowError);
  expect((error as WinnowError).kind).toBe('input');
  expect((error as WinnowError).place.file).toBe(uri);
  const line = (error as WinnowError).oneLine();
  expect(line).not.toContain('\n');
  return line;
}

describe('S3 errors, for real', () => {
  it('no such key', async () => {
    setEnv(s3ServerEnv(server, join(dir, 'cache')));
    expect(await failure('s3://data/missing.csv')).toBe(
      "s3://data/missing.csv: no such key missing.csv in bucket data: check the key, or end a prefix with '/'",
    );
  });

  it('no such bucket', async () => {
    setEnv(s3ServerEnv(server, join(dir, 'cache')));
    expect(await failure('s3://nobucket/a.csv')).toBe(
      `s3://nobucket/a.csv: no such bucket nobucket at ${server.endpoint}: check the bucket name and the endpoint`,
    );
  });

  it('an unknown access key is refused (HeadObject carries no error code)', async () => {
    setEnv({ ...s3ServerEnv(server, join(dir, 'cache')), AWS_ACCESS_KEY_ID: 'NOT-A-KEY' });
    expect(await failure('s3://data/there.csv')).toMatch(
      /^s3:\/\/data\/there\.csv: access denied \(HTTP 403\): the credentials in use may not read bucket data/,
    );
  });

  it('no credentials anywhere in the chain', async () => {
    setEnv({
      ...s3ServerEnv(server, join(dir, 'cache')),
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(await failure('s3://data/there.csv')).toMatch(
      /^s3:\/\/data\/there\.csv: no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE/,
    );
  });

  it('endpoint unreachable (nothing listens on the port)', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    setEnv({ ...s3ServerEnv(server, join(dir, 'cache')), AWS_ENDPOINT_URL: endpoint });
    expect(await failure('s3://data/there.csv')).toBe(
      `s3://data/there.csv: cannot reach the S3 endpoint ${endpoint} (ECONNREFUSED): check AWS_ENDPOINT_URL / the source's endpoint option and that the server is running`,
    );
  });

  it('timeout (the endpoint accepts connections and never answers)', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolveListen) => silent.listen(0, '127.0.0.1', resolveListen));
    const endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    setEnv({ ...s3ServerEnv(server, join(dir, 'cache')), AWS_ENDPOINT_URL: endpoint, WINNOW_S3_TIMEOUT_MS: '200' });
    try {
      expect(await failure('s3://data/there.csv')).toBe(
        `s3://data/there.csv: timed out talking to ${endpoint}: check the network or the endpoint, or raise WINNOW_S3_TIMEOUT_MS`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('winnow run prints the one line and exits 2', async () => {
    setEnv(s3ServerEnv(server, join(dir, 'cache')));
    const specPath = join(dir, 'missing.winnow.yaml');
    writeFileSync(specPath, 'version: 1\nname: missing\nseed: 1\nsources:\n  s:\n    uri: s3://data/missing.csv\nsteps: []\noutputs: []\n');
    let err = '';
    const code = await main(['run', specPath, '--out', join(dir, 'out-missing')], { out: () => undefined, err: (text) => (err += text + '\n'), isTTY: false });
    expect(code).toBe(2);
    expect(err).toBe("s3://data/missing.csv: no such key missing.csv in bucket data: check the key, or end a prefix with '/'\n");
  });
});

describe('S3 errors at the SDK error layer (s3rver checks neither policies nor regions)', () => {
  const exception = (name: string, httpStatusCode: number, extra: Record<string, unknown> = {}) =>
    Object.assign(new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode }, message: name }), extra);

  it('access denied', () => {
    expect(s3Error(exception('AccessDenied', 403), 's3://secret/a.csv').oneLine()).toBe(
      's3://secret/a.csv: access denied (AccessDenied): the credentials in use may not read bucket secret; check the policy, the profile (AWS_PROFILE) and that the keys are current',
    );
    // HeadObject answers a bare 403 with no error code.
    expect(s3Error(exception('403', 403), 's3://secret/a.csv').message).toContain('access denied (403)');
  });

  it('wrong region, naming the right one when S3 says it', () => {
    expect(s3Error(exception('PermanentRedirect', 301, { Region: 'eu-west-1' }), 's3://far/a.csv').oneLine()).toBe(
      "s3://far/a.csv: wrong region: bucket far is in eu-west-1; set AWS_REGION=eu-west-1 or the source's region option",
    );
    expect(s3Error(exception('AuthorizationHeaderMalformed', 400), 's3://far/a.csv').message).toBe(
      "s3://far/a.csv: wrong region: bucket far is in another region; set AWS_REGION or the source's region option",
    );
  });

  it('anything else still reads as one line naming the URI', () => {
    expect(s3Error(exception('SlowDown', 503), 's3://busy/a.csv').message).toBe('s3://busy/a.csv: cannot read: SlowDown (SlowDown, HTTP 503)');
  });
});
