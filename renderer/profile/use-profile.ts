/**
 * The profile of the open dataset: computed on the working set at once (in the wasm worker),
 * replaced by the full data's profile when a person asks for it (a host job, with Cancel).
 */
import { useCallback, useState } from 'react';
import type { Engine } from '../../pipelines/engine/engine';
import type { DatasetHandle, JobState } from '../../pipelines/protocol/host';
import { profileTable } from '../../pipelines/stats/profile/profile';
import type { Profile } from '../../pipelines/stats/profile/types';
import { useHostJob } from '../host/use-host-job';
import { useLiveEffect } from '../components/use-live-effect';

export interface ProfileState {
  profile: Profile | null;
  /** 'working-set' (maybe a sample) or 'full'. */
  source: 'working-set' | 'full';
  loading: boolean;
  error: string | null;
  job: JobState<'profile'> | null;
  runFull(): void;
  cancel(): void;
}

export function useProfile(engine: Engine | null, dataset: DatasetHandle | null, table: string | null): ProfileState {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [source, setSource] = useState<'working-set' | 'full'>('working-set');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useLiveEffect(
    (live) => {
      if (!engine || !dataset || !table) return;
      setLoading(true);
      setProfile(null);
      setSource('working-set');
      setError(null);
      profileTable(engine, table, dataset.columns)
        .then(
          (result) => live() && setProfile(result),
          (failure: Error) => live() && setError(failure.message.split('\n')[0] ?? String(failure)),
        )
        .finally(() => live() && setLoading(false));
    },
    [engine, dataset, table],
  );

  const full = useHostJob('profile', (result) => {
    setProfile(result);
    setSource('full');
  });
  const { start } = full;
  const runFull = useCallback(() => {
    if (dataset) start({ datasetId: dataset.id });
  }, [dataset, start]);

  return { profile, source, loading, error: error ?? full.error, job: full.job, runFull, cancel: full.cancel };
}
