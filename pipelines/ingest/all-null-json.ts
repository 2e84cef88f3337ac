/**
 * read_json types a key it saw only as null as JSON: it has no value to type it by. Such a column
 * is made VARCHAR, as read_csv types a column of empty fields, so the column exists with the same
 * type whichever format it came in, and a check compares it with text (`in_set: [a]` holds
 * vacuously over nulls, as Great Expectations says) instead of failing to read 'a' as JSON.
 */
import type { Engine } from '../engine/engine';
import { ident } from '../sql';

/** Retypes as VARCHAR each JSON column of `table` (unquoted) that holds no value. */
export async function typeAllNullJsonAsText(engine: Engine, table: string): Promise<void> {
  const described = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(table)})`);
  const json = described.filter((row) => String(row.column_type) === 'JSON').map((row) => String(row.column_name));
  if (json.length === 0) return;
  const [counts = {}] = await engine.query(
    `SELECT ${json.map((name, index) => `count(${ident(name)}) AS ${ident(`n${index}`)}`).join(', ')} FROM ${ident(table)}`,
  );
  for (const [index, name] of json.entries()) {
    if (Number(counts[`n${index}`]) === 0) await engine.run(`ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(name)} TYPE VARCHAR`);
  }
}
