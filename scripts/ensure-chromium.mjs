// `npm test` runs this first: the end-to-end tests need a Chromium, and a missing one should stop
// the run at once with the command that fixes it, not after minutes of building with Playwright's
// "Executable doesn't exist" (whose advice, a download, cannot work offline).
//
// Which browser: WINNOW_CHROMIUM when set (it must exist; nothing else is tried), else Debian's
// chromium, else Playwright's own when `npx playwright install chromium` has put it in place.
// None of them: installs Debian's with apt-get when this user is root or has passwordless sudo
// (as .ci/run does), else prints the one command to run and exits 1.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where Debian (and Ubuntu's older packages) put Chromium. */
export const DEBIAN_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const APT_INSTALL = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium'];

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The browser the e2e tests launch, or undefined when there is none. `env` is read for
 * WINNOW_CHROMIUM; `playwrightChromium` is where Playwright's own browser would be.
 */
export function chromiumPath({ env = process.env, exists = isFile, playwrightChromium } = {}) {
  if (env.WINNOW_CHROMIUM) return exists(env.WINNOW_CHROMIUM) && isAbsolute(env.WINNOW_CHROMIUM) ? env.WINNOW_CHROMIUM : undefined;
  return [...DEBIAN_CHROMIUM, ...(playwrightChromium ? [playwrightChromium] : [])].find((path) => exists(path));
}

/**
 * What to do about the browser, decided from what was found on this machine (no side effects):
 * `{ use: path }`, `{ install: argv }` (apt-get, behind `sudo -n` unless root), or
 * `{ stop: message }` with the one line to print.
 */
export function chromiumPlan({ env = process.env, exists = isFile, playwrightChromium, isRoot, passwordlessSudo, hasAptGet }) {
  const found = chromiumPath({ env, exists, playwrightChromium });
  if (found) return { use: found };
  if (env.WINNOW_CHROMIUM) {
    const why = isAbsolute(env.WINNOW_CHROMIUM) ? 'is not a file' : 'is not an absolute path';
    return { stop: `WINNOW_CHROMIUM=${JSON.stringify(env.WINNOW_CHROMIUM)} ${why}: point it at a Chromium executable, or unset it to use /usr/bin/chromium` };
  }
  if (hasAptGet && isRoot) return { install: APT_INSTALL };
  if (hasAptGet && passwordlessSudo) return { install: ['sudo', '-n', ...APT_INSTALL] };
  const command = hasAptGet ? 'sudo apt-get install -y chromium' : 'npx playwright install chromium';
  return { stop: `The end-to-end tests need Chromium and none was found (looked for ${DEBIAN_CHROMIUM.join(', ')} and Playwright's own); run: ${command}` };
}

function succeeds(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** Where Playwright keeps its own Chromium, or undefined when Playwright cannot say. */
async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

async function main() {
  const probed = {
    playwrightChromium: await playwrightChromium(),
    isRoot: process.getuid?.() === 0,
    passwordlessSudo: succeeds('sudo', ['-n', 'true']),
    hasAptGet: succeeds('apt-get', ['--version']),
  };
  const plan = chromiumPlan(probed);
  if (plan.install) {
    process.stdout.write(`Chromium is missing: installing Debian's (${plan.install.join(' ')})\n`);
    const sudo = plan.install[0] === 'sudo' ? ['sudo', '-n'] : [];
    const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const argv of [[...sudo, 'apt-get', 'update', '-qq'], plan.install]) {
      const [command, ...args] = argv;
      const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: environment });
      if (result.status !== 0) {
        process.stderr.write(`\`${argv.join(' ')}\` failed (exit ${result.status}); install Chromium yourself: sudo apt-get install -y chromium\n`);
        process.exit(1);
      }
    }
    const after = chromiumPlan({ ...probed, isRoot: false, passwordlessSudo: false });
    if (!after.use) {
      process.stderr.write(`${after.stop}\n`);
      process.exit(1);
    }
    return;
  }
  if (plan.stop) {
    process.stderr.write(`${plan.stop}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
