import { expect, it } from 'vitest';
import { parseBytes } from './bytes';

it('reads sizes as people write them', () => {
  expect(parseBytes('512MB')).toBe(512 * 1024 ** 2);
  expect(parseBytes('1.5 GB')).toBe(1.5 * 1024 ** 3);
  expect(parseBytes('2g')).toBe(2 * 1024 ** 3);
  expect(parseBytes('1000')).toBe(1000);
  expect(() => parseBytes('lots')).toThrow('"lots" is not a size');
});
