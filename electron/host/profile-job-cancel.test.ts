/**
 * The full-data profile is a host job with Cancel: it runs on a native connection of its own, so
 * Cancel interrupts its query and nothing else, and the host answers as before afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostRequest, type DatasetOpening, type JobState } from '../../pipelines/protocol/host';
import { NativeEngine } from '../../pipelines/node/engine/native-engine';
import { Host } from './host';

const dir = mkdtempSync(join(tmpdir(), 'winnow-profile-job-'));
let host: Host;

beforeAll(async () => {
  host = new Host({ dataDir: join(dir, 'data'), appDir: dir, cwd: dir });
  const engine = await NativeEngine.create();
  await engine.run(`COPY (SELECT range AS id, range % 7 AS kind FROM range(50000)) TO '${join(dir, 'rows.parquet')}' (FORMAT parquet)`);
  await engine.close();
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

async function request<T extends HostRequest>(type: T, payload: unknown) {
  const answer = await host.handle(type, payload);
  if (!answer.ok) throw new Error(answer.error.error);
  return answer.result;
}

async function opened(uri: string): Promise<DatasetOpening> {
  let opening = (await request(HostRequest.OpenDataset, { uri })) as DatasetOpening;
  while (!opening.ready && !opening.error) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    opening = (await request(HostRequest.DatasetStatus, { datasetId: opening.id })) as DatasetOpening;
  }
  return opening;
}

async function settled(jobId: string): Promise<JobState> {
  for (;;) {
    const state = (await request(HostRequest.JobStatus, { jobId })) as JobState;
    if (state.state !== 'running') return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the full-data profile job', () => {
  it('knows a Parquet dataset’s rows from its metadata when it answers the open', async () => {
    const opening = (await request(HostRequest.OpenDataset, { uri: join(dir, 'rows.parquet') })) as DatasetOpening;
    expect(opening.rows).toBe(50000);
  });

  it('profiles the full data on a connection of its own, and a cancelled one leaves the host answering', async () => {
    const dataset = await opened(join(dir, 'rows.parquet'));
    expect(dataset.ready?.rows).toBe(50000);
    const started = (await request(HostRequest.StartJob, { kind: 'profile', datasetId: dataset.id })) as JobState;
    const cancelled = (await request(HostRequest.CancelJob, { jobId: started.id })) as JobState;
    expect(cancelled.state).toBe('cancelled');
    expect((await settled(started.id)).state).toBe('cancelled');

    const again = (await request(HostRequest.StartJob, { kind: 'profile', datasetId: dataset.id })) as JobState;
    const done = await settled(again.id);
    expect(done.state).toBe('done');
    const profile = done.result as { columns: { name: string }[] };
    expect(profile.columns.map((column) => column.name)).toEqual(['id', 'kind']);
  });

  it('interrupts only the query of its own connection', async () => {
    const engine = await host.nativeEngine();
    const own = await engine.newConnection();
    // Far more work than any test waits for: only the interrupt ends it.
    const endless = own.query('SELECT sum(a.range * b.range) AS n FROM range(1000000) a, range(1000000) b');
    // Again and again until it stops: an interrupt that lands before the query starts does nothing.
    const interrupting = setInterval(() => own.interrupt(), 100);
    await expect(endless)
      .rejects.toThrow(/interrupt/i)
      .finally(() => clearInterval(interrupting));
    await own.close();
    const [row] = await engine.query('SELECT 42 AS n');
    expect(row?.n).toBe(42);
  });
});
