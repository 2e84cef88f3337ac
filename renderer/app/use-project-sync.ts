/**
 * Keeps a saved project's spec file and the cells in step: an edit in the app is written to
 * pipeline.winnow.yaml (debounced, atomically, by the host) as the exact text the app holds,
 * and an edit of that file on disk (in an editor, by git) becomes the app's text, as one undo
 * step. The YAML and the UI never disagree for long, and neither rewrites the other's work.
 */
import { useEffect, useRef } from 'react';
import { HostRequest } from '../../pipelines/protocol/host';
import { WinnowError } from '../../pipelines/errors';
import { host } from '../host/client';
import { useApp } from '../state/store';
import { checkSpecText, projectFiles, SPEC_FILE } from './project';

const POLL_MS = 1500;
const SAVE_DELAY_MS = 600;

export function useProjectSync(): void {
  const folder = useApp((state) => state.projectFolder);
  const since = useRef(0);
  const writtenYaml = useRef<string | null>(null);

  // The app's edits go to the file.
  useEffect(() => {
    if (!folder) return;
    let timer: number | undefined;
    const unsubscribe = useApp.subscribe((state, previous) => {
      if (state.document === previous.document || state.projectFolder !== folder) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const files = projectFiles(useApp.getState().document);
        if (files.specYaml === writtenYaml.current) return;
        writtenYaml.current = files.specYaml;
        host.request(HostRequest.SaveProject, { folder, ...files }).then(
          () => useApp.getState().saved(folder),
          () => undefined,
        );
      }, SAVE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [folder]);

  // The file's edits come to the app.
  useEffect(() => {
    if (!folder) return;
    since.current = Date.now();
    writtenYaml.current = useApp.getState().document.specYaml;
    const timer = window.setInterval(() => {
      host.request(HostRequest.WatchProject, { folder, since: since.current }).then(
        (answer) => {
          if (!answer.changed) return;
          since.current = answer.modifiedAt;
          if (answer.specYaml === useApp.getState().document.specYaml || answer.specYaml === writtenYaml.current) return;
          try {
            checkSpecText(answer.specYaml, `${folder}/${SPEC_FILE}`);
            writtenYaml.current = answer.specYaml;
            useApp.getState().specChangedOnDisk(answer.specYaml);
          } catch (error) {
            const message = error instanceof WinnowError ? error.oneLine() : (error as Error).message;
            useApp.getState().report({
              message: `${SPEC_FILE} changed on disk but is not a valid spec: ${message}`,
              hint: 'Fix the file; the cells keep their last valid state meanwhile.',
            });
          }
        },
        () => undefined,
      );
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [folder]);
}
