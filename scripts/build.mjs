// Bundles the Node entry points so they start fast (no TypeScript at run time):
//   dist/winnow.mjs          the `winnow` CLI
//   dist/server.mjs          the browser-mode server (`npm run serve`, `winnow serve`)
//   dist/electron/main.mjs   Electron's main process
//   dist/electron/preload.cjs  its preload (sandboxed preloads must be CommonJS)
// Packages stay external: they are installed beside them. The renderer is built by Vite.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['pipelines/runner/cli.ts'], outfile: 'dist/winnow.mjs', format: 'esm' }),
  build({ ...common, entryPoints: ['electron/server/main.ts'], outfile: 'dist/server.mjs', format: 'esm' }),
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.mjs', format: 'esm', external: ['electron'] }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
]);
