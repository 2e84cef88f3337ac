import { typeParam } from '../params';
import type { CheckDefinition } from '../step';

export interface SchemaParams {
  /** Column name -> DuckDB type. */
  columns: Record<string, string>;
  /** Fail on columns not listed; default false. */
  strict?: boolean;
}

const aliases: Record<string, string> = {
  INT: 'INTEGER',
  INT4: 'INTEGER',
  SIGNED: 'INTEGER',
  INT8: 'BIGINT',
  LONG: 'BIGINT',
  INT2: 'SMALLINT',
  SHORT: 'SMALLINT',
  INT1: 'TINYINT',
  FLOAT8: 'DOUBLE',
  NUMERIC: 'DECIMAL',
  FLOAT4: 'FLOAT',
  REAL: 'FLOAT',
  STRING: 'VARCHAR',
  TEXT: 'VARCHAR',
  CHAR: 'VARCHAR',
  BPCHAR: 'VARCHAR',
  BOOL: 'BOOLEAN',
  LOGICAL: 'BOOLEAN',
  DATETIME: 'TIMESTAMP',
  TIMESTAMPTZ: 'TIMESTAMP WITH TIME ZONE',
  BYTEA: 'BLOB',
  BINARY: 'BLOB',
};

/** A type name in DuckDB's canonical spelling, so INT and INTEGER compare equal. */
export function canonicalType(type: string): string {
  const upper = type.trim().toUpperCase().replace(/\s+/g, ' ');
  const base = upper.replace(/\(.*$/, '');
  const canonical = aliases[base];
  return canonical ? canonical + upper.slice(base.length) : upper;
}

/** Columns are present with the given types; with `strict`, no others. */
export const schema: CheckDefinition<SchemaParams> = {
  kind: 'check',
  name: 'schema',
  summary: 'Columns are present with the given types (and, if strict, no others).',
  params: {
    properties: { columns: { type: 'object', additionalProperties: typeParam, minProperties: 1 }, strict: { type: 'boolean' } },
    required: ['columns'],
  },
  reads: () => [],
  dataset: async ({ columns, strict = false }, ctx) => {
    const actual = new Map(ctx.columns.map((column) => [column.name, column.type]));
    const missing = Object.keys(columns).filter((name) => !actual.has(name));
    const mismatched = Object.entries(columns)
      .filter(([name, type]) => actual.has(name) && canonicalType(actual.get(name)!) !== canonicalType(type))
      .map(([name, type]) => ({ column: name, expected: canonicalType(type), actual: actual.get(name)! }));
    const extra = ctx.columns.map((column) => column.name).filter((name) => !(name in columns));
    const success = missing.length === 0 && mismatched.length === 0 && (!strict || extra.length === 0);
    return { success, observed: { missing, mismatched, extra } };
  },
};
