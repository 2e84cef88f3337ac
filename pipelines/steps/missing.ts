/**
 * What counts as missing, in every value check and in fill_null: NULL, and NaN in a FLOAT or
 * DOUBLE column, as pandas' isna() and Great Expectations on pandas count them. A missing value is
 * outside a value check's counted values (between, in_set, unique, of_type, ...), fails not_null
 * and counts toward null_fraction, and is what fill_null fills. Infinities are values: between
 * compares them, mean and quantiles skip them (docs/gx.md).
 */
import { ident } from '../sql';
import { typeFamily } from './conversion';
import type { Column } from '../table/column';

function isFloat(column: string, columns: readonly Column[]): boolean {
  const type = columns.find((existing) => existing.name === column)?.type;
  return type !== undefined && typeFamily(type) === 'float';
}

/** SQL that is true where `column` (a name) is missing. */
export function missingSql(column: string, columns: readonly Column[]): string {
  const quoted = ident(column);
  return isFloat(column, columns) ? `(${quoted} IS NULL OR isnan(${quoted}))` : `${quoted} IS NULL`;
}

/** SQL that is true where `column` (a name) holds a value. */
export function presentSql(column: string, columns: readonly Column[]): string {
  return `NOT ${missingSql(column, columns)}`;
}
