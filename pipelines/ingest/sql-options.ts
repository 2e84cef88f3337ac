/**
 * Named arguments of DuckDB's table functions (read_csv, read_json, read_parquet) written from a
 * plain object, so every reader builds its argument list the same way and every value goes
 * through literal().
 */
import { literal, literalList } from '../sql';

/** A value of a named argument: a struct of strings (read_csv's `columns`), a list, or a scalar. */
export type OptionValue = string | number | boolean | readonly string[] | Readonly<Record<string, string>>;

/** `name=value, ...` for the options that are not undefined, in the object's order. */
export function namedArguments(options: Record<string, OptionValue | undefined>): string {
  return Object.entries(options)
    .filter((entry): entry is [string, OptionValue] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${argumentValue(value)}`)
    .join(', ');
}

function argumentValue(value: OptionValue): string {
  if (Array.isArray(value)) return `[${literalList(value)}]`;
  if (typeof value === 'object') {
    const fields = Object.entries(value as Record<string, string>).map(([key, inner]) => `${literal(key)}: ${literal(inner)}`);
    return `{${fields.join(', ')}}`;
  }
  return literal(value);
}

/** A list of file paths as a DuckDB list literal, for the multi-file readers. */
export function fileList(files: readonly string[]): string {
  return `[${literalList(files)}]`;
}
