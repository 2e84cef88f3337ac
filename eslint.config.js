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
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/electron/**', 'electron', '**/pipelines/runner/**'], message: 'renderer/ talks to the host through the protocol module, never Electron or the runner directly.' }] }],
    },
  },
);
