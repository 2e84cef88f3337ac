/**
 * A real S3-compatible server for tests: s3rver in a child process on 127.0.0.1, on a free port,
 * started and stopped by the test itself. It accepts the access key S3RVER with any secret (it
 * does not check signatures), so refusals of credentials cannot be tested against it.
 */
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resetS3Clients } from '../pipelines/node/sources/s3/client';

const S3RVER = fileURLToPath(new URL('../node_modules/s3rver/bin/s3rver.js', import.meta.url));

export interface TestS3Server {
  endpoint: string;
  port: number;
  /** Puts an object through the SDK, as any S3 client would. */
  put(bucket: string, key: string, body: string | Buffer): Promise<void>;
  remove(bucket: string, key: string): Promise<void>;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port over the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export async function startS3Server(buckets: string[]): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'winnow-s3rver-'));
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const launch = () =>
    new Promise<void>((resolveStart, reject) => {
      const args = [S3RVER, '-d', directory, '-a', '127.0.0.1', '-p', String(port), '--silent', ...buckets.flatMap((bucket) => ['--configure-bucket', bucket])];
      const started = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('listening')) resolveStart();
      };
      started.stdout?.on('data', onData);
      started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.once('exit', (code) => reject(new Error(`s3rver exited with ${code}: ${output}`)));
    });
  const halt = async (signal: NodeJS.Signals) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((done) => {
      running.once('exit', () => done());
      running.kill(signal);
    });
  };
  await launch();
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    port,
    put: async (bucket, key, body) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(body) }));
    },
    remove: async (bucket, key) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    kill: () => halt('SIGKILL'),
    restart: launch,
    stop: async () => {
      client.destroy();
      await halt('SIGTERM');
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const saved = new Map<string, string | undefined>();

/** Sets environment variables for one test (and forgets S3 clients made under the old ones). */
export function setEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!saved.has(name)) saved.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetS3Clients();
}

/** Puts back what setEnv changed: call it in afterEach. */
export function restoreEnv(): void {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  saved.clear();
  resetS3Clients();
}

/** The environment a user would set to read from `server`, with the cache in `cacheDir`. */
export function s3ServerEnv(server: TestS3Server, cacheDir: string, secret = 'S3RVER'): Record<string, string | undefined> {
  return {
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_ENDPOINT_URL_S3: undefined,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: 'us-east-1',
    WINNOW_CACHE_DIR: cacheDir,
    WINNOW_S3_ANONYMOUS: undefined,
  };
}
