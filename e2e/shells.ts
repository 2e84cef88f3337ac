/**
 * The two shells the same tests drive: browser mode (Winnow's own server, Chromium) and the
 * Electron app. A test asks for `winnow` and gets a page in whichever shell its Playwright
 * project names, plus a way to kill and restart it over the same data folder (crash recovery).
 * Without an Electron binary (its download is blocked on these machines) the Electron project's
 * tests report themselves skipped, with the reason.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { ROOT, startServer, type WinnowServer } from './winnow-server';

export type ShellName = 'browser' | 'electron';

export interface Winnow {
  shell: ShellName;
  page: Page;
  dataDir: string;
  /** Loads the app (again) in the page. */
  open(): Promise<void>;
  /** Kills the host without letting it clean up, then starts it again over the same data. */
  crashAndRestart(): Promise<void>;
  /** Only in browser mode: the server's origin and token URL. */
  server?: WinnowServer;
}

/** Why the Electron shell cannot run here, or null when it can. */
export function electronUnavailable(): string | null {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return 'the Electron binary is not installed (its download is blocked here; installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)';
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? null : `the Electron binary is missing at ${binary}`;
}

async function launchElectron(dataDir: string): Promise<ElectronApplication> {
  return _electron.launch({
    args: [join(ROOT, 'dist', 'electron', 'main.mjs'), '--no-sandbox'],
    cwd: ROOT,
    env: { ...process.env, WINNOW_DATA_DIR: dataDir, WINNOW_CACHE_DIR: join(dataDir, 'cache') },
  });
}

export const test = base.extend<{ shell: ShellName; winnow: Winnow }>({
  shell: ['browser', { option: true }],
  winnow: async ({ shell, page }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'winnow-e2e-'));
    if (shell === 'electron') {
      const reason = electronUnavailable();
      testInfo.skip(reason !== null, `Electron: ${reason}`);
      let app = await launchElectron(dataDir);
      const winnow: Winnow = {
        shell,
        page: await app.firstWindow(),
        dataDir,
        open: async () => {
          await winnow.page.reload();
        },
        crashAndRestart: async () => {
          app.process().kill('SIGKILL');
          app = await launchElectron(dataDir);
          winnow.page = await app.firstWindow();
        },
      };
      await use(winnow);
      await app.close().catch(() => undefined);
      return;
    }
    let server = await startServer(dataDir);
    const winnow: Winnow = {
      shell,
      page,
      dataDir,
      server,
      open: async () => {
        await page.goto(server.url);
      },
      crashAndRestart: async () => {
        await server.kill();
        server = await startServer(dataDir);
        winnow.server = server;
        await page.goto(server.url);
      },
    };
    await use(winnow);
    await server.stop().catch(() => undefined);
  },
});

export { expect } from '@playwright/test';
