import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../pipelines/engine/engine';
import { WasmEngine } from '../../pipelines/engine/wasm-engine';
import { formatCellValue, NULL_MARK } from './format-value';

describe('formatCellValue', () => {
  it('shows a TIMESTAMP as its wall-clock time, without a zone, seconds only when they are not zero', () => {
    expect(formatCellValue('2001-01-14T21:45:00.000Z', 'TIMESTAMP')).toBe('2001-01-14 21:45');
    expect(formatCellValue('2001-01-14T21:45:07.000Z', 'TIMESTAMP')).toBe('2001-01-14 21:45:07');
    expect(formatCellValue('2001-01-14T21:45:07.250Z', 'TIMESTAMP')).toBe('2001-01-14 21:45:07.25');
    expect(formatCellValue('2001-01-14T21:45:00.500Z', 'TIMESTAMP_MS')).toBe('2001-01-14 21:45:00.5');
    expect(formatCellValue('2001-01-14 21:45:00', 'TIMESTAMP_S')).toBe('2001-01-14 21:45');
  });

  it('reads timestamps given as Dates or as milliseconds since the epoch the same way', () => {
    const millis = Date.UTC(2001, 0, 14, 21, 45);
    expect(formatCellValue(millis, 'TIMESTAMP')).toBe('2001-01-14 21:45');
    expect(formatCellValue(BigInt(millis), 'TIMESTAMP_NS')).toBe('2001-01-14 21:45');
    expect(formatCellValue(new Date(millis), 'TIMESTAMP')).toBe('2001-01-14 21:45');
    expect(formatCellValue(new Date(millis + 3000), '')).toBe('2001-01-14 21:45:03');
  });

  it('never implies UTC for a TIMESTAMP', () => {
    const shown = formatCellValue('2024-06-30T08:00:00.000Z', 'TIMESTAMP');
    expect(shown).not.toMatch(/Z|UTC|\+00/);
  });

  it('shows a TIMESTAMP WITH TIME ZONE with its offset', () => {
    expect(formatCellValue('2001-01-14T21:45:00.000Z', 'TIMESTAMP WITH TIME ZONE')).toBe('2001-01-14 21:45+00:00');
    expect(formatCellValue('2001-01-14 21:45:09+01', 'TIMESTAMP WITH TIME ZONE')).toBe('2001-01-14 21:45:09+01:00');
    expect(formatCellValue(new Date(Date.UTC(2001, 0, 14, 21, 45)), 'TIMESTAMPTZ')).toBe('2001-01-14 21:45+00:00');
  });

  it('shows a DATE as YYYY-MM-DD, whatever form it arrives in', () => {
    expect(formatCellValue('2001-01-14', 'DATE')).toBe('2001-01-14');
    expect(formatCellValue(Date.UTC(2001, 0, 14), 'DATE')).toBe('2001-01-14');
    expect(formatCellValue(new Date(Date.UTC(2001, 0, 14)), 'DATE')).toBe('2001-01-14');
  });

  it('shows a TIME (microseconds since midnight) as a time of day', () => {
    expect(formatCellValue(3_723_500_000, 'TIME')).toBe('01:02:03.5');
    expect(formatCellValue(78_300_000_000, 'TIME')).toBe('21:45');
    expect(formatCellValue('21:45:07', 'TIME')).toBe('21:45:07');
  });

  it('shows numbers as the grid always has: integers in full, others to 6 decimals, no grouping', () => {
    expect(formatCellValue(1234567, 'INTEGER')).toBe('1234567');
    expect(formatCellValue(3.14159265, 'DOUBLE')).toBe('3.141593');
    expect(formatCellValue(-0.5, 'DECIMAL(4,1)')).toBe('-0.5');
    expect(formatCellValue(9007199254740993n, 'BIGINT')).toBe('9007199254740993');
    expect(formatCellValue(Number.NaN, 'DOUBLE')).toBe('NaN');
  });

  it('shows null as the null mark, and nothing for a value not loaded yet', () => {
    expect(formatCellValue(null, 'TIMESTAMP')).toBe(NULL_MARK);
    expect(NULL_MARK).toBe('∅');
    expect(formatCellValue(undefined, 'VARCHAR')).toBe('');
  });

  it('shows other values as they are, and a value that does not fit its type unchanged', () => {
    expect(formatCellValue('Oslo', 'VARCHAR')).toBe('Oslo');
    expect(formatCellValue(true, 'BOOLEAN')).toBe('true');
    expect(formatCellValue('[1,2]', 'INTEGER[]')).toBe('[1,2]');
    expect(formatCellValue('infinity', 'TIMESTAMP')).toBe('infinity');
    expect(formatCellValue({ a: 1n }, 'STRUCT(a HUGEINT)')).toBe('{"a":"1"}');
  });
});

describe('formatCellValue on what the engine returns', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await WasmEngine.createForNode();
  });
  afterAll(() => engine.close());

  it('shows DuckDB values of every time type as DuckDB would, less zero seconds', async () => {
    const [row] = await engine.query(
      `SELECT TIMESTAMP '2001-01-14 21:45:00' a, TIMESTAMP_NS '2001-01-14 21:45:07.123456789' b, DATE '2001-01-14' c,
              TIMESTAMPTZ '2001-01-14 21:45:00+01' d, TIME '21:45:00' e, 1234.5::DOUBLE f`,
    );
    const types = { a: 'TIMESTAMP', b: 'TIMESTAMP_NS', c: 'DATE', d: 'TIMESTAMP WITH TIME ZONE', e: 'TIME', f: 'DOUBLE' };
    expect(Object.fromEntries(Object.entries(types).map(([name, type]) => [name, formatCellValue(row![name], type)]))).toEqual({
      a: '2001-01-14 21:45',
      b: '2001-01-14 21:45:07.123',
      c: '2001-01-14',
      d: '2001-01-14 20:45+00:00',
      e: '21:45',
      f: '1234.5',
    });
  });
});
