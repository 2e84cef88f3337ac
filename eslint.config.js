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

/** The Node-only side of pipelines/, one folder per job: engine <- sources <- run-to-disk <- cli. */
const nodeLayers = [
  { files: ['pipelines/node/engine/**/*.ts'], above: ['sources', 'run-to-disk', 'cli'] },
  { files: ['pipelines/node/sources/**/*.ts'], above: ['run-to-disk', 'cli'] },
  { files: ['pipelines/node/run-to-disk/**/*.ts'], above: ['cli'] },
];

/** The core's bottom layers: what every working table has (table/), and the statistics, which take columns, not steps. */
const coreLayers = [
  { files: ['pipelines/table/**/*.ts'], above: ['steps', 'stats', 'run', 'ingest', 'spec', 'manifest', 'report', 'charts', 'protocol', 'gx'] },
  { files: ['pipelines/stats/**/*.ts'], above: ['steps', 'run', 'report', 'protocol', 'gx'] },
];

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
  {
    files: ['pipelines/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', outOfCore] },
  },
  {
    // The core outside node/ runs in the renderer too: no Node modules. duckdb-wasm's engine is
    // the one exception: its blocking Node build, for Node-side tests and Arrow sources, loads
    // only under Node.
    files: ['pipelines/**/*.ts'],
    ignores: ['pipelines/node/**', '**/*.test.ts', 'pipelines/engine/wasm-engine.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...outOfCore.patterns, nodeModules, noTestKits] }] },
  },
  ...coreLayers.map(({ files, above }) => ({
    files,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...outOfCore.patterns,
            nodeModules,
            noTestKits,
            { group: above.map((folder) => `**/${folder}/**`), message: `${files[0].split('/')[1]}/ sits below ${above.join(', ')}: it may not import them.` },
          ],
        },
      ],
    },
  })),
  ...nodeLayers.map(({ files, above }) => ({
    files,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...outOfCore.patterns,
            noTestKits,
            {
              group: above.map((folder) => `**/${folder}/**`),
              message: `pipelines/node/ is layered engine <- sources <- run-to-disk <- cli: this folder may not import ${above.join(', ')}.`,
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['pipelines/node/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...outOfCore.patterns, noTestKits] }] },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestKits] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outOfRenderer] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outOfRenderer, noTestKits] }] },
  },
);
