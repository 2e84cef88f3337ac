/**
 * The one place where names and values from data or specs become SQL text.
 * Identifiers are always double-quoted; values are always written as typed literals.
 * No other module concatenates user data into SQL.
 */

/** Quotes an identifier (column, table) for DuckDB: `a"b` becomes `"a""b"`. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Writes a JS value as a DuckDB literal. Strings are single-quoted with quotes doubled. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `'${value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan'}'::DOUBLE`;
    // JavaScript's shortest round-trip form: DuckDB reads it back to the same double.
    return String(value);
  }
  if (value instanceof Date) return `TIMESTAMPTZ '${value.toISOString()}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** A comma-separated list of literals, for IN (...). */
export function literalList(values: readonly unknown[]): string {
  return values.map(literal).join(', ');
}

/** Validates a type name from a spec before it reaches SQL (letters, digits, spaces, (), commas). */
export function typeName(type: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\])?$/.test(type.trim())) {
    throw new Error(`not a SQL type name: ${JSON.stringify(type)}`);
  }
  return type.trim().toUpperCase();
}
