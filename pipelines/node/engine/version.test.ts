import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { TOOL_VERSION } from './version';

it('the version written into manifests is the package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(TOOL_VERSION).toBe(pkg.version);
});

it('native DuckDB and duckdb-wasm are pinned to the same DuckDB core release', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  // duckdb-wasm 1.32.0 embeds DuckDB 1.4.3; @duckdb/node-api 1.4.3-r.N embeds the same core.
  expect(pkg.devDependencies['@duckdb/duckdb-wasm'] ?? pkg.dependencies['@duckdb/duckdb-wasm']).toBe('1.32.0');
  expect(pkg.dependencies['@duckdb/node-api']).toMatch(/^1\.4\.3-r\.\d+$/);
});
