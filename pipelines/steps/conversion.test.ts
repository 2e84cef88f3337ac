/**
 * Text to an integer type: the SQL (with its shortcut for text that is the number's own digits)
 * accepts exactly the text the written rule accepts, an optional sign and decimal digits with
 * spaces around, when the value fits the type. Checked on generated text, on both engines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engines } from '../../testing/profile-fixtures';
import { literal } from '../sql';
import { convertSql, convertsTo } from './conversion';

const PIECES = [
  '0',
  '1',
  '7',
  '9',
  '00',
  '42',
  '127',
  '128',
  '255',
  '256',
  '-',
  '+',
  ' ',
  '\t',
  '.',
  'e',
  'E',
  'x',
  '0x',
  '_',
  'b',
  '٣',
  '9223372036854775807',
  '9223372036854775808',
];
const RANGES: Record<string, [bigint, bigint]> = {
  TINYINT: [-128n, 127n],
  UTINYINT: [0n, 255n],
  BIGINT: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** What the rule says: the text's integer, when the text is one and the type holds it. */
function expected(text: string, type: string): string | null {
  if (!convertsTo(text, type)) return null;
  const value = BigInt(text.trim());
  const [low, high] = RANGES[type]!;
  return value >= low && value <= high ? String(value) : null;
}

describe.each(engines)('text to an integer type on the %s engine', (_label, create) => {
  it('converts exactly the text the rule accepts, with or without the shortcut', async () => {
    const engine = await create();
    try {
      const generated = fc.sample(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join('')),
        { numRuns: 3000, seed: 5 },
      );
      const values = ['12', '-12', '+12', ' 12 ', '012', '-0', '0', '', '1.0', '1e3', '0x1F', '1_000', ...generated];
      await engine.run(`CREATE TABLE texts AS SELECT * FROM (VALUES ${values.map((value) => `(${literal(value)})`).join(', ')}) v(value)`);
      for (const type of Object.keys(RANGES)) {
        const rows = await engine.query(`SELECT value, CAST(${convertSql('value', 'VARCHAR', type)} AS VARCHAR) AS converted FROM texts`);
        const wrong = rows.filter((row) => row.converted !== expected(String(row.value), type));
        expect(wrong.slice(0, 5), `${type}: values converted against the rule`).toEqual([]);
        expect(rows.filter((row) => row.converted !== null).length, `${type}: some values convert`).toBeGreaterThan(20);
      }
    } finally {
      await engine.close();
    }
  });
});
