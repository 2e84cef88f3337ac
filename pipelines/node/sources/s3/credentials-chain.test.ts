/**
 * Credentials come from the standard AWS chain of the machine running Winnow, and each link of
 * it works: shared config and credentials files with profiles (AWS_PROFILE, or the source's
 * `profile` option), SSO (a cached SSO token traded for role credentials at the SSO portal),
 * container credentials (ECS / EKS pod identity) and instance metadata (IMDSv2). Reads go to the
 * strict S3 server, which checks every request's SigV4 signature against the one key it knows,
 * so a read only succeeds when that link of the chain really produced the right secret. The
 * portal, container and metadata endpoints are local HTTP servers the test starts; the SDK's
 * own providers call them, pointed there by the SDK's standard settings.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveSource } from '../resolve-source';
import { restoreEnv, setEnv } from '../../../../testing/s3rver-server';
import { startStrictS3Server, type StrictS3Server } from '../../../../testing/strict-s3-server';

const KEY = 'AKIAWINNOWCHAINTEST';
const SECRET = 'chain-secret-0f3c9a';
const BODY = 'id,temp\n1,20\n2,21\n';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
}

let s3: StrictS3Server;
let endpoints: Server;
let endpointsUrl: string;
let seen: Seen[] = [];
let home: string;

const expiration = () => new Date(Date.now() + 3600_000).toISOString();

/** The container credentials endpoint, IMDSv2 and the SSO portal, on one local server. */
function answer(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(String(request.url), 'http://x');
  seen.push({ path: `${request.method} ${url.pathname}`, headers: request.headers });
  const json = (body: unknown) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (url.pathname === '/container-credentials') {
    if (request.headers.authorization !== 'container-token') return void response.writeHead(403).end();
    return json({ AccessKeyId: KEY, SecretAccessKey: SECRET, Token: 'container-session', Expiration: expiration() });
  }
  if (request.method === 'PUT' && url.pathname === '/latest/api/token') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    return void response.end('imds-token');
  }
  if (url.pathname.startsWith('/latest/meta-data/iam/security-credentials')) {
    if (request.headers['x-aws-ec2-metadata-token'] !== 'imds-token') return void response.writeHead(401).end();
    if (url.pathname.replace(/\/$/, '').endsWith('security-credentials')) {
      response.writeHead(200, { 'content-type': 'text/plain' });
      return void response.end('winnow-reader');
    }
    return json({ Code: 'Success', Type: 'AWS-HMAC', AccessKeyId: KEY, SecretAccessKey: SECRET, Token: 'imds-session', Expiration: expiration() });
  }
  if (url.pathname === '/federation/credentials') {
    if (request.headers['x-amz-sso_bearer_token'] !== 'sso-access-token') return void response.writeHead(401).end();
    return json({ roleCredentials: { accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: 'sso-session', expiration: Date.now() + 3600_000 } });
  }
  response.writeHead(404).end();
}

beforeAll(async () => {
  s3 = await startStrictS3Server({ buckets: [{ name: 'data' }], keys: { [KEY]: SECRET } });
  s3.put('data', 'chain/readings.csv', BODY);
  endpoints = createServer(answer);
  await new Promise<void>((done) => endpoints.listen(0, '127.0.0.1', done));
  endpointsUrl = `http://127.0.0.1:${(endpoints.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await s3.stop();
  endpoints.closeAllConnections();
  await new Promise((done) => endpoints.close(done));
});

beforeEach(() => {
  seen = [];
  home = mkdtempSync(join(tmpdir(), 'winnow-aws-home-'));
  // Nothing from this machine's own AWS settings: every link starts empty.
  setEnv({
    HOME: home,
    AWS_ENDPOINT_URL: s3.endpoint,
    AWS_ENDPOINT_URL_S3: undefined,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_EC2_METADATA_SERVICE_ENDPOINT: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_ENDPOINT_URL_SSO: undefined,
    WINNOW_S3_ANONYMOUS: undefined,
    WINNOW_CACHE_DIR: join(home, 'cache'),
  });
});

afterEach(() => {
  restoreEnv();
  rmSync(home, { recursive: true, force: true });
});

async function readThrough(options: { profile?: string } = {}): Promise<string> {
  const source = await resolveSource(
    'readings',
    { uri: 's3://data/chain/readings.csv', ...(options.profile ? { s3: { profile: options.profile } } : {}) },
    '/unused',
  );
  return readFileSync(source.files[0] as string, 'utf8');
}

/** Shared files: a `default` profile with a wrong secret, and `analyst` with the right one. */
function writeProfiles(): void {
  writeFileSync(
    join(home, 'credentials'),
    `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = not-the-secret\n\n[analyst]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
  );
  writeFileSync(join(home, 'config'), '[default]\nregion = us-east-1\n\n[profile analyst]\nregion = us-east-1\n');
}

describe('the AWS credentials chain', () => {
  it('reads a profile of the shared credentials file named by AWS_PROFILE', async () => {
    writeProfiles();
    setEnv({ AWS_PROFILE: 'analyst' });
    expect(await readThrough()).toBe(BODY);
  });

  it('reads the profile a source names, over the default one (whose secret is wrong here)', async () => {
    writeProfiles();
    await expect(readThrough()).rejects.toThrow(/^s3:\/\/data\/chain\/readings\.csv: access denied \(/);
    expect(await readThrough({ profile: 'analyst' })).toBe(BODY);
  });

  it('trades a cached SSO token for role credentials at the SSO portal (after `aws sso login`)', async () => {
    const startUrl = 'https://winnow-test.awsapps.com/start';
    writeFileSync(
      join(home, 'config'),
      `[profile sso-reader]\nsso_session = winnow\nsso_account_id = 123456789012\nsso_role_name = Reader\nregion = us-east-1\n\n[sso-session winnow]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
    );
    const cacheFolder = join(home, '.aws', 'sso', 'cache');
    mkdirSync(cacheFolder, { recursive: true });
    const token = { startUrl, region: 'us-east-1', accessToken: 'sso-access-token', expiresAt: new Date(Date.now() + 3600_000).toISOString() };
    writeFileSync(join(cacheFolder, `${createHash('sha1').update('winnow').digest('hex')}.json`), JSON.stringify(token));
    setEnv({ AWS_PROFILE: 'sso-reader', AWS_ENDPOINT_URL_SSO: endpointsUrl });
    expect(await readThrough()).toBe(BODY);
    const portal = seen.find((request) => request.path === 'GET /federation/credentials');
    expect(portal?.headers['x-amz-sso_bearer_token']).toBe('sso-access-token');
  });

  it('says to run `aws sso login` when the cached SSO token has expired', async () => {
    writeFileSync(
      join(home, 'config'),
      '[profile sso-reader]\nsso_session = winnow\nsso_account_id = 123456789012\nsso_role_name = Reader\nregion = us-east-1\n\n[sso-session winnow]\nsso_start_url = https://winnow-test.awsapps.com/start\nsso_region = us-east-1\n',
    );
    const cacheFolder = join(home, '.aws', 'sso', 'cache');
    mkdirSync(cacheFolder, { recursive: true });
    const expired = {
      startUrl: 'https://winnow-test.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'sso-access-token',
      expiresAt: new Date(Date.now() - 3600_000).toISOString(),
    };
    writeFileSync(join(cacheFolder, `${createHash('sha1').update('winnow').digest('hex')}.json`), JSON.stringify(expired));
    setEnv({ AWS_PROFILE: 'sso-reader', AWS_ENDPOINT_URL_SSO: endpointsUrl });
    const error = await readThrough().then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(/^s3:\/\/data\/chain\/readings\.csv: no AWS credentials found: .*run `aws sso login` for SSO/);
    expect(seen.map((request) => request.path)).not.toContain('GET /federation/credentials');
  });

  it('asks the container credentials endpoint (ECS, EKS pod identity) with its authorization token', async () => {
    setEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpointsUrl}/container-credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-token' });
    expect(await readThrough()).toBe(BODY);
    expect(seen.map((request) => request.path)).toContain('GET /container-credentials');
  });

  it('asks the instance metadata service (IMDSv2, with a session token) on an EC2 host', async () => {
    setEnv({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: endpointsUrl });
    expect(await readThrough()).toBe(BODY);
    expect(seen.map((request) => request.path)).toEqual(
      expect.arrayContaining(['PUT /latest/api/token', 'GET /latest/meta-data/iam/security-credentials/winnow-reader']),
    );
  });

  it('says what to do, in one line, when no link of the chain has credentials', async () => {
    const error = await readThrough().then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toBe(
      's3://data/chain/readings.csv: no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE (run `aws sso login` for SSO), or set WINNOW_S3_ANONYMOUS=1 for a public bucket',
    );
  });
});
