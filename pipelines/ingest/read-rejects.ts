/**
 * Rows a reader could not parse, written to the dead letter with step 'read'. Readers give them
 * as a relation of (file, line, field, reason, raw), one row per rejected input row.
 */
import type { Engine } from '../engine/engine';
import { REJECTS_TABLE, createRejectsTable } from '../table/rejects';
import { ident, literal } from '../sql';

/** The step id of rejects made while reading a source. */
export const READ_STEP = 'read';

/** Appends the rejected rows of `source` and returns how many there were. */
export async function insertReadRejects(engine: Engine, source: string, rejects: string): Promise<number> {
  const [before] = await engine.query(`SELECT count(*) AS n FROM ${ident(REJECTS_TABLE)}`);
  await engine.run(
    `INSERT INTO ${ident(REJECTS_TABLE)} (source, file, line, "row", step, field, reason, raw)
     SELECT ${literal(source)}, r.file, r.line, NULL, ${literal(READ_STEP)}, r.field, r.reason, r.raw
     FROM (${rejects}) AS r ORDER BY r.file, r.line`,
  );
  const [after] = await engine.query(`SELECT count(*) AS n FROM ${ident(REJECTS_TABLE)}`);
  return Number(after?.n) - Number(before?.n);
}

/** Creates the rejects table unless the run already has one (it holds every source's rejects). */
export async function ensureRejectsTable(engine: Engine): Promise<void> {
  const [row] = await engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${literal(REJECTS_TABLE)} AND NOT temporary`);
  if (Number(row?.n) === 0) await createRejectsTable(engine);
}
