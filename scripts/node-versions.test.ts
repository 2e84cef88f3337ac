/**
 * Node 20.19+, 22 and 24 are supported (README, "Node versions"); only 20 runs here. What keeps
 * 22 and 24 working without running them: package.json declares them, and no source file uses an
 * API or flag that they removed or deprecate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const SOURCE_FOLDERS = ['pipelines', 'electron', 'renderer', 'scripts', 'bin', 'e2e', 'bench', 'testing', '.ci'];
const SKIP = new Set(['node_modules', 'generated', 'data', 'reference']);

/** What Node 22 or 24 removed, or deprecates at run time, and what to write instead. */
const REMOVED_OR_DEPRECATED: [RegExp, string][] = [
  [/\bassert\s*\{\s*type\s*:/, "import attributes are `with { type: 'json' }` (Node 22 removed `assert`)"],
  [/\burl\.parse\(|\bparse as parseUrl\b/, 'use `new URL()` (url.parse is deprecated, DEP0169)'],
  [/\bnew Buffer\(|\bBuffer\(\s*\d/, 'use Buffer.from / Buffer.alloc (DEP0005)'],
  [/from ['"](node:)?punycode['"]|require\(['"](node:)?punycode['"]\)/, 'punycode is deprecated (DEP0040); use URL / domainToASCII'],
  [
    /\butil\.(isArray|isBoolean|isNumber|isString|isObject|isFunction|isError|isDate|isRegExp|log)\(/,
    'util.is*/util.log were removed in Node 23 (DEP0044..DEP0059)',
  ],
  [/\bprocess\.binding\(/, 'process.binding is deprecated (DEP0111)'],
  [/\bfs\.rmdir(Sync)?\([^)]*recursive/, 'use fs.rm with recursive (DEP0147)'],
  [/\bdirent\.path\b/, 'use dirent.parentPath (Dirent.path is removed in Node 24, DEP0178)'],
  [/--experimental-(?!sea-config)[a-z-]+|--loader\b/, 'experimental flags change between major versions'],
];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs|cjs|js|mts)$|^run$/.test(entry.name) ? [path] : [];
  });
}

describe('Node versions', () => {
  it('package.json declares Node 20.19+, 22 and 24', () => {
    const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(engines.node.split('||').map((range) => range.trim())).toEqual(['^20.19.0', '^22.13.0', '>=24.0.0']);
  });

  it('the Node running the tests is one of them', () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(major === 20 ? minor >= 19 : major === 22 ? minor >= 13 : major >= 24).toBe(true);
  });

  it('no source file uses an API or flag Node 22 or 24 removed or deprecates', () => {
    const self = join(import.meta.dirname, 'node-versions.test.ts');
    const found = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(root, folder)))
      .filter((path) => path !== self)
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, index) =>
            REMOVED_OR_DEPRECATED.filter(([pattern]) => pattern.test(line)).map(([, fix]) => `${relative(root, path)}:${index + 1}: ${fix}`),
          ),
      );
    expect(found).toEqual([]);
  });
});
