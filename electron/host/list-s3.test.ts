/**
 * The app's "Open from S3..." on the host: ListS3 lists buckets, then a bucket one level at a time,
 * against a real s3rver; failures come back as a HostError (one line plus where AWS settings
 * live), and no credential ever appears in what the renderer receives.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HostRequest } from '../../pipelines/protocol/host';
import { restoreEnv, s3ServerEnv, setEnv, startS3Server, type TestS3Server } from '../../testing/s3rver-server';
import { runSpecFile } from '../../pipelines/node/run-to-disk/run';
import { exportPipeline } from './export';
import { Host } from './host';

let server: TestS3Server;
let dir: string;
let host: Host;
const secret = 'LIST-S3-SECRET-7f3a9c';

beforeAll(async () => {
  server = await startS3Server(['data', 'archive']);
  dir = mkdtempSync(join(tmpdir(), 'winnow-list-s3-'));
  host = new Host({ dataDir: join(dir, 'data'), appDir: dir });
  await server.put('data', 'flights/2026-01/part-1.csv', 'a\n1\n');
  await server.put('data', 'flights/2026-02/part-1.csv', 'a\n2\n');
  await server.put('data', 'flights/README.md', 'notes');
  await server.put('data', 'top.csv', 'a\n3\n');
});
afterAll(async () => {
  await host.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(restoreEnv);

describe('HostRequest.ListS3', () => {
  it('lists the buckets, then one level of a bucket, folders first', async () => {
    setEnv(s3ServerEnv(server, join(dir, 'cache'), secret));
    const buckets = await host.handle(HostRequest.ListS3, {});
    expect(buckets).toMatchObject({
      ok: true,
      result: {
        bucket: null,
        parent: null,
        entries: [
          { name: 'archive', uri: 's3://archive/', kind: 'bucket' },
          { name: 'data', uri: 's3://data/', kind: 'bucket' },
        ],
      },
    });

    const top = await host.handle(HostRequest.ListS3, { bucket: 'data' });
    expect(top).toMatchObject({ ok: true, result: { bucket: 'data', prefix: '', parent: null, truncated: false } });
    expect(top.ok && (top.result as { entries: unknown[] }).entries).toEqual([
      { name: 'flights/', uri: 's3://data/flights/', kind: 'prefix', bytes: 0 },
      { name: 'top.csv', uri: 's3://data/top.csv', kind: 'object', bytes: 4 },
    ]);

    const flights = await host.handle(HostRequest.ListS3, { bucket: 'data', prefix: 'flights/' });
    expect(flights).toMatchObject({ ok: true, result: { prefix: 'flights/', parent: '' } });
    expect(flights.ok && (flights.result as { entries: { name: string }[] }).entries.map((entry) => entry.name)).toEqual(['2026-01/', '2026-02/', 'README.md']);
    expect(JSON.stringify([buckets, top, flights])).not.toContain(secret);
  });

  it('answers a failure with one line and what to do', async () => {
    setEnv(s3ServerEnv(server, join(dir, 'cache'), secret));
    const answer = await host.handle(HostRequest.ListS3, { bucket: 'nobucket' });
    expect(answer).toEqual({
      ok: false,
      status: 422,
      error: {
        error: `s3://nobucket/: no such bucket nobucket at ${server.endpoint}: check the bucket name and the endpoint`,
        hint: 'S3 credentials, region and endpoint come from the AWS settings of the machine running Winnow (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ~/.aws).',
      },
    });
    expect(await host.handle(HostRequest.ListS3, { bucket: 42 })).toMatchObject({ ok: false, status: 400 });
  });
});

describe('exporting a pipeline over S3 from the app', () => {
  it('pins each object by URI and ETag, and the exported snapshot holds for a headless run', async () => {
    setEnv(s3ServerEnv(server, join(dir, 'cache'), secret));
    const folder = join(dir, 'export');
    const exported = await exportPipeline(
      folder,
      'version: 1\nname: flights\nseed: 1\nsources:\n  flights:\n    uri: s3://data/flights/\nsteps: []\noutputs: []\n',
    );
    const text = readFileSync(exported.snapshotPath, 'utf8');
    expect(text).not.toContain(secret);
    const snapshot = JSON.parse(text) as { inputs: { files: { uri?: string; etag?: string }[] }[] };
    expect(snapshot.inputs[0]?.files.map((file) => file.uri)).toEqual(['s3://data/flights/2026-01/part-1.csv', 's3://data/flights/2026-02/part-1.csv']);
    expect(snapshot.inputs[0]?.files.every((file) => /^[0-9a-f]{32}$/.test(file.etag ?? ''))).toBe(true);
    expect((await runSpecFile(exported.specPath, { out: join(dir, 'export-out'), snapshot: exported.snapshotPath })).exitCode).toBe(0);
  });
});
