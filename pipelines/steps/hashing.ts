/**
 * Seeded row hashes for sampling, splits and shards. They come from the seed and the row's
 * content, never from scan order or random(), so the same rows land in the same split on any
 * engine, with any thread count, in any input order. md5 rather than DuckDB's hash(): hash()
 * has changed between DuckDB releases, and a split that moves when the engine is upgraded
 * would leak test rows into training.
 */
import { ident, literal } from '../sql';

/** 2^52: the hash keeps 13 hex digits (52 bits), which a DOUBLE holds exactly. */
const UNIT = 4503599627370496;

/**
 * A SQL expression giving a number in [0, 1) from the seed, a salt (so two steps with the
 * same seed draw independently) and the values of the given columns. Nulls and the string
 * 'null' hash differently.
 */
export function unitHash(columns: readonly string[], seed: number, salt: string): string {
  const parts = columns.map((column) => `coalesce('v' || CAST(${ident(column)} AS VARCHAR), 'n')`);
  const text = `concat_ws(chr(31), ${literal(String(seed))}, ${literal(salt)}${parts.length ? ', ' + parts.join(', ') : ''})`;
  return `(CAST(CAST('0x' || substr(md5(${text}), 1, 13) AS UBIGINT) AS DOUBLE) / ${UNIT}.0)`;
}
