/**
 * The renderer's side of the host protocol: over IPC in Electron (window.winnowHost, from the
 * preload), over HTTP in browser mode. Both speak pipelines/protocol/host.ts and nothing else.
 */
import type { HostApi, HostError, HostRequest, Payloads, Results } from '../../pipelines/protocol/host';

/** A host request that failed, with the host's one-line message and what to do next. */
export class HostRequestError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

interface ElectronBridge {
  request<T extends HostRequest>(type: T, payload: Payloads[T]): Promise<Results[T]>;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    winnowHost?: ElectronBridge;
  }
}

class HttpHost implements HostApi {
  async request<T extends HostRequest>(type: T, payload: Payloads[T]): Promise<Results[T]> {
    let response: Response;
    try {
      response = await fetch(`./api/${type}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload), credentials: 'same-origin' });
    } catch {
      throw new HostRequestError('Winnow’s server does not answer.', 'Start it again with `npm run serve` and reload this page; your work is autosaved.');
    }
    const text = await response.text();
    if (!response.ok) {
      let error: HostError = { error: text || response.statusText };
      try {
        error = JSON.parse(text) as HostError;
      } catch {
        // a plain-text error (e.g. 401 from the token check)
      }
      throw new HostRequestError(error.error, error.hint);
    }
    return JSON.parse(text) as Results[T];
  }
}

class ElectronHost implements HostApi {
  constructor(private readonly bridge: ElectronBridge) {}

  async request<T extends HostRequest>(type: T, payload: Payloads[T]): Promise<Results[T]> {
    try {
      return await this.bridge.request(type, payload);
    } catch (error) {
      // Electron prefixes remote errors: "Error invoking remote method 'winnow:request': Error: ..."
      const message = (error as Error).message.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
      const [first, hint] = message.split('\n');
      throw new HostRequestError(first ?? message, hint);
    }
  }
}

export const host: HostApi = typeof window !== 'undefined' && window.winnowHost ? new ElectronHost(window.winnowHost) : new HttpHost();

/** The local path of a dropped file, where the shell can tell it (Electron), else null. */
export function droppedFilePath(file: File): string | null {
  return typeof window !== 'undefined' && window.winnowHost ? window.winnowHost.pathForFile(file) : null;
}
