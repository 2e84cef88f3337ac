/**
 * Every engine runs its sessions in UTC, so what depends on the session's TimeZone (casting
 * TIMESTAMP WITH TIME ZONE to text or to TIMESTAMP, reading a string without an offset as one) is
 * the same on every host. Native DuckDB pins it (native-engine.ts); duckdb-wasm has no ICU and is
 * always in UTC. assertUtc checks that an engine is.
 */
import type { Engine } from './engine';

/** A string without an offset, read as a TIMESTAMP WITH TIME ZONE and printed back. */
export const UTC_PROBE = "SELECT CAST(CAST('2024-01-01 00:00:00' AS TIMESTAMPTZ) AS VARCHAR) AS probe";

/** Throws unless the engine's session reads and prints TIMESTAMP WITH TIME ZONE in UTC. */
export async function assertUtc(engine: Pick<Engine, 'query'>): Promise<void> {
  const [row] = await engine.query(UTC_PROBE);
  if (row?.probe !== '2024-01-01 00:00:00+00') {
    throw new Error(`the DuckDB session is not in UTC: '2024-01-01 00:00:00' reads as ${String(row?.probe)}`);
  }
}
