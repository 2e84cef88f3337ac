/**
 * Issue 11, the preload's window.winnowHost and the main process's answer to it, run in Node
 * with stand-ins for ipcRenderer and webUtils (Electron's binary cannot be downloaded here, so
 * contextBridge and ipcMain themselves are not run). The bridge passes on only the requests the
 * renderer makes, each payload checked; the main process answers only the app's top frame.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HostRequest, rendererRequestTypes } from '../../pipelines/protocol/host';
import { answerIpc, createBridge, IPC_CHANNEL } from './bridge';

const RENDERER = fileURLToPath(new URL('../../renderer/', import.meta.url));
const appFrame = { url: 'winnow://app/index.html', parent: null };

function bridgeWithLog() {
  const sent: unknown[][] = [];
  const bridge = createBridge({
    invoke: async (...args) => {
      sent.push(args);
      return { answered: true };
    },
    getPathForFile: (file) => `/dropped/${file.name}`,
  });
  return { bridge, sent };
}

describe('the preload bridge', () => {
  it('exposes request and pathForFile, nothing else', () => {
    expect(Object.keys(bridgeWithLog().bridge).sort()).toEqual(['pathForFile', 'request']);
  });

  it('sends a checked payload: only the fields of the request', async () => {
    const { bridge, sent } = bridgeWithLog();
    expect(await bridge.request(HostRequest.OpenDataset, { uri: 'a.csv', extra: 'dropped' } as never)).toEqual({ answered: true });
    expect(sent).toEqual([[IPC_CHANNEL, HostRequest.OpenDataset, { uri: 'a.csv' }]]);
  });

  it('refuses requests the renderer does not make, and malformed payloads, sending nothing', async () => {
    const { bridge, sent } = bridgeWithLog();
    await expect(bridge.request(HostRequest.ProfileFull, { datasetId: '0b0e8c1e-4f6a-4c1e-9b1e-2f3a4b5c6d7e' })).rejects.toThrow(
      'the app does not make the request "profileFull"',
    );
    await expect(bridge.request('deleteEverything' as HostRequest, {} as never)).rejects.toThrow('the app does not make the request "deleteEverything"');
    await expect(bridge.request(HostRequest.SaveProject, { folder: 's3://bucket/', specYaml: '', uiState: {} })).rejects.toThrow(
      '"folder" must be a local folder',
    );
    expect(sent).toEqual([]);
  });

  it('pathForFile takes a File only', () => {
    const { bridge } = bridgeWithLog();
    expect(bridge.pathForFile(new File(['a'], 'a.csv'))).toBe('/dropped/a.csv');
    expect(() => bridge.pathForFile({ name: '/etc/passwd' } as unknown as File)).toThrow('pathForFile takes a File');
  });
});

describe('the requests the renderer makes', () => {
  it('are exactly those its source names (a new one must be added to rendererRequestTypes)', () => {
    const files = readdirSync(RENDERER, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
    const named = new Set(
      files.flatMap((file) =>
        [...readFileSync(join(RENDERER, file), 'utf8').matchAll(/HostRequest\.(\w+)/g)].map((match) => HostRequest[match[1] as keyof typeof HostRequest]),
      ),
    );
    expect([...rendererRequestTypes].sort()).toEqual([...named].sort());
  });
});

describe("the main process's answer", () => {
  const host = {
    handle: async (type: unknown) =>
      type === HostRequest.Settings
        ? { ok: true as const, result: { version: 'x' } }
        : { ok: false as const, status: 422, error: { error: 'no such file', hint: 'check the path' } },
  };

  it("answers the app's top frame", async () => {
    expect(await answerIpc(host, appFrame, HostRequest.Settings, {})).toEqual({ version: 'x' });
  });

  it('an error is one line and its hint on the next, as the renderer splits them', async () => {
    await expect(answerIpc(host, appFrame, HostRequest.LoadProject, { folder: 'x' })).rejects.toThrow(/^no such file\ncheck the path$/);
  });

  it('refuses other pages, sub-frames, and requests the renderer does not make', async () => {
    await expect(answerIpc(host, { url: 'https://attacker.example/', parent: null }, HostRequest.Settings, {})).rejects.toThrow(
      'request from an unexpected page',
    );
    await expect(answerIpc(host, { url: 'winnow://app/runs/x/report.html', parent: appFrame }, HostRequest.Settings, {})).rejects.toThrow(
      'request from an unexpected page',
    );
    await expect(answerIpc(host, null, HostRequest.Settings, {})).rejects.toThrow('request from an unexpected page');
    await expect(answerIpc(host, appFrame, HostRequest.ProfileFull, {})).rejects.toThrow('the app does not make the request');
  });
});
