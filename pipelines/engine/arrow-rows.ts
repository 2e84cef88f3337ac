/**
 * duckdb-wasm's Arrow results as Rows, normalised exactly like the native engine's (see
 * Engine.query). Imports only apache-arrow, so the Node engine and a browser worker share it.
 *
 * The native engine takes @duckdb/node-api's JavaScript values (Date, bigint, number, arrays,
 * objects) through normaliseValue; this module rebuilds those same values from Arrow buffers.
 * Arrow's own getters cannot be used for that everywhere: they give microsecond timestamps as
 * fractional milliseconds (9999-12-31 23:59:59.999999 rounds into year 10000), DECIMAL as
 * scaled integers, and MONTH_DAY_NANO intervals wrongly.
 *
 * Matched type by type: all integer types, FLOAT, DOUBLE, DECIMAL, BOOLEAN, VARCHAR, ENUM, UUID,
 * BLOB, DATE, TIME, TIMESTAMP (all units, with time zone), INTERVAL, LIST, ARRAY, STRUCT, MAP,
 * NULL. Arrow has no HUGEINT: duckdb-wasm sends it as DECIMAL(38,0), so that type is read as
 * HUGEINT (what SUM of integers returns), and an explicit DECIMAL(38,0) beyond 2^53 comes back
 * as an exact bigint here where native gives a rounded number. Not matched: BIT, BIGNUM,
 * TIME WITH TIME ZONE and UNION, which the core never reads without a cast.
 */
import { DataType, IntervalUnit, TimeUnit, makeVector, type Data, type Field, type Table } from 'apache-arrow';
import type { Row } from './engine';
import { duckdbDecimalToDouble } from './duckdb-double';
import { normaliseValue, type ValueKind } from './normalise';

/** Reads the value at an index of one column chunk: what @duckdb/node-api would give for it. */
type Reader = (index: number) => unknown;

/** Turns a duckdb-wasm result into rows, each value normalised as the native engine does it. */
export function arrowTableToRows(table: Table): Row[] {
  const { fields } = table.schema;
  const kinds = fields.map((field) => arrowValueKind(field.type));
  const rows: Row[] = [];
  for (const batch of table.batches) {
    // An empty batch may come without child data for nested columns: nothing to read.
    if (batch.numRows === 0) continue;
    const readers = fields.map((field, column) => readerFor(field, batch.data.children[column] as Data));
    for (let index = 0; index < batch.numRows; index++) {
      const row: Row = {};
      fields.forEach((field, column) => {
        row[field.name] = normaliseValue(readers[column]?.(index), kinds[column] ?? 'other');
      });
      rows.push(row);
    }
  }
  return rows;
}

/** The ValueKind of an Arrow column: Date32/Date64 are dates, Timestamp (any unit) timestamps. */
export function arrowValueKind(type: DataType): ValueKind {
  if (DataType.isDate(type)) return 'date';
  if (DataType.isTimestamp(type)) return 'timestamp';
  return 'other';
}

function readerFor(field: Field, data: Data): Reader {
  const read = valueReader(field, data);
  return (index) => (data.getValid(index) ? read(index) : null);
}

function valueReader(field: Field, data: Data): Reader {
  const { type } = data;
  if (duckdbExtensionType(field) === 'uhugeint') {
    const bytes = data.values as Uint8Array;
    return (index) => littleEndian(bytes.subarray(index * 16, index * 16 + 16), 8, false);
  }
  if (DataType.isTimestamp(type)) {
    const values = data.values as BigInt64Array;
    const toMillis = timestampToMillis(type.unit);
    return (index) => new Date(Number(toMillis(values[index] ?? 0n)));
  }
  if (DataType.isDate(type)) {
    // Arrow's getter is exact here: whole days times 86,400,000 ms.
    const vector = makeVector(data);
    return (index) => new Date(vector.get(index) as number);
  }
  if (DataType.isDecimal(type)) {
    const words = data.values as Uint32Array;
    const { stride } = data;
    const unscaled = (index: number) => littleEndian(words.subarray(index * stride, index * stride + stride), 32, true);
    if (type.precision === 38 && type.scale === 0) return unscaled;
    return (index) => duckdbDecimalToDouble(unscaled(index), type.scale);
  }
  if (DataType.isInterval(type) && type.unit === IntervalUnit.MONTH_DAY_NANO) {
    // Four int32 per value: months, days, then nanoseconds as a little-endian int64.
    const ints = data.values as Int32Array;
    return (index) => ({
      months: ints[index * 4],
      days: ints[index * 4 + 1],
      micros: littleEndian(ints.subarray(index * 4 + 2, index * 4 + 4), 32, true) / 1000n,
    });
  }
  if (DataType.isList(type) || DataType.isMap(type)) {
    const offsets = data.valueOffsets;
    const items = entryReader(type.children[0] as Field, data.children[0] as Data, DataType.isMap(type));
    return (index) => range(Number(offsets[index]), Number(offsets[index + 1])).map(items);
  }
  if (DataType.isFixedSizeList(type)) {
    const item = readerFor(type.children[0] as Field, data.children[0] as Data);
    const size = type.listSize;
    return (index) => range(index * size, index * size + size).map(item);
  }
  if (DataType.isStruct(type)) {
    const entries = type.children.map((child, position) => [child.name, readerFor(child, data.children[position] as Data)] as const);
    return (index) => Object.fromEntries(entries.map(([name, read]) => [name, read(index)]));
  }
  const vector = makeVector(data);
  if (DataType.isBinary(type)) {
    // What JSON.stringify makes of the Node Buffer the native engine returns for a BLOB.
    return (index) => ({ type: 'Buffer', data: Array.from(vector.get(index) as Uint8Array) });
  }
  return (index) => vector.get(index);
}

/** A list's items, or a map's entries as the native engine shows them: `{key, value}` objects. */
function entryReader(field: Field, data: Data, isMap: boolean): Reader {
  if (!isMap) return readerFor(field, data);
  const [keyField, valueField] = field.type.children as Field[];
  const key = readerFor(keyField as Field, data.children[0] as Data);
  const value = readerFor(valueField as Field, data.children[1] as Data);
  return (index) => ({ key: key(index), value: value(index) });
}

/** Milliseconds as @duckdb/node-api computes them: bigint division, truncating toward zero. */
function timestampToMillis(unit: TimeUnit): (value: bigint) => bigint {
  switch (unit) {
    case TimeUnit.SECOND:
      return (value) => value * 1000n;
    case TimeUnit.MILLISECOND:
      return (value) => value;
    case TimeUnit.MICROSECOND:
      return (value) => value / 1000n;
    case TimeUnit.NANOSECOND:
      return (value) => value / 1_000_000n;
  }
}

/** The DuckDB type name duckdb-wasm records on an opaque extension column ('uhugeint', ...). */
function duckdbExtensionType(field: Field): string | undefined {
  const metadata = field.metadata.get('ARROW:extension:metadata');
  if (!metadata) return undefined;
  const parsed = JSON.parse(metadata) as { vendor_name?: string; type_name?: string };
  return parsed.vendor_name === 'DuckDB' ? parsed.type_name : undefined;
}

/** An integer from little-endian digits of `bits` bits each, two's complement when signed. */
function littleEndian(digits: ArrayLike<number>, bits: number, signed: boolean): bigint {
  let value = 0n;
  const mask = (1n << BigInt(bits)) - 1n;
  for (let position = digits.length - 1; position >= 0; position--) {
    value = (value << BigInt(bits)) | (BigInt(digits[position] ?? 0) & mask);
  }
  const width = digits.length * bits;
  return signed ? BigInt.asIntN(width, value) : value;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, offset) => start + offset);
}
