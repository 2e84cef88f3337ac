import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFile } from './hash';

const dir = mkdtempSync(join(tmpdir(), 'winnow-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileOf(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('hashFile', () => {
  // Sizes around the 1 MiB read: one byte short of it, exactly it, several reads and a partial last one.
  it.each([0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 12_345])('hashes a file of %i bytes as sha256 of its bytes', async (size) => {
    const bytes = randomBytes(size);
    const path = fileOf(`f${size}.bin`, bytes);
    expect(await hashFile(path)).toEqual({ bytes: size, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('is the same hash every time, whatever the buffer held before', async () => {
    const path = fileOf('twice.bin', randomBytes(2 * (1 << 20) + 7));
    const [first, second] = await Promise.all([hashFile(path), hashFile(path)]);
    expect(second).toEqual(first);
  });

  it('rejects a missing file, naming it', async () => {
    await expect(hashFile(join(dir, 'missing.parquet'))).rejects.toThrow(/missing\.parquet/);
  });
});
