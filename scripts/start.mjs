// `npm start`: builds, then opens the Electron app on the sample dataset. If the Electron binary
// is missing (its download fails behind a firewall), says so in one line and starts browser mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sample = join(root, 'examples', 'flights', 'data', 'flights.csv');

function electronBinary() {
  try {
    const pathFile = join(dirname(createRequire(import.meta.url).resolve('electron')), 'path.txt');
    const binary = join(dirname(pathFile), 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const child = binary
  ? spawn(binary, [join(root, 'dist', 'electron', 'main.mjs')], { stdio: 'inherit', env: { ...process.env, WINNOW_OPEN: sample } })
  : (process.stdout.write('Electron is not installed here (its binary could not be downloaded); starting Winnow in browser mode instead.\n'),
    spawn(process.execPath, [join(root, 'dist', 'server.mjs'), '--open', sample, ...process.argv.slice(2)], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
