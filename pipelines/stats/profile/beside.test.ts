/**
 * profileTable's `beside` connection (the report's profile uses one): the profile is the same with
 * it or without, and a pass that fails on the first connection waits for those beside it to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { NativeEngine } from '../../node/engine/native-engine';
import { profileTable } from './profile';

const HOSTILE = 'n"; DROP TABLE t; --';

describe('profileTable with a connection beside', () => {
  let engine: NativeEngine;
  let beside: NativeEngine;
  beforeAll(async () => {
    engine = await NativeEngine.create({ threads: 2 });
    beside = await engine.newConnection();
    await engine.run(
      `CREATE TABLE t AS SELECT i AS id, i % 7 * 1.5 AS amount, CASE WHEN i % 3 = 0 THEN 'user' || i || '@example.com' ELSE '+44 20 7946 ' || lpad(CAST(i % 10000 AS VARCHAR), 4, '0') END AS contact,
         i % 2 = 0 AS flag, CAST(NULL AS VARCHAR) AS empty, ['a', 'b', NULL][i % 3 + 1] AS "${HOSTILE.replaceAll('"', '""')}", DATE '2024-01-01' + CAST(i % 400 AS INTEGER) AS day
       FROM range(30000) r(i)`,
    );
  });
  afterAll(async () => {
    await beside.close();
    await engine.close();
  });

  it('gives the same profile as one connection, hostile column name included', async () => {
    const alone = await profileTable(engine, 't');
    const together = await profileTable(engine, 't', undefined, { beside });
    expect(together).toEqual(alone);
    expect(together.columns.map((column) => column.name)).toContain(HOSTILE);
    expect(together.columns.find((column) => column.name === 'contact')?.patterns?.pii).toEqual(expect.arrayContaining(['email', 'phone']));
  });

  it('a failed pass on the first connection reports its own error, after the passes beside it have ended', async () => {
    let inFlight = 0;
    let sideQueries = 0;
    const watched: Engine = Object.assign(Object.create(beside) as Engine, {
      query: async (sql: string) => {
        inFlight++;
        sideQueries++;
        try {
          // Slow enough that the first connection's failure comes while this is still running.
          await new Promise((resolve) => setTimeout(resolve, 100));
          return await beside.query(sql);
        } finally {
          inFlight--;
        }
      },
    });
    const failing: Engine = Object.assign(Object.create(engine) as Engine, {
      query: async (sql: string) => {
        if (sql.includes('magnitude')) throw new Error('the first connection failed');
        return engine.query(sql);
      },
    });
    await expect(profileTable(failing, 't', undefined, { beside: watched })).rejects.toThrow('the first connection failed');
    expect(sideQueries).toBeGreaterThan(0);
    expect(inFlight).toBe(0);
  });
});
