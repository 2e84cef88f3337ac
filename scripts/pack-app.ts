/**
 * `npm run dist [-- --dir] [-- --electron-dist PATH]`: the desktop app for the platform and
 * architecture this runs on, with the installers electron-builder.yml lists for it (AppImage and
 * deb, dmg, nsis), staged and written under dist/pack/ (scripts/pack/app.ts). electron-builder
 * downloads Electron (and, for some installers, its packaging tools) from GitHub; where that is not
 * reachable, --electron-dist names an Electron distribution already on disk (an unpacked folder or
 * the release zip) and --dir builds the unpacked app only.
 */
import { join, relative, resolve } from 'node:path';
import { root } from './esbuild-options.mjs';
import { packApp } from './pack/app';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const dirOnly = process.argv.includes('--dir');
const electronDistOption = option('--electron-dist');
// electron-builder would resolve a relative path against the staged app, not where the command ran.
const electronDist = electronDistOption ? resolve(electronDistOption) : undefined;
try {
  const packed = await packApp({ stagingDir: join(root, 'dist', 'pack'), dirOnly, ...(electronDist ? { electronDist } : {}) });
  const written = packed.artifacts.length ? packed.artifacts : [packed.outDir];
  process.stdout.write(written.map((path) => `${relative(process.cwd(), path)}\n`).join(''));
} catch (error) {
  const message = (error as Error).message.split('\n')[0];
  process.stderr.write(`npm run dist: ${message}\n`);
  if (!electronDist)
    process.stderr.write('If Electron cannot be downloaded here, pass an Electron distribution already on disk: npm run dist -- --electron-dist PATH\n');
  process.exitCode = 1;
}
