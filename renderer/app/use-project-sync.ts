/**
 * Keeps a saved project's spec file and the cells in step: an edit in the app is written to
 * pipeline.winnow.yaml (debounced, atomically, by the host), and an edit of that file on disk
 * (in an editor, by git) reloads the cells. The YAML and the UI never disagree for long.
 */
import { useEffect, useRef } from 'react';
import { HostRequest } from '../../pipelines/protocol/host';
import { SpecErrors } from '../../pipelines/spec/parse';
import { host } from '../host/client';
import { useApp } from '../state/store';
import { documentFromFiles, projectFiles } from './project';

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
        host.request(HostRequest.SaveProject, { folder, ...files }).then(() => useApp.setState({ dirty: false }), () => undefined);
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
    writtenYaml.current = projectFiles(useApp.getState().document).specYaml;
    const timer = window.setInterval(() => {
      host.request(HostRequest.WatchProject, { folder, since: since.current }).then((answer) => {
        if (!answer.changed) return;
        since.current = answer.modifiedAt;
        const { document } = useApp.getState();
        if (answer.specYaml === projectFiles(document).specYaml) return;
        try {
          const fromFile = documentFromFiles({ specYaml: answer.specYaml, uiState: { sort: document.sort, filters: document.filters, selectedColumn: document.selectedColumn } }, `${folder}/pipeline.winnow.yaml`);
          writtenYaml.current = answer.specYaml;
          useApp.getState().edit(() => ({ steps: fromFile.steps, sources: fromFile.sources, name: fromFile.name }));
          useApp.setState({ dirty: false, problem: null });
        } catch (error) {
          const message = error instanceof SpecErrors ? error.errors[0]!.oneLine() : (error as Error).message;
          useApp.setState({ problem: { message: `pipeline.winnow.yaml changed on disk but is not a valid spec: ${message}`, hint: 'Fix the file; the cells keep their last valid state meanwhile.' } });
        }
      }, () => undefined);
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [folder]);
}
