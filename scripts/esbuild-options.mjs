// The esbuild options of Winnow's Node entry points, in one place: scripts/build.mjs builds them
// into dist/, and the packaging scripts (scripts/pack/) build the very same bundles into their own
// staging folders. Only the output location is a parameter.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What every Node bundle shares. Packages stay external: they are installed beside the bundles
 * (node_modules in a checkout, the runtime closure the packaging scripts copy).
 */
export const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };

/**
 * The `winnow` CLI, split so that what only some runs need (the AWS SDK, the report's charts,
 * duckdb-wasm for Arrow sources) loads when first imported rather than on every start: `winnow
 * --version` went from about 1 s to a fraction of it. Chunks sit beside winnow.mjs, so
 * import.meta.url keeps its folder.
 */
export function cliBuild(outdir) {
  const { packages: _external, ...bundled } = common;
  return {
    ...bundled,
    // The small pure-JS packages every start loads (yaml, commander, ajv, @stdlib, cli-progress)
    // go inside the bundle: resolving their hundreds of files cost `winnow --version` about 0.2 s
    // idle and 0.7 s on a busy machine. So do the report's (Observable Plot, linkedom), in the
    // report's own chunk: loading them took 0.31-0.45 s from node_modules, 0.13-0.18 s bundled,
    // main-thread time every run spends. The rest stay external, as for the other bundles.
    external: EXTERNAL_TO_CLI,
    // Those packages are CommonJS: inside an ES module bundle their require() of Node's modules needs a real require.
    banner: { js: "import { createRequire as __winnowCreateRequire } from 'node:module'; const require = __winnowCreateRequire(import.meta.url);" },
    plugins: [requireAtStart],
    entryPoints: { winnow: 'pipelines/node/cli/cli.ts' },
    outdir,
    splitting: true,
    chunkNames: 'winnow-[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
  };
}

/**
 * CommonJS packages the CLI loads on every start, loaded with require() rather than import: Node's
 * ES module loader lexes a CommonJS package, and each file it re-exports, to find its named exports
 * (cjs-module-lexer), which cost @duckdb/node-api 40-80 ms of every start over require().
 */
const REQUIRED_AT_START = /^@duckdb\/node-api$/;
const requireAtStart = {
  name: 'require-at-start',
  setup(build) {
    // The filter, not the callback, picks the packages: esbuild calls back only for what it matches.
    build.onResolve({ filter: REQUIRED_AT_START }, (args) =>
      args.kind === 'import-statement' ? { path: args.path, namespace: 'require-at-start' } : undefined,
    );
    // The require() inside is resolved as usual: the package stays external, found in node_modules.
    build.onLoad({ filter: /.*/, namespace: 'require-at-start' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/** Packages the CLI loads from node_modules: native code, wasm and its files, and what only some commands import. */
const INSIDE_CLI = [
  'yaml',
  'commander',
  'ajv',
  'cli-progress',
  '@stdlib/math-base-special-gammainc',
  '@stdlib/math-base-special-gammaln',
  '@observablehq/plot',
  'linkedom',
];
const dependencies = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies);
const EXTERNAL_TO_CLI = [
  ...dependencies.filter((name) => !INSIDE_CLI.includes(name)).flatMap((name) => [name, `${name}/*`]),
  '@aws-sdk/*',
  '@smithy/*',
  'electron',
];

/** The browser-mode server (`npm run serve`, `winnow serve`). */
export function serverBuild(outfile) {
  return { ...common, entryPoints: ['electron/server/main.ts'], outfile, format: 'esm' };
}

/** Electron's main process. */
export function electronMainBuild(outfile) {
  return { ...common, entryPoints: ['electron/desktop/main.ts'], outfile, format: 'esm', external: ['electron'] };
}

/** Electron's preload (sandboxed preloads must be CommonJS). */
export function preloadBuild(outfile) {
  return { ...common, entryPoints: ['electron/desktop/preload.ts'], outfile, format: 'cjs', external: ['electron'] };
}
