/** "Run on full data": the document's spec through the runner on the host, with progress and Cancel. */
import { useCallback, useState } from 'react';
import type { Manifest } from '../../pipelines/manifest/manifest';
import type { JobState } from '../../pipelines/protocol/host';
import { useHostJob } from '../host/use-host-job';

export interface FullRunState {
  job: JobState<'run'> | null;
  manifest: Manifest | null;
  outDir: string | null;
  error: string | null;
  start(specYaml: string): void;
  cancel(): void;
  clear(): void;
}

export function useFullRun(): FullRunState {
  const [manifest, setManifest] = useState<Manifest | null>(null);
  const [outDir, setOutDir] = useState<string | null>(null);
  const run = useHostJob('run', (result) => {
    if (result.manifest) {
      setManifest(result.manifest);
      setOutDir(result.outDir);
    }
  });
  const { start: startJob, clear: clearJob } = run;

  const start = useCallback(
    (specYaml: string) => {
      setManifest(null);
      startJob({ specYaml });
    },
    [startJob],
  );

  const clear = useCallback(() => {
    setManifest(null);
    clearJob();
  }, [clearJob]);

  return { job: run.job, manifest, outDir, error: run.error, start, cancel: run.cancel, clear };
}
