/**
 * The profile of the open dataset: computed on the working set at once (in the wasm worker),
 * replaced by the full data's profile when a person asks for it (a host job, with Cancel).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine } from '../../pipelines/engine/engine';
import { HostRequest, type DatasetHandle, type JobState } from '../../pipelines/protocol/host';
import { profileTable } from '../../pipelines/stats/profile/profile';
import type { Profile } from '../../pipelines/stats/profile/types';
import { host } from '../host/client';
import { useLiveEffect } from '../components/use-live-effect';

export interface ProfileState {
  profile: Profile | null;
  /** 'working-set' (maybe a sample) or 'full'. */
  source: 'working-set' | 'full';
  loading: boolean;
  error: string | null;
  job: JobState | null;
  runFull(): void;
  cancel(): void;
}

export function useProfile(engine: Engine | null, dataset: DatasetHandle | null, table: string | null): ProfileState {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [source, setSource] = useState<'working-set' | 'full'>('working-set');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<JobState | null>(null);
  const polling = useRef<number | null>(null);

  useLiveEffect((live) => {
    if (!engine || !dataset || !table) return;
    setLoading(true);
    setProfile(null);
    setSource('working-set');
    setError(null);
    profileTable(engine, table, dataset.columns).then(
      (result) => live() && setProfile(result),
      (failure: Error) => live() && setError(failure.message.split('\n')[0] ?? String(failure)),
    ).finally(() => live() && setLoading(false));
  }, [engine, dataset, table]);

  const stopPolling = () => {
    if (polling.current !== null) window.clearInterval(polling.current);
    polling.current = null;
  };
  useEffect(() => stopPolling, []);

  const runFull = useCallback(() => {
    if (!dataset) return;
    host.request(HostRequest.StartJob, { kind: 'profile', datasetId: dataset.id }).then((started) => {
      setJob(started);
      stopPolling();
      polling.current = window.setInterval(() => {
        host.request(HostRequest.JobStatus, { jobId: started.id }).then((state) => {
          setJob(state);
          if (state.state === 'running') return;
          stopPolling();
          if (state.state === 'done') {
            setProfile(state.result as Profile);
            setSource('full');
          } else if (state.state === 'failed') setError(state.error ?? 'the full-data profile failed');
        }, (failure: Error) => {
          stopPolling();
          setError(failure.message);
        });
      }, 250);
    }, (failure: Error) => setError(failure.message));
  }, [dataset]);

  const cancel = useCallback(() => {
    if (!job) return;
    host.request(HostRequest.CancelJob, { jobId: job.id }).then(setJob, () => undefined);
    stopPolling();
  }, [job]);

  return { profile, source, loading, error, job, runFull, cancel };
}
