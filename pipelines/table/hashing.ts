/**
 * Seeded row hashes for sampling, splits and shards. They come from the seed and the row's
 * content, never from scan order or random(), so the same rows land in the same split on any
 * engine, with any thread count, in any input order. md5 rather than DuckDB's hash(): hash()
 * has changed between DuckDB releases, and a split that moves when the engine is upgraded
 * would leak test rows into training.
 *
 * Each value is hashed through a canonical text that depends on its value only, never on the
 * host or the session (time zone, locale), so the same row hashes alike on every machine:
 * - TIMESTAMP WITH TIME ZONE: the instant's UTC wall time and "+00" ("2024-01-01 02:00:00.5+00"),
 *   one-to-one with UTC epoch microseconds; ±infinity as "infinity" / "-infinity". (This is the
 *   text a UTC session printed before, so splits made on UTC hosts do not move.)
 * - DOUBLE, FLOAT: DuckDB's shortest round-trip text of the value, with -0.0 hashed as 0.0 and
 *   every NaN as "nan".
 * - DECIMAL(p, s): the value without trailing zeros after the point (1.500 and 1.5 hash alike).
 * - A list of such values: the list of their canonical texts.
 * - Everything else (text, integers, booleans, DATE, TIMESTAMP, TIME, INTERVAL, UUID, BLOB, and
 *   structs and maps): DuckDB's text of the value, which does not depend on the session; both
 *   engines run with TimeZone UTC (native-engine.ts, wasm-engine.ts) for what nests a
 *   TIMESTAMP WITH TIME ZONE inside a struct or map.
 */
import { ident, literal } from '../sql';
import type { Column } from './column';

/** 2^52: the hash keeps 13 hex digits (52 bits), which a DOUBLE holds exactly. */
const UNIT = 4503599627370496;

/** SQL giving the canonical text of `value` (an expression of DuckDB type `type`); NULL stays NULL. */
export function canonicalText(value: string, type: string): string {
  const normalised = type.trim().toUpperCase();
  if (normalised === 'TIMESTAMP WITH TIME ZONE' || normalised === 'TIMESTAMPTZ') {
    return `coalesce(CAST(make_timestamp(epoch_us(${value})) AS VARCHAR) || '+00', CASE WHEN ${value} > TIMESTAMPTZ '1970-01-01 00:00:00+00' THEN 'infinity' WHEN ${value} IS NOT NULL THEN '-infinity' END)`;
  }
  if (['DOUBLE', 'FLOAT', 'REAL', 'FLOAT8', 'FLOAT4'].includes(normalised)) {
    return `CASE WHEN isnan(${value}) THEN 'nan' WHEN ${value} = 0 THEN '0.0' ELSE CAST(${value} AS VARCHAR) END`;
  }
  const decimal = /^(?:DECIMAL|NUMERIC)\(\s*\d+\s*,\s*(\d+)\s*\)$/.exec(normalised);
  if (decimal && Number(decimal[1]) > 0) return `rtrim(rtrim(CAST(${value} AS VARCHAR), '0'), '.')`;
  const element = /^(.*)\[\]$/.exec(normalised)?.[1];
  if (element !== undefined && needsCanonicalText(element)) {
    return `CAST(list_transform(${value}, lambda __winnow_e: ${canonicalText('__winnow_e', element)}) AS VARCHAR)`;
  }
  return `CAST(${value} AS VARCHAR)`;
}

/** Whether a type's values hash through something other than DuckDB's plain text. */
function needsCanonicalText(type: string): boolean {
  return canonicalText('x', type) !== 'CAST(x AS VARCHAR)';
}

/**
 * A SQL expression giving a number in [0, 1) from the seed, a salt (so two steps with the
 * same seed draw independently) and the values of the given columns. Nulls and the string
 * 'null' hash differently. A column given by name alone hashes by its plain text (see above).
 */
export function unitHash(columns: readonly (Column | string)[], seed: number, salt: string): string {
  const parts = columns.map((column) => {
    const text = typeof column === 'string' ? `CAST(${ident(column)} AS VARCHAR)` : canonicalText(ident(column.name), column.type);
    return `coalesce('v' || ${text}, 'n')`;
  });
  const text = `concat_ws(chr(31), ${literal(String(seed))}, ${literal(salt)}${parts.length ? ', ' + parts.join(', ') : ''})`;
  return `(CAST(CAST('0x' || substr(md5(${text}), 1, 13) AS UBIGINT) AS DOUBLE) / ${UNIT}.0)`;
}
