/**
 * Dates and timestamps get a histogram, as numbers do: bins over seconds since the epoch, the same
 * on both engines, with infinities left out and times of day (no timeline) without one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { binEdges, planBins } from './histogram';
import { profileTable } from './profile';
import { engines } from '../../../testing/profile-fixtures';
import type { Profile } from './types';

const DAY = 86_400;
const JAN_1 = Date.UTC(2024, 0, 1) / 1000;

const TABLE = `
  CREATE TABLE events AS
  SELECT
    i AS __winnow_row,
    CASE WHEN i = 0 THEN NULL WHEN i = 1 THEN DATE 'infinity' ELSE DATE '2024-01-01' + CAST(i * i % 97 AS INTEGER) END AS day,
    TIMESTAMP '2024-01-01 00:00:00' + to_seconds(CAST(hash(i) % 5000000 AS BIGINT)) AS moment,
    to_timestamp(1704067200 + CAST(hash(i, 'z') % 5000000 AS BIGINT)) AS moment_tz,
    CAST(TIMESTAMP '2024-01-01 00:00:00' + to_milliseconds(i * 1500) AS TIMESTAMP_NS) AS fine,
    DATE '2024-03-01' AS one_day,
    TIME '10:00:00' + to_minutes(i) AS clock
  FROM range(500) r(i)`;

describe('temporal histograms', () => {
  const made = new Map<string, Engine>();
  const profiles = new Map<string, Profile>();
  const column = (label: string, name: string) => profiles.get(label)!.columns.find((candidate) => candidate.name === name)!;

  beforeAll(async () => {
    for (const [label, create] of engines) {
      const engine = await create();
      made.set(label, engine);
      await engine.run(TABLE);
      profiles.set(label, await profileTable(engine, 'events'));
    }
  });
  afterAll(async () => {
    await Promise.all([...made.values()].map((engine) => engine.close()));
  });

  it('bins a DATE column over seconds since the epoch, leaving out nulls and infinity', () => {
    const histogram = column('native', 'day').temporal?.histogram;
    expect(histogram).toMatchObject({ low: JAN_1, high: JAN_1 + 96 * DAY });
    expect(histogram!.counts.reduce((sum, count) => sum + count, 0)).toBe(498);
    expect(histogram!.edges).toEqual(binEdges(histogram!));
    expect(histogram!.edges).toHaveLength(histogram!.bins + 1);
  });

  it('bins timestamps of every precision and with a time zone', () => {
    for (const name of ['moment', 'moment_tz', 'fine']) {
      const histogram = column('native', name).temporal?.histogram;
      expect(
        histogram?.counts.reduce((sum, count) => sum + count, 0),
        name,
      ).toBe(500);
      expect(histogram!.low, name).toBeGreaterThanOrEqual(JAN_1);
      expect(histogram!.high, name).toBeLessThan(JAN_1 + 5_000_000);
    }
    // Sub-second precision is kept: the last of 500 values 1.5 s apart.
    expect(column('native', 'fine').temporal?.histogram).toMatchObject({ low: JAN_1, high: JAN_1 + 499 * 1.5 });
  });

  it('gives a constant date one bin, as a constant number', () => {
    expect(column('native', 'one_day').temporal?.histogram).toEqual({
      ...planBins({ count: 500, min: Date.UTC(2024, 2, 1) / 1000, max: Date.UTC(2024, 2, 1) / 1000, q25: 0, q75: 0 }, 50),
      edges: [Date.UTC(2024, 2, 1) / 1000 - 0.5, Date.UTC(2024, 2, 1) / 1000 + 0.5],
      counts: [500],
    });
  });

  it('gives a time of day no histogram, and dates no numeric statistics', () => {
    expect(column('native', 'clock').temporal).toBeUndefined();
    expect(column('native', 'day').numeric).toBeUndefined();
    expect(column('native', 'day')).toMatchObject({ kind: 'temporal', min: '2024-01-01', max: 'infinity' });
  });

  it('are the same on native DuckDB and duckdb-wasm', () => {
    expect(profiles.get('wasm')).toEqual(profiles.get('native'));
  });

  it('bin a TIMESTAMP WITH TIME ZONE by its instant, whatever the session time zone', async () => {
    const native = made.get('native')!;
    await native.run(`SET TimeZone = 'America/New_York'`);
    try {
      const profile = await profileTable(native, 'events');
      expect(profile.columns.find((candidate) => candidate.name === 'moment_tz')?.temporal).toEqual(column('native', 'moment_tz').temporal);
    } finally {
      await native.run(`SET TimeZone = 'UTC'`);
    }
  });
});
