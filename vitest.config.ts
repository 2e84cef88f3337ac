import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['pipelines/**/*.test.ts', 'testing/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
