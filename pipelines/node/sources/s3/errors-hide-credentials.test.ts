/**
 * Issue 11: what a person sees when a remote source fails never carries a credential. An
 * endpoint's user:password, a presigned URL's signature and token, and whatever an S3 server
 * echoes of the request it was sent (its Authorization header, the session token) are hidden;
 * and on Node 20 an S3 error is still one line on stderr, with no 9-line SDK warning before it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/cli';
import { resolveSource } from '../resolve-source';
import { redactSecrets, redactUrl } from '../redact';
import { freePort, restoreEnv, setEnv } from '../../../../testing/s3rver-server';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'FQoGZXIvYXdzEJr//////////wEaDOZgGT7wLuzG0mRoCiKsAQZ2example';
const PASSWORD = 'hunter2-endpoint-password';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-redact-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(restoreEnv);

/** The environment of a person whose endpoint URL carries a user and password. */
function credentialsEnv(endpoint: string): Record<string, string | undefined> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ENDPOINT_URL_S3: undefined,
    AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    AWS_PROFILE: undefined,
    AWS_REGION: 'us-east-1',
    WINNOW_CACHE_DIR: join(dir, 'cache'),
    WINNOW_S3_ANONYMOUS: undefined,
  };
}

function expectNoCredential(text: string): void {
  for (const secret of [PASSWORD, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN]) expect(text).not.toContain(secret);
  // The request's signature (which this test does not know) is hidden too.
  expect(text).not.toMatch(/Signature=[0-9a-f]/);
}

async function winnow(...args: string[]): Promise<{ code: number; printed: string }> {
  let printed = '';
  const io = { out: (text: string) => void (printed += text + '\n'), err: (text: string) => void (printed += text + '\n'), isTTY: false };
  const code = await main(args, io);
  return { code, printed };
}

function specReading(uri: string, name = 'remote'): string {
  const path = join(dir, `${name}.winnow.yaml`);
  writeFileSync(path, `version: 1\nname: ${name}\nsources:\n  s:\n    uri: ${uri}\nsteps: []\noutputs:\n  - { name: all }\n`);
  return path;
}

describe('redactSecrets and redactUrl', () => {
  it.each([
    ['user:password in a URL', `http://admin:${PASSWORD}@127.0.0.1:9000/x`, 'http://***@127.0.0.1:9000/x'],
    ['an access key id', `The AWS Access Key Id ${ACCESS_KEY_ID} does not exist`, 'The AWS Access Key Id *** does not exist'],
    ['a secret access key', `secret ${SECRET_ACCESS_KEY} here`, 'secret *** here'],
    ['a session token', `token ${SESSION_TOKEN}`, 'token ***'],
    [
      'an Authorization header',
      `Authorization: AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20260101/us-east-1/s3/aws4_request, Signature=fe5f80f77d5fa3beca038a248ff027d04453`,
      'Authorization: *** Credential=***, Signature=***',
    ],
    ['a bearer token', 'sent Bearer abc.def.ghi-jkl', 'sent Bearer ***'],
    ['a JSON password', '{"password": "p4ss", "user": "bob"}', '{"password": "***", "user": "bob"}'],
  ])('hides %s', (_what, text, shown) => {
    expect(redactSecrets(text)).toBe(shown);
  });

  it.each([
    'The specified bucket does not exist',
    'no such key year=2026/month=01/part-00000.csv in bucket data',
    'IllegalLocationConstraintException',
    'Please reduce your request rate.',
  ])('leaves ordinary words alone: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('keeps the host and path of a presigned URL, not its signature or token', () => {
    expect(
      redactUrl(
        `https://u:p@bucket.s3.amazonaws.com/a.csv?X-Amz-Credential=${ACCESS_KEY_ID}%2F2026&X-Amz-Security-Token=${SESSION_TOKEN}&X-Amz-Signature=abcd&x-id=GetObject`,
      ),
    ).toBe('https://***@bucket.s3.amazonaws.com/a.csv?X-Amz-Credential=***&X-Amz-Security-Token=***&X-Amz-Signature=***&x-id=GetObject');
  });
});

describe('S3 errors hide credentials', () => {
  it('an endpoint with user:password is named without them', async () => {
    const port = await freePort();
    setEnv(credentialsEnv(`http://admin:${PASSWORD}@127.0.0.1:${port}`));
    const { code, printed } = await winnow('run', specReading('s3://data/a.csv'), '--out', join(dir, 'out-endpoint'));
    expect(code).toBe(2);
    expect(printed).toBe(
      `s3://data/a.csv: cannot reach the S3 endpoint http://***@127.0.0.1:${port} (ECONNREFUSED): check AWS_ENDPOINT_URL / the source's endpoint option and that the server is running\n`,
    );
  });

  it('what a server echoes of the request (its Authorization header, the session token) is not quoted', async () => {
    const server: Server = createServer((request, response) => {
      const echoed = `Request with ${request.headers.authorization ?? ''} and X-Amz-Security-Token=${request.headers['x-amz-security-token'] ?? ''} from ${ACCESS_KEY_ID} was refused`;
      response.writeHead(400, { 'Content-Type': 'application/xml' });
      response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidRequest</Code><Message>${echoed}</Message><RequestId>1</RequestId></Error>`);
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      setEnv(credentialsEnv(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      // A prefix is listed with a GET, whose error body the SDK reads.
      const { code, printed } = await winnow('run', specReading('s3://data/readings/'), '--out', join(dir, 'out-echo'));
      expect(code).toBe(2);
      expect(printed).toMatch(/^s3:\/\/data\/readings\/: cannot read: Request with .* was refused \(InvalidRequest, HTTP 400\)\n$/);
      expectNoCredential(printed);
    } finally {
      server.close();
    }
  });

  it('on Node 20 the error is one line on stderr: no NodeVersionSupportWarning before it', () => {
    const specPath = specReading('s3://data/a.csv', 'child');
    const env: Record<string, string | undefined> = { ...process.env, ...credentialsEnv(`http://admin:${PASSWORD}@127.0.0.1:9`) };
    // This process may have switched the warning off for itself; the child starts as a person's shell would.
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs'),
        '--input-type=module',
        '-e',
        `import { main } from ${JSON.stringify(join(ROOT, 'pipelines', 'node', 'cli', 'cli.ts'))}; process.exitCode = await main(process.argv.slice(1));`,
        'run',
        specPath,
        '--out',
        join(dir, 'out-child'),
      ],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.status, child.stderr).toBe(2);
    expect(child.stderr).toBe(
      "s3://data/a.csv: cannot reach the S3 endpoint http://***@127.0.0.1:9 (ECONNREFUSED): check AWS_ENDPOINT_URL / the source's endpoint option and that the server is running\n",
    );
  });
});

describe('http(s) errors hide credentials', () => {
  it('a presigned URL is named without its signature and token', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/a.csv?X-Amz-Credential=${ACCESS_KEY_ID}&X-Amz-Security-Token=${encodeURIComponent(SESSION_TOKEN)}&X-Amz-Signature=0123abcd`;
    const error = await resolveSource('s', { uri: url }, dir).then(
      () => undefined,
      (caught: Error) => caught,
    );
    expect(error?.message).toBe(
      `http://127.0.0.1:${port}/a.csv?X-Amz-Credential=***&X-Amz-Security-Token=***&X-Amz-Signature=***: cannot reach 127.0.0.1:${port} (ECONNREFUSED): check the URL, the network and that the server is running`,
    );
  });

  it('a URL with user:password (which fetch refuses) is named without them', async () => {
    const { code, printed } = await winnow('run', specReading(`http://admin:${PASSWORD}@127.0.0.1:9/a.csv`, 'userinfo'), '--out', join(dir, 'out-userinfo'));
    expect(code).toBe(2);
    expect(printed.startsWith('http://***@127.0.0.1:9/a.csv: ')).toBe(true);
    expect(printed.split('\n')).toHaveLength(2);
    expectNoCredential(printed);
  });

  it("a server's status text that echoes a token is not quoted", async () => {
    const server: Server = createServer((_request, response) => {
      response.statusMessage = `Forbidden for token ${SESSION_TOKEN}`;
      response.writeHead(403);
      response.end();
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const { code, printed } = await winnow(
        'run',
        specReading(`http://127.0.0.1:${(server.address() as AddressInfo).port}/a.csv`, 'http'),
        '--out',
        join(dir, 'out-http'),
      );
      expect(code).toBe(2);
      expect(printed).toMatch(/: the server answered 403 Forbidden for token \*\*\*\n$/);
      expectNoCredential(printed);
    } finally {
      server.close();
    }
  });
});
