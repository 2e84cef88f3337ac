/**
 * The native engine runs every connection in UTC even when the host is not (issue 18): this
 * file's process says it is in Tokyo before DuckDB starts (vitest runs each file in its own fork).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UTC_PROBE } from '../../engine/time-zone';
import { NativeEngine } from './native-engine';

process.env.TZ = 'Asia/Tokyo';

describe('native engine under TZ=Asia/Tokyo', () => {
  let engine: NativeEngine;
  beforeAll(async () => {
    engine = await NativeEngine.create({ threads: 1 });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('the host really is in Tokyo here', () => {
    expect(new Date(Date.UTC(2024, 0, 1)).getHours()).toBe(9);
  });

  it.each([
    ['the first connection', () => Promise.resolve(engine)],
    ['a connection from newConnection (a host job)', () => engine.newConnection()],
  ])('%s reads and prints TIMESTAMPTZ in UTC', async (_label, connect) => {
    const connection = await connect();
    expect(await connection.query(UTC_PROBE)).toEqual([{ probe: '2024-01-01 00:00:00+00' }]);
    expect(
      await connection.query("SELECT current_setting('TimeZone') AS zone, CAST(CAST(TIMESTAMPTZ '2024-01-01 12:00:00+00' AS TIMESTAMP) AS VARCHAR) AS wall"),
    ).toEqual([{ zone: 'UTC', wall: '2024-01-01 12:00:00' }]);
    if (connection !== engine) await connection.close();
  });
});
