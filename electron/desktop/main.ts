/**
 * Electron's main process: one window, a locked-down renderer, and the host API over IPC.
 * contextIsolation and sandbox on, nodeIntegration off, a strict Content-Security-Policy,
 * navigation (of the window, its frames and redirects), new windows and webviews blocked, no
 * permission granted but the clipboard write of the app's Copy button, and every IPC request checked: from the app's top frame, of a type the
 * renderer makes, with a payload the shared host module validates. The app and the working sets
 * are served from the privileged `winnow://app` scheme (with byte ranges, which duckdb-wasm uses
 * to read working sets lazily). What decides lives in Electron-free modules, tested in Node:
 * app-protocol.ts (through host/routes.ts, the route table browser mode answers with too), navigation.ts, bridge.ts.
 */
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appProtocolHandler } from './app-protocol';
import { answerIpc, IPC_CHANNEL } from './bridge';
import { parseBytes } from '../host/bytes';
import { defaultDataDir, Host } from '../host/host';
import { openArgument, openProblem, openQuery, resolveOpenTarget, type OpenTarget } from '../host/open-target';
import { allowsPermission, APP_ORIGIN, APP_SCHEME, guardNavigation } from './navigation';
import { unpackedDir } from '../host/app-files';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererDir = join(appDir, 'dist', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false } },
]);

async function main(): Promise<void> {
  // What to open (`npm start -- PATH`, `Winnow PATH`), checked before any window: a path that
  // cannot open is one line in the terminal and exit 2, as with `winnow serve --open`.
  const path = openArgument(process.argv.slice(process.defaultApp ? 2 : 1), process.env);
  let target: OpenTarget | null;
  try {
    target = path === undefined ? null : await resolveOpenTarget(path, process.cwd());
  } catch (error) {
    process.stderr.write(`winnow: ${openProblem(error)}\n`);
    app.exit(2);
    return;
  }
  await app.whenReady();
  const budget = process.env.WINNOW_MEMORY_BUDGET;
  // Packaged, the samples are unpacked beside the asar (electron-builder.yml): native DuckDB cannot read inside it.
  const host = new Host({
    dataDir: defaultDataDir(),
    appDir: unpackedDir(appDir),
    electron: true,
    cwd: app.getPath('home'),
    ...(budget ? { memoryBudgetBytes: parseBytes(budget) } : {}),
  });

  protocol.handle(APP_SCHEME, appProtocolHandler({ rendererDir, host }));

  ipcMain.handle(IPC_CHANNEL, (event, type: unknown, payload: unknown) => answerIpc(host, event.senderFrame, type, payload));

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowsPermission(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowsPermission(permission, requestingOrigin));

  app.on('web-contents-created', (_event, contents) => guardNavigation(contents));

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
  await window.loadURL(`${APP_ORIGIN}/index.html${target ? `?${openQuery(target)}` : ''}`);
  app.on('window-all-closed', () => {
    void host.close().finally(() => app.quit());
  });
}

void main();
