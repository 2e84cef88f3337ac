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

/**
 * A type as DuckDB itself describes a column (DESCRIBE, typeof), nested ones included:
 * `STRUCT("a b" BIGINT, c VARCHAR[])`, whose field names come from the data (JSON keys). DuckDB
 * double-quotes such names, doubling quotes inside; this checks that outside quoted names the text
 * holds only type words, commas, brackets and balanced parentheses, so it can only ever be a type
 * in the statement it goes into, never end it. Simple names go through typeName.
 */
export function describedTypeName(type: string): string {
  const text = type.trim();
  if (!/[("]/.test(text)) return typeName(text);
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '"') {
      // A quoted name: up to the next quote that is not doubled.
      index++;
      while (index < text.length && !(text[index] === '"' && text[index + 1] !== '"')) index += text[index] === '"' ? 2 : 1;
      if (index >= text.length) throw new Error(`not a SQL type: ${JSON.stringify(type)}`);
    } else if (char === '(') depth++;
    else if (char === ')') {
      if (--depth < 0) throw new Error(`not a SQL type: ${JSON.stringify(type)}`);
    } else if (!/[A-Za-z0-9_ ,[\]]/.test(char)) throw new Error(`not a SQL type: ${JSON.stringify(type)}`);
  }
  if (depth !== 0) throw new Error(`not a SQL type: ${JSON.stringify(type)}`);
  return text;
}

/** Validates a type name from a spec before it reaches SQL (letters, digits, spaces, (), commas). */
export function typeName(type: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\])?$/.test(type.trim())) {
    throw new Error(`not a SQL type name: ${JSON.stringify(type)}`);
  }
  return type.trim().toUpperCase();
}
