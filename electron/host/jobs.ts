/**
 * Long work on the full data (a profile, a pipeline run), with progress and Cancel. The
 * renderer polls JobStatus; Cancel interrupts the native query in flight.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { WinnowError } from '../../pipelines/errors';
import { PROJECT_SPEC_FILE, type JobKind, type JobResults, type JobState, type Payloads, type HostRequest } from '../../pipelines/protocol/host';
import type { NativeEngine } from '../../pipelines/node/engine/native-engine';
import { runSpecFile } from '../../pipelines/node/run-to-disk/run';
import type { Profile } from '../../pipelines/stats/profile/types';
import type { OpenedOnHost } from './datasets';
import { BadRequest } from './validate';

/** What jobs need of the host: its opened datasets, its native engine and its data folder. */
export interface JobHost {
  dataset(id: string): Pick<OpenedOnHost, 'table' | 'handle'>;
  nativeEngine(): Promise<NativeEngine>;
  /** Where a run's spec and outputs go (under runs/<job id>/). */
  readonly dataDir: string;
}

interface Job {
  state: JobState;
  controller: AbortController;
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly host: JobHost) {}

  start(payload: Payloads[HostRequest.StartJob]): JobState {
    const id = randomUUID();
    const controller = new AbortController();
    const state: JobState = { id, kind: payload.kind, state: 'running', progress: 0, message: 'starting' };
    this.jobs.set(id, { state, controller });
    const work: Promise<JobResults[JobKind]> =
      payload.kind === 'run' ? this.run(state, payload.specYaml ?? '', controller.signal) : this.profile(state, payload.datasetId ?? '', controller.signal);
    work.then(
      (result) => {
        if (state.state === 'running') Object.assign(state, { state: 'done', progress: 1, message: 'done', result });
      },
      (error: Error) => {
        if (controller.signal.aborted) Object.assign(state, { state: 'cancelled', message: 'cancelled' });
        else Object.assign(state, { state: 'failed', message: 'failed', error: error instanceof WinnowError ? error.oneLine() : error.message.split('\n')[0] });
      },
    );
    return { ...state };
  }

  status(id: string): JobState {
    const job = this.jobs.get(id);
    if (!job) throw new BadRequest(`no job ${id}`);
    return { ...job.state };
  }

  cancel(id: string): JobState {
    const job = this.jobs.get(id);
    if (!job) throw new BadRequest(`no job ${id}`);
    if (job.state.state === 'running') {
      job.controller.abort();
      Object.assign(job.state, { state: 'cancelled', message: 'cancelled' });
    }
    return { ...job.state };
  }

  async cancelAll(): Promise<void> {
    for (const job of this.jobs.values()) if (job.state.state === 'running') job.controller.abort();
  }

  /**
   * A full-data profile, answered directly (the data is already in native DuckDB), on a
   * connection of its own: an abort of `signal` interrupts its query in flight and nothing else.
   */
  async profileNow(datasetId: string, signal?: AbortSignal): Promise<Profile> {
    const dataset = this.host.dataset(datasetId);
    const engine = await (await this.host.nativeEngine()).newConnection();
    const interrupt = () => engine.interrupt();
    signal?.addEventListener('abort', interrupt);
    try {
      if (signal?.aborted) throw new Error('cancelled');
      const { profileTable } = await import('../../pipelines/stats/profile/profile');
      return await profileTable(engine, dataset.table, dataset.handle.columns);
    } finally {
      signal?.removeEventListener('abort', interrupt);
      await engine.close();
    }
  }

  private async profile(state: JobState, datasetId: string, signal: AbortSignal): Promise<JobResults['profile']> {
    state.message = 'profiling the full data';
    return this.profileNow(datasetId, signal);
  }

  private async run(state: JobState, specYaml: string, signal: AbortSignal): Promise<JobResults['run']> {
    const folder = join(this.host.dataDir, 'runs', state.id);
    await mkdir(folder, { recursive: true });
    const specPath = join(folder, PROJECT_SPEC_FILE);
    await writeFile(specPath, specYaml);
    const outcome = await runSpecFile(specPath, {
      out: join(folder, 'out'),
      signal,
      onProgress: (event) => {
        state.progress = event.total === 0 ? null : event.completed / event.total;
        state.message = event.stepId ? `step ${event.stepId}` : event.phase;
      },
    });
    return { exitCode: outcome.exitCode, manifest: outcome.manifest, outDir: outcome.outDir };
  }
}
