/** `winnow cache`: where downloads are cached and how much they take, and `--clear`. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli';

let root: string;
const saved = { dir: process.env.WINNOW_CACHE_DIR, max: process.env.WINNOW_CACHE_MAX_BYTES };

async function winnow(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, { out: (text) => void (out += text + '\n'), err: (text) => void (out += text + '\n'), isTTY: false });
  return { code, out };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'winnow-cache-command-'));
  process.env.WINNOW_CACHE_DIR = root;
  process.env.WINNOW_CACHE_MAX_BYTES = String(2_000_000);
  for (const folder of ['objects', 'refs', 'partial']) mkdirSync(join(root, folder));
  writeFileSync(join(root, 'objects', `${'a'.repeat(64)}.csv`), Buffer.alloc(1500));
  writeFileSync(join(root, 'objects', `${'b'.repeat(64)}.parquet`), Buffer.alloc(2500));
  writeFileSync(join(root, 'refs', `${'c'.repeat(64)}.json`), '{}');
  writeFileSync(join(root, 'partial', `${'d'.repeat(64)}.part`), Buffer.alloc(700));
});

afterEach(() => {
  for (const [name, value] of [
    ['WINNOW_CACHE_DIR', saved.dir],
    ['WINNOW_CACHE_MAX_BYTES', saved.max],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(root, { recursive: true, force: true });
});

describe('winnow cache', () => {
  it('says where the cache is, what it holds and its limit', async () => {
    expect(await winnow('cache')).toEqual({
      code: 0,
      out: [
        `cache: ${root}`,
        '  objects: 2 files, 4 kB (limit 2 MB; least recently used go first)',
        '  partial downloads: 1 file, 700 B (resumed by the next read of their object)',
        '',
      ].join('\n'),
    });
  });

  it('--clear empties it and says what went', async () => {
    expect(await winnow('cache', '--clear')).toEqual({ code: 0, out: `cleared ${root}: 2 objects (4 kB) and 1 partial download removed\n` });
    expect(readdirSync(root)).toEqual([]);
    expect((await winnow('cache')).out).toContain('objects: 0 files, 0 B');
  });
});
