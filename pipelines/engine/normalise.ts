import type { Value } from './engine';

/** How a column's values are shown to the core, the same on both engines. */
export type ValueKind = 'date' | 'timestamp' | 'other';

/** The kind for a DuckDB type name such as 'DATE' or 'TIMESTAMP WITH TIME ZONE'. */
export function valueKindOf(typeName: string): ValueKind {
  const type = typeName.toUpperCase();
  if (type === 'DATE') return 'date';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  return 'other';
}

/** Brings one value from either engine to the shared Value form (see Engine.query). */
export function normaliseValue(value: unknown, kind: ValueKind): Value {
  if (value === null || value === undefined) return null;
  if (kind === 'date' || kind === 'timestamp') {
    const date = value instanceof Date ? value : new Date(typeof value === 'bigint' ? Number(value) : (value as number));
    if (Number.isNaN(date.getTime())) return String(value);
    return kind === 'date' ? date.toISOString().slice(0, 10) : date.toISOString();
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return value;
    case 'bigint':
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
    default:
      return JSON.stringify(value, (_key, inner) => (typeof inner === 'bigint' ? inner.toString() : inner));
  }
}
