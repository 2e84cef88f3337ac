import { literal } from '../../sql';

/**
 * A finite double as SQL, to the last bit: JavaScript's shortest round-trip text, parsed by
 * DuckDB as DOUBLE. Bin edges, means and scales go into SQL this way because literal() of a
 * number drops the trailing zero of an exponent (literal(1e-10) is `1e-1`); a string literal
 * cast to DOUBLE is exact whatever the magnitude.
 */
export function doubleSql(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return `CAST(${literal(String(value))} AS DOUBLE)`;
}
