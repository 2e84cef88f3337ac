/** "Run on full data": the document's spec through the runner on the host, with progress and Cancel. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { HostRequest, type JobState } from '../../pipelines/protocol/host';
import type { Manifest } from '../../pipelines/manifest/manifest';
import { host } from '../host/client';

export interface FullRunState {
  job: JobState | null;
  manifest: Manifest | null;
  outDir: string | null;
  error: string | null;
  start(specYaml: string): void;
  cancel(): void;
  clear(): void;
}

export function useFullRun(): FullRunState {
  const [job, setJob] = useState<JobState | null>(null);
  const [manifest, setManifest] = useState<Manifest | null>(null);
  const [outDir, setOutDir] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  const stop = () => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
  };
  useEffect(() => stop, []);

  const start = useCallback((specYaml: string) => {
    setError(null);
    setManifest(null);
    host.request(HostRequest.StartJob, { kind: 'run', specYaml }).then(
      (started) => {
        setJob(started);
        stop();
        timer.current = window.setInterval(() => {
          host.request(HostRequest.JobStatus, { jobId: started.id }).then(
            (state) => {
              setJob(state);
              if (state.state === 'running') return;
              stop();
              const result = state.result as { manifest?: Manifest; outDir?: string; exitCode?: number } | undefined;
              if (state.state === 'done' && result?.manifest) {
                setManifest(result.manifest);
                setOutDir(result.outDir ?? null);
              } else if (state.state === 'failed') setError(state.error ?? 'the run failed');
            },
            (failure: Error) => {
              stop();
              setError(failure.message);
            },
          );
        }, 300);
      },
      (failure: Error) => setError(failure.message),
    );
  }, []);

  const cancel = useCallback(() => {
    if (job) void host.request(HostRequest.CancelJob, { jobId: job.id }).then(setJob);
    stop();
  }, [job]);

  const clear = useCallback(() => {
    setManifest(null);
    setJob(null);
  }, []);

  return { job, manifest, outDir, error, start, cancel, clear };
}
