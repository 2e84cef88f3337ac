// `npm start [-- PATH]`: builds, then opens the Electron app on PATH (a dataset, a spec file or a
// project folder, relative to where npm was run) or else the sample dataset. If the Electron binary
// is missing (its download fails behind a firewall), says so in one line and starts browser mode.
// Either way the app checks PATH before it starts (electron/host/open-target.ts).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sample = join(root, 'examples', 'flights', 'data', 'flights.csv');

/**
 * What `npm start -- ARGS` opens, and the arguments left for browser mode's server (`--port N`).
 * npm runs scripts in the package folder: a relative PATH is relative to INIT_CWD, where the
 * person typed `npm start`. A URL (s3://, https://) is passed on as it is.
 */
export function startArguments(args, env = process.env, cwd = process.cwd()) {
  const [first, ...rest] = args;
  if (first === undefined || first.startsWith('-')) return { open: sample, serverArgs: args };
  const open = /^[a-z][a-z0-9+.-]*:\/\//i.test(first) ? first : resolve(env.INIT_CWD || cwd, first);
  return { open, serverArgs: rest };
}

function electronBinary() {
  try {
    const pathFile = join(dirname(createRequire(import.meta.url).resolve('electron')), 'path.txt');
    const binary = join(dirname(pathFile), 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function start() {
  const { open, serverArgs } = startArguments(process.argv.slice(2));
  const binary = electronBinary();
  const child = binary
    ? spawn(binary, [join(root, 'dist', 'electron', 'main.mjs')], { stdio: 'inherit', env: { ...process.env, WINNOW_OPEN: open } })
    : (process.stdout.write('Electron is not installed here (its binary could not be downloaded); starting Winnow in browser mode instead.\n'),
      spawn(process.execPath, [join(root, 'dist', 'server.mjs'), '--open', open, ...serverArgs], { stdio: 'inherit' }));
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) start();
