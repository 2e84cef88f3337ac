// Bundles the Node entry points so they start fast (no TypeScript at run time):
//   dist/winnow.mjs          the `winnow` CLI
//   dist/server.mjs          the browser-mode server (`npm run serve`, `winnow serve`)
//   dist/electron/main.mjs   Electron's main process
//   dist/electron/preload.cjs  its preload (sandboxed preloads must be CommonJS)
// Packages stay external: they are installed beside them. The renderer is built by Vite.
import { build } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';

// The CLI's chunks have content hashes in their names: clear the last build's, or they pile up.
const previous = await readdir('dist').catch(() => []);
await Promise.all(previous.filter((name) => /^winnow-.+\.mjs(\.map)?$/.test(name)).map((name) => rm(`dist/${name}`)));

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  // Split, so what only some runs need (the AWS SDK, the report's charts, duckdb-wasm for Arrow
  // sources) loads when first imported rather than on every start: `winnow --version` went from
  // about 1 s to a fraction of it. Chunks sit beside winnow.mjs, so import.meta.url keeps its folder.
  build({
    ...common,
    entryPoints: { winnow: 'pipelines/runner/cli.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'winnow-[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
  }),
  build({ ...common, entryPoints: ['electron/server/main.ts'], outfile: 'dist/server.mjs', format: 'esm' }),
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.mjs', format: 'esm', external: ['electron'] }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
]);
