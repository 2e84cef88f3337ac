/**
 * How label columns are compared: by value, with one rule for every label-reading check and
 * command (agreement, slices, slice_metric, the labels command). Two columns of one type compare
 * as their text. Across types:
 * - numbers equal numbers by value: an integral decimal equals the integer (1.0 = 1); a decimal
 *   with a fraction (0.5) cannot equal an integer column's classes, so mixing them stops;
 * - booleans equal 0 and 1 when every value on the numeric side is 0 or 1 (false = 0, true = 1);
 * - text equals only text; any other type (a date, a list) only its own type.
 * Where the columns cannot be reconciled, `labelReader` throws a LabelMismatch naming both
 * columns and a value of each.
 *
 * @example
 * const read = await labelReader(engine, table, ['a', 'b']); // a BIGINT, b DOUBLE with 1.0, 2.0
 * `SELECT ${read.sql('a')}, ${read.sql('b')} FROM ${table}`; // '1', '1' where a = 1 and b = 1.0
 */
import type { Engine } from '../../engine/engine';
import { ident } from '../../sql';

type Kind = 'boolean' | 'integer' | 'decimal' | 'text' | 'other';

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/i;
const DECIMAL = /^(FLOAT|DOUBLE|REAL|DECIMAL)/i;

export function kindOf(type: string): Kind {
  if (/^BOOLEAN$/i.test(type)) return 'boolean';
  if (INTEGER.test(type)) return 'integer';
  if (DECIMAL.test(type)) return 'decimal';
  if (/^(VARCHAR|ENUM)/i.test(type)) return 'text';
  return 'other';
}

/** Label columns whose values cannot be compared with each other. */
export class LabelMismatch extends Error {
  constructor(
    message: string,
    /** The column whose values do not fit the first column's. */
    readonly column: string,
  ) {
    super(message);
  }
}

/** A number's text by value: an integral decimal reads as the integer (1.0 → '1'). */
function numberText(expression: string): string {
  const double = `CAST(${expression} AS DOUBLE)`;
  return `CASE WHEN isfinite(${double}) AND ${double} = trunc(${double}) AND abs(${double}) < 1e18
    THEN CAST(CAST(${double} AS BIGINT) AS VARCHAR) ELSE CAST(${double} AS VARCHAR) END`;
}

/** The SQL reading label values as the text they compare by. */
export interface LabelRead {
  /** The text of a column's values, for comparing with the other columns read together. */
  sql(column: string): string;
  /** The same for any expression of the column's type (a positive class given as a literal). */
  valueSql(expression: string, column: string): string;
}

const quoted = (value: unknown) => JSON.stringify(String(value));

/**
 * Reads label columns so equal values give equal text, or throws LabelMismatch. `columns` are the
 * label columns compared with each other (a label and a prediction; annotators).
 */
export async function labelReader(engine: Engine, table: string, columns: string[]): Promise<LabelRead> {
  const described = await engine.query(`DESCRIBE ${table}`);
  const typeOf = new Map(described.map((row) => [String(row.column_name), String(row.column_type)]));
  const fields = columns.map((name) => {
    const type = typeOf.get(name) ?? 'VARCHAR';
    return { name, type, kind: kindOf(type) };
  });
  const plain: LabelRead = { sql: (column) => `CAST(${ident(column)} AS VARCHAR)`, valueSql: (expression) => `CAST(${expression} AS VARCHAR)` };
  if (new Set(fields.map((field) => field.type)).size <= 1) return plain;
  const sample = async (column: string, where: string): Promise<string | null> => {
    const [row] = await engine.query(`SELECT CAST(${ident(column)} AS VARCHAR) AS v FROM ${table} WHERE ${ident(column)} IS NOT NULL AND ${where} LIMIT 1`);
    return row ? String(row.v) : null;
  };
  // A column without a value (all missing) equals nothing, whatever its type.
  const valued = [];
  for (const field of fields) if ((await sample(field.name, 'TRUE')) !== null) valued.push(field);
  const [first, ...others] = valued;
  if (!first || new Set(valued.map((field) => field.type)).size <= 1) return plain;
  const numeric = (kind: Kind) => kind === 'integer' || kind === 'decimal';
  for (const other of others) {
    if (numeric(first.kind) && numeric(other.kind)) continue;
    if (first.kind === other.kind && (first.kind === 'boolean' || first.kind === 'text')) continue;
    if ((first.kind === 'boolean' && numeric(other.kind)) || (numeric(first.kind) && other.kind === 'boolean')) continue;
    const why = first.kind === 'text' || other.kind === 'text' ? 'text equals only text' : 'these types cannot hold equal values';
    throw new LabelMismatch(
      `labels compare by value and "${first.name}" is ${first.type} (${quoted(await sample(first.name, 'TRUE'))}) while "${other.name}" is ${other.type} (${quoted(await sample(other.name, 'TRUE'))}): ${why}; cast one column to the other's type`,
      other.name,
    );
  }

  const booleanColumn = valued.find((field) => field.kind === 'boolean');
  const integerColumn = valued.find((field) => field.kind === 'integer');
  // An integer column meets a decimal one only at whole numbers; a boolean meets numbers only at 0 and 1.
  for (const field of valued) {
    const double = `CAST(${ident(field.name)} AS DOUBLE)`;
    if (booleanColumn && field.kind !== 'boolean') {
      const outside = await sample(field.name, `${double} NOT IN (0, 1)`);
      if (outside !== null) {
        throw new LabelMismatch(
          `labels compare by value and "${field.name}" holds ${outside} where the boolean "${booleanColumn.name}" can only equal 0 or 1; cast one column to the other's type`,
          field.name,
        );
      }
    } else if (integerColumn && field.kind === 'decimal') {
      const fraction = await sample(field.name, `NOT (isfinite(${double}) AND ${double} = trunc(${double}))`);
      if (fraction !== null) {
        throw new LabelMismatch(
          `labels compare by value and "${field.name}" holds ${fraction}, which no integer of "${integerColumn.name}" equals; cast one column to the other's type`,
          field.name,
        );
      }
    }
  }
  const valueSql = (expression: string, column: string): string => {
    const kind = fields.find((field) => field.name === column)?.kind;
    if (kind === 'text') return `CAST(${expression} AS VARCHAR)`;
    if (kind === 'boolean') return `CASE WHEN ${expression} THEN '1' WHEN NOT ${expression} THEN '0' END`;
    return numberText(expression);
  };
  return { sql: (column) => valueSql(ident(column), column), valueSql };
}
