/**
 * A job on the host (the full-data profile, "Run on full data"), as the renderer follows it:
 * start it, poll its state until it ends, cancel it. One polling loop for every job kind; the
 * result arrives typed by the kind (JobResults in the protocol).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { HostRequest, type JobKind, type JobResults, type JobState, type Payloads } from '../../pipelines/protocol/host';
import { host } from './client';

export interface HostJob<Kind extends JobKind> {
  job: JobState<Kind> | null;
  /** Why starting or following the job failed, or the job's own error. */
  error: string | null;
  start(payload: Omit<Payloads[HostRequest.StartJob], 'kind'>): void;
  cancel(): void;
  /** Forgets the job (its state and error). */
  clear(): void;
}

/** How often a running job's state is asked for. */
const POLL_MS = 250;

/** Follows one job of `kind` at a time; `onDone` gets its result once it is done. */
export function useHostJob<Kind extends JobKind>(kind: Kind, onDone: (result: JobResults[Kind]) => void): HostJob<Kind> {
  const [job, setJob] = useState<JobState<Kind> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  const done = useRef(onDone);
  done.current = onDone;
  const stop = () => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
  };
  useEffect(() => stop, []);

  const start = useCallback(
    (payload: Omit<Payloads[HostRequest.StartJob], 'kind'>) => {
      setError(null);
      stop();
      host.request(HostRequest.StartJob, { ...payload, kind }).then(
        (started) => {
          setJob(started as JobState<Kind>);
          timer.current = window.setInterval(() => {
            host.request(HostRequest.JobStatus, { jobId: started.id }).then(
              (state) => {
                setJob(state as JobState<Kind>);
                if (state.state === 'running') return;
                stop();
                if (state.state === 'done' && state.result !== undefined) done.current(state.result as JobResults[Kind]);
                else if (state.state === 'failed') setError(state.error ?? `the ${kind} job failed`);
              },
              (failure: Error) => {
                stop();
                setError(failure.message);
              },
            );
          }, POLL_MS);
        },
        (failure: Error) => setError(failure.message),
      );
    },
    [kind],
  );

  const cancel = useCallback(() => {
    stop();
    if (job)
      host.request(HostRequest.CancelJob, { jobId: job.id }).then(
        (state) => setJob(state as JobState<Kind>),
        () => undefined,
      );
  }, [job]);

  const clear = useCallback(() => {
    stop();
    setJob(null);
    setError(null);
  }, []);

  return { job, error, start, cancel, clear };
}
