import { defineConfig } from '@playwright/test';
import type { ShellName } from './e2e/shells';
import { chromiumPath } from './scripts/ensure-chromium.mjs';

// WINNOW_CHROMIUM, else Debian's Chromium when present; otherwise Playwright's own, if installed.
// `npm test` has checked (scripts/ensure-chromium.mjs) that one of them exists.
const chromium = chromiumPath();

export default defineConfig<{ shell: ShellName }>({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    { name: 'browser', use: { shell: 'browser' } },
    { name: 'electron', use: { shell: 'electron' } },
  ],
  use: {
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
