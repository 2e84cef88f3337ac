/**
 * NativeEngine.busyFor: the run loads the report's code while DuckDB works on a long statement
 * (pipelines/node/run-to-disk/run.ts), and only then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from './native-engine';

describe('NativeEngine.busyFor', () => {
  let engine: NativeEngine;
  beforeAll(async () => {
    engine = await NativeEngine.create({ threads: 1 });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('resolves while a long statement is still running', async () => {
    const busy = engine.busyFor(20);
    // Hours of work: it ends only because busyFor resolved and the test interrupts it.
    const endless = engine.query('SELECT max(hash(i)) AS h FROM range(100000000000) t(i)');
    await busy;
    engine.interrupt();
    await expect(endless).rejects.toThrow(/interrupt/i);
  });

  it('does not resolve while every statement is shorter than its time', async () => {
    let resolved = 0;
    void engine.busyFor(2_000).then(() => resolved++);
    for (let index = 0; index < 20; index++) await engine.query('SELECT 1 AS one');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(resolved).toBe(0);
  });

  it('a statement that fails still clears its timers', async () => {
    let resolved = false;
    void engine.busyFor(300).then(() => (resolved = true));
    await expect(engine.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(resolved).toBe(false);
  });
});
