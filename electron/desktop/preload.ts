/**
 * The preload: one narrow API on window.winnowHost, nothing else (electron/desktop/bridge.ts): the host
 * requests the renderer makes, each payload checked before it is sent, and the path of a dropped
 * file. The renderer runs sandboxed with context isolation; the main process checks every
 * request again with the same validated host handler the browser-mode server uses.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge, type Bridge } from './bridge';

const api: Bridge = createBridge({
  invoke: (channel, type, payload) => ipcRenderer.invoke(channel, type, payload),
  getPathForFile: (file) => webUtils.getPathForFile(file),
});

contextBridge.exposeInMainWorld('winnowHost', api);

export type PreloadApi = Bridge;
