// Bundles the `winnow` CLI into dist/winnow.mjs so it starts fast (no TypeScript at run time).
// Packages stay external: they are installed beside it.
import { build } from 'esbuild';

await build({
  entryPoints: ['pipelines/runner/cli.ts'],
  outfile: 'dist/winnow.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
