// Bundles the Node entry points so they start fast (no TypeScript at run time):
//   dist/winnow.mjs          the `winnow` CLI
//   dist/server.mjs          the browser-mode server (`npm run serve`, `winnow serve`)
//   dist/electron/main.mjs   Electron's main process
//   dist/electron/preload.cjs  its preload (sandboxed preloads must be CommonJS)
// Packages stay external: they are installed beside them. The renderer is built by Vite.
// The options live in scripts/esbuild-options.mjs, which the packaging scripts share.
import { build } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cliBuild, electronMainBuild, preloadBuild, root, serverBuild } from './esbuild-options.mjs';

const dist = join(root, 'dist');

// The CLI's chunks have content hashes in their names: clear the last build's, or they pile up.
const previous = await readdir(dist).catch(() => []);
await Promise.all(previous.filter((name) => /^winnow-.+\.mjs(\.map)?$/.test(name)).map((name) => rm(join(dist, name))));

await Promise.all([
  build(cliBuild(dist)),
  build(serverBuild(join(dist, 'server.mjs'))),
  build(electronMainBuild(join(dist, 'electron', 'main.mjs'))),
  build(preloadBuild(join(dist, 'electron', 'preload.cjs'))),
]);
