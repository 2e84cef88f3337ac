// Lint for every folder, and the import boundaries between them (see each folder's CONTEXT.md):
// pipelines/ is the core and may not import renderer/ or electron/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const outOfCore = {
  patterns: [
    { group: ['**/renderer/**', '**/renderer', '**/electron/**', '**/electron'], message: 'pipelines/ is the core: it may not import renderer/ or electron/.' },
    { group: ['react', 'react-dom', 'react/*'], message: 'pipelines/ is the core: no UI imports.' },
  ],
};

/** Node's own modules, by either name: the Node-free core may not import them. */
const nodeModules = {
  group: [
    'node:*',
    'fs',
    'fs/*',
    'path',
    'os',
    'child_process',
    'crypto',
    'module',
    'url',
    'util',
    'stream',
    'stream/*',
    'worker_threads',
    'zlib',
    'http',
    'https',
    'net',
  ],
  message: 'pipelines/ outside node/ is the Node-free core (the renderer runs it): no Node modules.',
};

/** Shared test kits (testing/) serve tests only: no source file may import them. */
const noTestKits = { group: ['**/testing/**', '**/testing'], message: 'testing/ holds test kits: only tests import them.' };

/** What the renderer may not reach: it talks to the host through the protocol module. */
const outOfRenderer = {
  group: ['**/electron/**', 'electron', '**/pipelines/node/**'],
  message: 'renderer/ talks to the host through the protocol module, never Electron or Node-only code directly.',
};

/** What the Node-free core obeys, and what pipelines/node/ obeys. */
const nodeFree = [...outOfCore.patterns, nodeModules, noTestKits];
const nodeSide = [...outOfCore.patterns, noTestKits];

/**
 * Folders that may not import the folders above them: the core's bottom layers (what every working
 * table has, and the statistics, which take columns, not steps), and the Node-only side of
 * pipelines/, one folder per job: engine <- sources <- run-to-disk <- cli.
 */
const layers = [
  { folder: 'table', base: nodeFree, above: ['steps', 'stats', 'run', 'ingest', 'spec', 'manifest', 'report', 'charts', 'protocol', 'gx'] },
  { folder: 'stats', base: nodeFree, above: ['steps', 'run', 'report', 'protocol', 'gx'] },
  { folder: 'node/engine', base: nodeSide, above: ['sources', 'run-to-disk', 'cli'] },
  { folder: 'node/sources', base: nodeSide, above: ['run-to-disk', 'cli'] },
  { folder: 'node/run-to-disk', base: nodeSide, above: ['cli'] },
];

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

/**
 * One no-restricted-imports block. In a flat config the last block that matches a file sets the
 * rule, so each block lists every pattern its files obey. Tests are exempt unless `ignores` says otherwise.
 */
function restrict(files, patterns, ignores = TESTS) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  // Generated code (precompiled validators) is checked by a freshness test, not by lint.
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'bench/data/', 'scratch/', 'test-results/', 'pipelines/spec/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  restrict(['pipelines/**/*.ts'], outOfCore.patterns, []),
  // The core outside node/ runs in the renderer too: no Node modules. duckdb-wasm's engine is the
  // one exception: its blocking Node build, for Node-side tests and Arrow sources, loads only under Node.
  restrict(['pipelines/**/*.ts'], nodeFree, ['pipelines/node/**', ...TESTS, 'pipelines/engine/wasm-engine.ts']),
  ...layers.map(({ folder, base, above }) =>
    restrict(
      [`pipelines/${folder}/**/*.ts`],
      [...base, { group: above.map((name) => `**/${name}/**`), message: `pipelines/${folder}/ sits below ${above.join(', ')}: it may not import them.` }],
    ),
  ),
  restrict(['pipelines/node/cli/**/*.ts'], nodeSide),
  restrict(['electron/**/*.ts'], [noTestKits]),
  restrict(['renderer/**/*.ts', 'renderer/**/*.tsx'], [outOfRenderer], []),
  restrict(['renderer/**/*.ts', 'renderer/**/*.tsx'], [outOfRenderer, noTestKits]),
);
