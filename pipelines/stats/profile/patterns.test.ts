/**
 * What each text pattern recognises, evaluated in SQL on both engines: shapes that should match,
 * near misses that should not, and the extra conditions (phone digit counts, Luhn).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { literal } from '../../sql';
import fc from 'fast-check';
import {
  columnHoldsPattern,
  containsPattern,
  matchesAnyPattern,
  matchesPattern,
  mayHoldPii,
  PATTERNS,
  PII_PATTERNS,
  quickTest,
  shapeOf,
  type PatternName,
} from './patterns';
import { engines } from '../../../testing/profile-fixtures';

/** Each value with every pattern it must match (and no other). */
const cases: [string, PatternName[]][] = [
  ['ana@example.com', ['email']],
  ['bo.smith+tag@mail.co.uk', ['email']],
  ['  padded@example.com  ', ['email']],
  ['not-an-email@', []],
  ['a@b', []],
  ['https://example.com/path?q=1', ['url']],
  ['HTTP://EXAMPLE.COM', ['url']],
  ['www.winnow.dev/docs', ['url']],
  ['ftp://files.example.net/a.csv', ['url']],
  ['example.com', []],
  ['+1 206 555 0100', ['phone']],
  ['(206) 555-0199', ['phone']],
  ['206-555-0123', ['phone']],
  ['+442071838750', ['phone']],
  ['+33 1 23 45 67 89', ['phone']],
  ['555-0123', ['phone']],
  ['12-34', []],
  ['12345678', []],
  ['123e4567-e89b-12d3-a456-426614174000', ['uuid']],
  ['550E8400-E29B-41D4-A716-446655440000', ['uuid']],
  ['123e4567e89b12d3a456426614174000', []],
  ['192.168.1.1', ['ip']],
  ['255.255.255.255', ['ip']],
  ['256.1.1.1', []],
  ['192.168.001.001', ['ip']],
  ['0.1.2.3', []],
  ['1.2.3', []],
  ['3.14159', []],
  ['2001:db8::1', ['ip']],
  ['fe80:0:0:0:202:b3ff:fe1e:8329', ['ip']],
  ['::1', ['ip']],
  ['12:30:45', []],
  ['4111 1111 1111 1111', ['credit_card']],
  ['5500-0000-0000-0004', ['credit_card']],
  ['378282246310005', ['credit_card']],
  ['4111111111111112', []],
  ['2024-01-31', ['date']],
  ['2024-01-31T10:15:00Z', ['date']],
  ['2024-01-31 10:15:00.123+02:00', ['date']],
  ['2024/1/31', ['date']],
  ['31/01/2024', ['date']],
  ['31.01.2024', ['date']],
  ['1/31/24', ['date']],
  ['Jan 5, 2024', ['date']],
  ['5 March 2024', ['date']],
  ['SEPTEMBER 1st, 2024', ['date']],
  ['2024-13', []],
  ['hello world', []],
  ['Call 206-555-0100', []],
];

describe.each(engines)('text patterns on the %s engine', (_label, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
    await engine.run(`CREATE TABLE samples AS SELECT * FROM (VALUES ${cases.map(([value], index) => `(${index}, ${literal(value)})`).join(', ')}) v(i, value)`);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('match the shapes they name and nothing else', async () => {
    const selects = PATTERNS.map((pattern) => `${matchesPattern('value', pattern.name)} AS ${pattern.name}`).join(', ');
    const rows = await engine.query(`SELECT i, ${selects} FROM samples ORDER BY i`);
    const found = rows.map((row) => [cases[Number(row.i)]![0], PATTERNS.filter((pattern) => row[pattern.name] === true).map((pattern) => pattern.name)]);
    expect(found).toEqual(cases);
  });

  it('are NULL for NULL, so counts and filters skip missing values', async () => {
    const [row] = await engine.query(
      `SELECT ${matchesAnyPattern('CAST(NULL AS VARCHAR)', PII_PATTERNS)} AS any, ${matchesPattern('CAST(NULL AS VARCHAR)', 'credit_card')} AS card`,
    );
    expect(row).toEqual({ any: null, card: null });
  });

  it('in a wide integer column, hold what the integer’s text holds, and 11 or 12 positive digits are a phone number', async () => {
    const values = [
      '4111111111111111',
      '4111111111111112',
      '-4111111111111111',
      '5500000000000004',
      '15551234567',
      '447911123456',
      '-1555123456',
      '1700000000',
      '1700000000000',
      '0',
      'NULL',
    ];
    const table = `(SELECT * FROM (VALUES ${values.map((value, index) => `(${index}, CAST(${value} AS BIGINT))`).join(', ')}) v(i, n))`;
    const selects = PII_PATTERNS.flatMap((name) => [
      `${columnHoldsPattern('n', 'BIGINT', name)} AS ${name}`,
      `${containsPattern('CAST(n AS VARCHAR)', name)} AS text_${name}`,
    ]);
    const rows = await engine.query(`SELECT i, ${selects.join(', ')} FROM ${table} ORDER BY i`);
    for (const row of rows) {
      for (const name of ['email', 'ip', 'credit_card']) expect(row[name], `${values[Number(row.i)]} ${name}`).toBe(row[`text_${name}`]);
    }
    expect(rows.map((row) => [values[Number(row.i)], row.phone, row.credit_card])).toEqual([
      ['4111111111111111', false, true],
      ['4111111111111112', false, false],
      ['-4111111111111111', false, false],
      ['5500000000000004', false, true],
      ['15551234567', true, false],
      ['447911123456', true, false],
      ['-1555123456', false, false],
      ['1700000000', false, false],
      ['1700000000000', false, false],
      ['0', false, false],
      ['NULL', null, null],
    ]);
  });
});

/** Pieces the generated values are made of: the shapes' characters, digits runs and words. */
const PIECES = ['0', '1', '5', '9', '12', '555', '0100', '2024', '4111111111111111', '-', '.', '/', ' ', '\t', '+', '(', ')', ':', '::', '@'];
PIECES.push('a', 'ex', 'com', 'www.', 'WWW.', 'https://', 'ftp://', 'Jan', 'January', '31st', ',', 'e89b', 'FFFF', 'x', '_');

describe.each(engines)('the quick test before the regular expressions, on the %s engine', (_label, create) => {
  // Every shape is searched for as itself and inside text (candidates are parts of the value), and
  // the quick test only asks for characters and a length, which a longer text keeps: so it is
  // enough that no value has a shape the quick test turns away.
  it('turns away no value of any shape, so it changes no answer', async () => {
    const engine = await create();
    try {
      const generated = fc.sample(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((pieces) => pieces.join('')),
        {
          numRuns: 4000,
          seed: 12,
        },
      );
      const values = [...cases.map(([value]) => value), ...generated];
      await engine.run(`CREATE TABLE generated AS SELECT * FROM (VALUES ${values.map((value) => `(${literal(value)})`).join(', ')}) v(value)`);
      const selects = PATTERNS.map(
        ({ name }) =>
          `count_if(${shapeOf('trim(value)', name)}) AS ${name}_shapes, count_if(${shapeOf('trim(value)', name)} AND NOT ${quickTest('value', name)}) AS ${name}_missed`,
      );
      const [row = {}] = await engine.query(`SELECT ${selects.join(', ')} FROM generated`);
      for (const { name } of PATTERNS) {
        expect(Number(row[`${name}_shapes`]), `values of the ${name} shape among the generated`).toBeGreaterThan(0);
        expect(Number(row[`${name}_missed`]), `${name} values the quick test turned away`).toBe(0);
      }
    } finally {
      await engine.close();
    }
  });
});

describe('which columns can hold personal data', () => {
  it('are text and integers wide enough for a card number', () => {
    const types = ['VARCHAR', 'BIGINT', 'UBIGINT', 'HUGEINT', 'DECIMAL(18,0)', 'DECIMAL(12,0)', 'DECIMAL(18,3)', 'INTEGER', 'DOUBLE', 'DATE', 'BOOLEAN'];
    expect(types.filter(mayHoldPii)).toEqual(['VARCHAR', 'BIGINT', 'UBIGINT', 'HUGEINT', 'DECIMAL(18,0)']);
  });
});

describe('PII patterns', () => {
  it('are the shapes that can identify a person', () => {
    expect(PII_PATTERNS).toEqual(['email', 'phone', 'ip', 'credit_card']);
  });
});
