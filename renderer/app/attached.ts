/**
 * Datasets the renderer has attached (their working sets), by URI: the open dataset as `ws`,
 * baselines and other spec sources under aliases of their own. Opening goes through the host,
 * which reads the data natively and writes the working set.
 */
import type { DatasetHandle } from '../../pipelines/protocol/host';
import { ident } from '../../pipelines/sql';
import type { BrowserEngine } from '../engine/browser-engine';
import { openOnHost } from './open-dataset';

export interface Attached {
  handle: DatasetHandle;
  alias: string;
  /** The working set's table, quoted: alias."data". */
  table: string;
}

const byUri = new Map<string, Promise<Attached>>();
let counter = 0;

/** Opens `uri` through the host (once) and attaches its working set under a fresh alias. */
export function attachSource(engine: BrowserEngine, uri: string): Promise<Attached> {
  let attached = byUri.get(uri);
  if (!attached) {
    attached = (async () => {
      const handle = await openOnHost(uri);
      const alias = `src${++counter}`;
      await engine.attachDatabase(handle.workingSet.url, alias);
      return { handle, alias, table: `${ident(alias)}.${ident(handle.workingSet.table)}` };
    })();
    attached.catch(() => byUri.delete(uri));
    byUri.set(uri, attached);
  }
  return attached;
}
