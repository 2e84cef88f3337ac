// @vitest-environment jsdom
/**
 * useHostJob against a host stub: it starts a job of its kind, polls until the job ends, hands
 * over the typed result once, shows a failed job's error, and stops polling when cancelled.
 */
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostRequest, type JobState } from '../../pipelines/protocol/host';
import { host } from './client';
import { useHostJob, type HostJob } from './use-host-job';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('useHostJob', () => {
  let states: JobState<'run'>[];
  let requests: { type: HostRequest; payload: unknown }[];
  beforeEach(() => {
    vi.useFakeTimers();
    requests = [];
    vi.spyOn(host, 'request').mockImplementation(((type: HostRequest, payload: unknown) => {
      requests.push({ type, payload });
      if (type === HostRequest.StartJob) return Promise.resolve({ id: 'j1', kind: 'run', state: 'running', progress: 0, message: 'starting' });
      if (type === HostRequest.CancelJob) return Promise.resolve({ id: 'j1', kind: 'run', state: 'cancelled', progress: null, message: 'cancelled' });
      return Promise.resolve(states.shift() ?? { id: 'j1', kind: 'run', state: 'running', progress: 0.5, message: 'step a' });
    }) as typeof host.request);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  async function follow(): Promise<{ latest: () => HostJob<'run'>; results: unknown[] }> {
    let latest: HostJob<'run'> | null = null;
    const results: unknown[] = [];
    function Probe() {
      latest = useHostJob('run', (result) => results.push(result));
      return null;
    }
    const root = createRoot(document.createElement('div'));
    await act(async () => root.render(createElement(Probe)));
    return { latest: () => latest!, results };
  }
  const tick = () => act(async () => void (await vi.advanceTimersByTimeAsync(300)));

  it('polls a started job until it is done, and hands over its result once', async () => {
    states = [
      { id: 'j1', kind: 'run', state: 'running', progress: 0.5, message: 'step a' },
      { id: 'j1', kind: 'run', state: 'done', progress: 1, message: 'done', result: { exitCode: 0, outDir: '/out' } },
    ];
    const { latest, results } = await follow();
    await act(async () => latest().start({ specYaml: 'version: 1' }));
    expect(requests[0]).toEqual({ type: HostRequest.StartJob, payload: { specYaml: 'version: 1', kind: 'run' } });
    await tick();
    expect(latest().job?.progress).toBe(0.5);
    await tick();
    await tick();
    expect(latest().job?.state).toBe('done');
    expect(results).toEqual([{ exitCode: 0, outDir: '/out' }]);
    expect(requests.filter((request) => request.type === HostRequest.JobStatus)).toHaveLength(2);
  });

  it('shows a failed job’s error, and stops asking once cancelled', async () => {
    states = [{ id: 'j1', kind: 'run', state: 'failed', progress: null, message: 'failed', error: 'flights.csv: no such file' }];
    const first = await follow();
    await act(async () => first.latest().start({ specYaml: '' }));
    await tick();
    expect(first.latest().error).toBe('flights.csv: no such file');
    expect(first.results).toEqual([]);

    states = [];
    const second = await follow();
    await act(async () => second.latest().start({ specYaml: '' }));
    await tick();
    await act(async () => second.latest().cancel());
    const asked = requests.length;
    await tick();
    await tick();
    expect(requests.length).toBe(asked);
    expect(second.latest().job?.state).toBe('cancelled');
  });
});
