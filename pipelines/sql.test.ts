import { expect, it } from 'vitest';
import { describedTypeName, ident, literal, literalList, typeName } from './sql';

it('quotes identifiers, doubling quotes', () => {
  expect(ident('delay')).toBe('"delay"');
  expect(ident('a"b')).toBe('"a""b"');
});

it('writes values as literals that read back exactly', () => {
  expect(literal("O'Hare")).toBe("'O''Hare'");
  expect(literal(null)).toBe('NULL');
  expect(literal(true)).toBe('TRUE');
  expect(literal(42)).toBe('42');
  expect(literal(1e-10)).toBe('1e-10');
  expect(literal(1.3552527156068805e-20)).toBe('1.3552527156068805e-20');
  expect(literal(0.1 + 0.2)).toBe('0.30000000000000004');
  expect(literal(Infinity)).toBe("'inf'::DOUBLE");
  expect(literalList([1, 'a'])).toBe("1, 'a'");
});

it('accepts type names and refuses anything else', () => {
  expect(typeName('decimal(10, 2)')).toBe('DECIMAL(10, 2)');
  expect(() => typeName('INT); DROP TABLE x; --')).toThrow(/not a SQL type name/);
});

it('takes nested types as DuckDB describes them, whatever their field names, and nothing that could end a statement', () => {
  expect(describedTypeName('STRUCT("b""); DROP TABLE x; --" BIGINT, "c d" BIGINT[], e STRUCT(f VARCHAR))')).toBe(
    'STRUCT("b""); DROP TABLE x; --" BIGINT, "c d" BIGINT[], e STRUCT(f VARCHAR))',
  );
  expect(describedTypeName('map(varchar, bigint)')).toBe('map(varchar, bigint)');
  expect(describedTypeName('BIGINT')).toBe('BIGINT');
  for (const hostile of ['STRUCT(a INT); DROP TABLE x', 'STRUCT(a INT', 'STRUCT(a INT))', 'STRUCT("a INT)', "STRUCT(a VARCHAR DEFAULT 'x')", 'INT -- x']) {
    expect(() => describedTypeName(hostile), hostile).toThrow(/not a SQL type/);
  }
});
