/**
 * The preload: one narrow, typed API on window.winnowHost, nothing else. The renderer runs
 * sandboxed with context isolation; every request goes through the same validated host
 * handler the browser-mode server uses.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { HostRequest, Payloads, Results } from '../pipelines/protocol/host';

const api = {
  request: <T extends HostRequest>(type: T, payload: Payloads[T]): Promise<Results[T]> => ipcRenderer.invoke('winnow:request', type, payload) as Promise<Results[T]>,
  /** The path of a file dropped on the window (Electron no longer exposes File.path). */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('winnowHost', api);

export type PreloadApi = typeof api;
