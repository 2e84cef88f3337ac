/**
 * The renderer's side of the host protocol: over IPC in Electron (window.winnowHost, from the
 * preload), over HTTP in browser mode. Both speak pipelines/protocol/host.ts and nothing else.
 */
import type { HostApi, HostError, HostRequest, Payloads, Results, StoredUpload } from '../../pipelines/protocol/host';

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

/** The error in a failed answer of the server: JSON from the host, plain text from the token or Host check. */
function requestError(text: string, statusText: string): HostRequestError {
  let error: HostError = { error: text || statusText };
  try {
    error = JSON.parse(text) as HostError;
  } catch {
    // a plain-text error (e.g. 401 from the token check)
  }
  return new HostRequestError(error.error, error.hint);
}

class HttpHost implements HostApi {
  async request<T extends HostRequest>(type: T, payload: Payloads[T]): Promise<Results[T]> {
    let response: Response;
    try {
      response = await fetch(`./api/${type}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
        credentials: 'same-origin',
      });
    } catch {
      throw new HostRequestError('Winnow’s server does not answer.', 'Start it again with `npm run serve` and reload this page; your work is autosaved.');
    }
    const text = await response.text();
    if (!response.ok) throw requestError(text, response.statusText);
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

/** Electron's shell (its preload gives the bridge); otherwise browser mode, over HTTP. */
const bridge = typeof window !== 'undefined' ? window.winnowHost : undefined;

export const host: HostApi = bridge ? new ElectronHost(bridge) : new HttpHost();

/** Whether dropped files are sent to the server to be copied: in browser mode, which cannot see their paths. */
export const uploadsDroppedFiles = !bridge;

/** The local path of a dropped file, where the shell can tell it (Electron), else null. */
export function droppedFilePath(file: File): string | null {
  return bridge?.pathForFile(file) || null;
}

/**
 * Where browser mode's server keeps the copy of a dropped file (electron/server/upload.ts). Not in
 * the protocol module: it answers an upload, which is not a host request and has no Electron side.
 */

/**
 * Browser mode: sends a dropped file to Winnow's server, which copies it into its data folder and
 * answers where. The file is streamed, not read into memory; XMLHttpRequest rather than fetch
 * because only it reports upload progress.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<StoredUpload> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `./upload?name=${encodeURIComponent(file.name)}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 200) resolve(JSON.parse(request.responseText) as StoredUpload);
      else reject(requestError(request.responseText, request.statusText));
    };
    request.onerror = () =>
      reject(
        new HostRequestError(
          `Winnow’s server did not take “${file.name}”.`,
          'A folder cannot be dropped in a browser: type its path below. Otherwise check that Winnow is still running, and drop the file again.',
        ),
      );
    request.send(file);
  });
}
