/** The host's spill folder: one per running process, and what killed Winnows left is removed. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Host, removeDeadSpills } from './host';

const dir = mkdtempSync(join(tmpdir(), 'winnow-spill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spill folders', () => {
  it('removes the folders of processes that have exited and loose files, and keeps running ones', async () => {
    const spill = join(dir, 'tmp');
    // A process id that has certainly exited: a child that ran and ended.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const parentPid = String(process.ppid);
    for (const name of [String(dead), String(process.pid), parentPid]) {
      mkdirSync(join(spill, name), { recursive: true });
      writeFileSync(join(spill, name, 'duckdb_temp_block-1.block'), 'x');
    }
    writeFileSync(join(spill, 'duckdb_temp_storage_S32K-0.tmp'), 'left by an older Winnow');
    await removeDeadSpills(spill);
    expect(existsSync(join(spill, String(dead)))).toBe(false);
    expect(existsSync(join(spill, 'duckdb_temp_storage_S32K-0.tmp'))).toBe(false);
    expect(existsSync(join(spill, String(process.pid), 'duckdb_temp_block-1.block'))).toBe(true);
    expect(existsSync(join(spill, parentPid, 'duckdb_temp_block-1.block'))).toBe(true);
  });

  it("gives the host's engine a spill folder of its own process", async () => {
    const host = new Host({ dataDir: join(dir, 'data'), appDir: dir });
    try {
      const engine = await host.nativeEngine();
      const [row] = await engine.query("SELECT current_setting('temp_directory') AS folder");
      expect(row?.folder).toBe(join(dir, 'data', 'tmp', String(process.pid)));
    } finally {
      await host.close();
    }
  });
});
