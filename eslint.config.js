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
  group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'module', 'url', 'util', 'stream', 'stream/*', 'worker_threads', 'zlib', 'http', 'https', 'net'],
  message: 'pipelines/ outside runner/ is the Node-free core (the renderer runs it): no Node modules.',
};

/** Test kits that read fixtures from disk, still beside the code they test. */
const NODE_TEST_KITS = [
  'testing/engine-suite.ts',
  'testing/ingest-kit.ts',
  'testing/drift-fixtures.ts',
  'testing/profile-fixtures.ts',
  'testing/reference-fixtures.ts',
  'testing/slice-fixtures.ts',
  'testing/time-zones-suite.ts',
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
    // The core outside runner/ runs in the renderer too: no Node modules. Node-side files that live
    // in it for now are listed: duckdb-wasm's blocking Node build, and the test kits (whose home
    // is testing/, issue 13).
    files: ['pipelines/**/*.ts'],
    ignores: ['pipelines/runner/**', '**/*.test.ts', 'pipelines/engine/wasm-engine.ts', ...NODE_TEST_KITS],
    rules: { 'no-restricted-imports': ['error', { patterns: [...outOfCore.patterns, nodeModules] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/electron/**', 'electron', '**/pipelines/runner/**'], message: 'renderer/ talks to the host through the protocol module, never Electron or the runner directly.' }] }],
    },
  },
);
