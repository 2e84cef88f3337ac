/**
 * The API the preload puts on window.winnowHost, and how the main process answers it. The
 * renderer gets two calls: `request`, for the host requests the renderer makes
 * (rendererRequestTypes) with each payload checked (host/payloads.ts) before it is sent, and
 * `pathForFile`, for a File dropped on the window. The main process checks the sender, the type
 * and the payload again: the preload is a convenience, the host is the authority.
 *
 * No Electron import and no Node built-in (a sandboxed preload cannot load them): preload.ts and
 * main.ts pass Electron's functions in, and the tests pass their own.
 */
import { rendererRequestTypes, type HostApi, type HostError, type HostRequest, type Payloads, type Results } from '../../pipelines/protocol/host';
import { isAppSender, type SenderFrame } from './navigation';
import { checkPayload, quoted } from '../host/payloads';

export const IPC_CHANNEL = 'winnow:request';

export interface Bridge extends HostApi {
  /** The path of a file dropped on the window (Electron no longer exposes File.path). */
  pathForFile(file: File): string;
}

/** What the bridge needs of Electron: ipcRenderer.invoke and webUtils.getPathForFile. */
export interface BridgeElectron {
  invoke(channel: string, type: HostRequest, payload: unknown): Promise<unknown>;
  getPathForFile(file: File): string;
}

function rendererRequest(type: unknown): HostRequest {
  if (typeof type !== 'string' || !rendererRequestTypes.has(type))
    throw new Error(`the app does not make the request ${typeof type === 'string' ? quoted(type) : `(${typeof type})`}`);
  return type as HostRequest;
}

/** The preload's window.winnowHost. */
export function createBridge({ invoke, getPathForFile }: BridgeElectron): Bridge {
  return {
    request: async <T extends HostRequest>(type: T, payload: Payloads[T]): Promise<Results[T]> => {
      const checked = rendererRequest(type);
      return (await invoke(IPC_CHANNEL, checked, checkPayload(checked, payload))) as Results[T];
    },
    pathForFile: (file: File): string => {
      if (typeof File === 'undefined' || !(file instanceof File)) throw new Error('pathForFile takes a File dropped on the window');
      return getPathForFile(file);
    },
  };
}

/** What the main process needs of the host. */
export interface AnsweringHost {
  handle(type: unknown, payload: unknown): Promise<{ ok: true; result: unknown } | { ok: false; status: number; error: HostError }>;
}

/**
 * The main process's answer to one IPC request: the result, or an Error whose message is the
 * host's one line and, on a second line, its hint (the renderer's host client splits them).
 */
export async function answerIpc(host: AnsweringHost, sender: SenderFrame | null | undefined, type: unknown, payload: unknown): Promise<unknown> {
  if (!isAppSender(sender)) throw new Error('request from an unexpected page');
  const answer = await host.handle(rendererRequest(type), payload);
  if (!answer.ok) throw new Error(answer.error.hint ? `${answer.error.error}\n${answer.error.hint}` : answer.error.error);
  return answer.result;
}
