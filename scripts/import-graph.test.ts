/**
 * The tree's shape, checked: no import circles among the source files (a circle makes the order
 * of module start-up matter and hides which layer owns what), and no test kits in source folders:
 * a source file nothing but tests imports is a kit, and kits live in testing/ (`<subject>-<kind>.ts`). Lint rules hold the import boundaries
 * between folders; these are the two rules a lint rule cannot state.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_FOLDERS = ['pipelines/', 'electron/', 'renderer/'];
const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && existsSync(join(root, file)));
/** Where the bundles start (scripts/esbuild-options.mjs, vite.config.ts): nothing imports them. */
const ENTRY_POINTS = ['electron/desktop/main.ts', 'electron/desktop/preload.ts', 'electron/server/main.ts', 'pipelines/node/cli/cli.ts', 'renderer/main.tsx'];
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const sources = tracked.filter((file) => SOURCE_FOLDERS.some((folder) => file.startsWith(folder)) && /\.tsx?$/.test(file) && !isTest(file));

/** The relative imports of each file, resolved to files of the tree (type-only imports included). */
export function importGraph(files: readonly string[], read: (file: string) => string): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const match of read(file).matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = normalize(join(dirname(file), match[1]!));
      const target = [base, `${base}.ts`, `${base}.tsx`, base.replace(/\.js$/, '.ts'), `${base}/index.ts`].find((candidate) => known.has(candidate));
      if (target) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every circle of the graph (its strongly connected components of more than one file, or a file importing itself). */
export function importCircles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string) => {
    order.set(file, counter);
    lowest.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!order.has(target)) {
        visit(target);
        lowest.set(file, Math.min(lowest.get(file)!, lowest.get(target)!));
      } else if (onStack.has(target)) lowest.set(file, Math.min(lowest.get(file)!, order.get(target)!));
    }
    if (lowest.get(file) !== order.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) circles.push(component.sort());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return circles;
}

describe('the import graph', () => {
  it('finds a circle when there is one, through type imports too', () => {
    const texts: Record<string, string> = {
      'a/host.ts': "import { run } from './jobs';",
      'a/jobs.ts': "import type { Host } from './host';",
      'a/leaf.ts': "import { x } from '../b/other';",
      'b/other.ts': '',
    };
    expect(importCircles(importGraph(Object.keys(texts), (file) => texts[file] ?? ''))).toEqual([['a/host.ts', 'a/jobs.ts']]);
  });

  it('has no import circles among the source files', () => {
    const circles = importCircles(importGraph(sources, (file) => readFileSync(join(root, file), 'utf8')));
    expect(circles.map((circle) => circle.join(' -> '))).toEqual([]);
  });

  it('keeps test kits out of source folders: every source file is an entry point or imported by another source file', () => {
    const graph = importGraph(
      tracked.filter((file) => /\.(ts|tsx|mjs)$/.test(file)),
      (file) => readFileSync(join(root, file), 'utf8'),
    );
    const usedBySource = new Set([...graph].filter(([file]) => sources.includes(file)).flatMap(([, targets]) => targets));
    const onlyForTests = sources.filter((file) => !ENTRY_POINTS.includes(file) && !file.endsWith('.d.ts') && !usedBySource.has(file));
    expect(onlyForTests).toEqual([]);
  });
});
