/**
 * Electron's main process: one window, a locked-down renderer, and the host API over IPC.
 * contextIsolation and sandbox on, nodeIntegration off, a strict Content-Security-Policy,
 * navigation and new windows blocked, every IPC argument validated by the shared host module.
 * The app and the working sets are served from the privileged `winnow://app` scheme (with byte
 * ranges, which duckdb-wasm uses to read working sets lazily).
 */
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { stat, open } from 'node:fs/promises';
import { extname, join, normalize, sep, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBytes } from './host/bytes';
import { defaultDataDir, Host } from './host/host';
import { CONTENT_SECURITY_POLICY } from './server/server';

const APP_ORIGIN = 'winnow://app';
const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererDir = join(appDir, 'dist', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: 'winnow', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false } }]);

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

async function fileResponse(path: string, rangeHeader: string | null): Promise<Response> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return new Response('not found', { status: 404 });
  const headers: Record<string, string> = { 'Content-Type': types[extname(path)] ?? 'application/octet-stream', 'Accept-Ranges': 'bytes', 'Content-Security-Policy': CONTENT_SECURITY_POLICY };
  const range = /^bytes=(\d+)-(\d*)$/.exec(rangeHeader ?? '');
  const start = range ? Number(range[1]) : 0;
  const end = range && range[2] ? Math.min(Number(range[2]), info.size - 1) : info.size - 1;
  const handle = await open(path);
  try {
    const buffer = Buffer.alloc(Math.max(0, end - start + 1));
    await handle.read(buffer, 0, buffer.length, start);
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
    return new Response(buffer, { status: range ? 206 : 200, headers });
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  await app.whenReady();
  const budget = process.env.WINNOW_MEMORY_BUDGET;
  const host = new Host({ dataDir: defaultDataDir(), appDir, electron: true, cwd: app.getPath('home'), ...(budget ? { memoryBudgetBytes: parseBytes(budget) } : {}) });

  protocol.handle('winnow', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('forbidden', { status: 403 });
    const workingSet = /^\/ws\/([0-9a-f-]{36})\.duckdb$/.exec(url.pathname);
    if (workingSet) {
      const path = host.workingSetPath(workingSet[1]!);
      return path ? fileResponse(path, request.headers.get('range')) : new Response('not found', { status: 404 });
    }
    const runReport = /^\/runs\/([0-9a-f-]{36})\/report\.html$/.exec(url.pathname);
    if (runReport) return fileResponse(host.runReportPath(runReport[1]!), null);
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const path = normalize(join(rendererDir, relative));
    if (!path.startsWith(normalize(rendererDir) + sep)) return new Response('forbidden', { status: 403 });
    return fileResponse(path, request.headers.get('range'));
  });

  ipcMain.handle('winnow:request', async (event, type: unknown, payload: unknown) => {
    if (new URL(event.senderFrame?.url ?? 'about:blank').origin !== APP_ORIGIN) throw new Error('request from an unexpected page');
    const answer = await host.handle(type, payload);
    if (!answer.ok) throw new Error(answer.error.hint ? `${answer.error.error}\n${answer.error.hint}` : answer.error.error);
    return answer.result;
  });

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (navigation) => {
      if (new URL(navigation.url).origin !== APP_ORIGIN) navigation.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Winnow',
    webPreferences: {
      preload: join(appDir, 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  // `npm start` names the sample dataset to open first.
  const openFirst = process.env.WINNOW_OPEN ? `?open=${encodeURIComponent(process.env.WINNOW_OPEN)}` : '';
  await window.loadURL(`${APP_ORIGIN}/index.html${openFirst}`);
  app.on('window-all-closed', () => {
    void host.close().finally(() => app.quit());
  });
}

void main();
