/**
 * Fisher's exact test against scipy.stats.fisher_exact (slices.json, written by slices.py): the
 * worked examples of SciPy's documentation, empty rows and columns, equally likely tables on both
 * sides, p-values that underflow, and tables of up to ten million rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeTo, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { fisherExact, type FisherAlternative, type TwoByTwo } from './fisher-exact';

const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}slices.json`, 'utf8')) as {
  fisherExact: { table: TwoByTwo; alternative: FisherAlternative; pValue: number }[];
};

describe('fisherExact', () => {
  it('matches SciPy on every reference table: 1e-12 relative up to a thousand rows, 1e-9 up to a hundred thousand, 1e-7 at ten million', () => {
    expect(reference.fisherExact.length).toBeGreaterThan(20);
    for (const { table, alternative, pValue } of reference.fisherExact) {
      const rows = table.flat().reduce((sum, count) => sum + count, 0);
      const mine = fisherExact(table, alternative);
      const tolerance = rows <= 1000 ? 1e-12 : rows <= 100_000 ? 1e-9 : 1e-7;
      expect(closeTo(mine, pValue, tolerance), `${JSON.stringify(table)} ${alternative}: ${mine} vs ${pValue}`).toBe(true);
    }
  });

  it('gives 1 for a table with an empty row or column, as SciPy', () => {
    expect(
      fisherExact(
        [
          [0, 0],
          [5, 5],
        ],
        'less',
      ),
    ).toBe(1);
    expect(
      fisherExact(
        [
          [5, 0],
          [7, 0],
        ],
        'two-sided',
      ),
    ).toBe(1);
  });

  it('counts the mirror table as equally likely when the margins are symmetric', () => {
    // [[3, 7], [7, 3]] and [[7, 3], [3, 7]] are equally likely: the two-sided p is twice the one-sided.
    expect(
      fisherExact(
        [
          [3, 7],
          [7, 3],
        ],
        'two-sided',
      ),
    ).toBeCloseTo(
      2 *
        fisherExact(
          [
            [3, 7],
            [7, 3],
          ],
          'less',
        ),
      14,
    );
  });

  it('stays a probability where the terms underflow, and sums a tail of millions of rows', () => {
    expect(
      fisherExact(
        [
          [0, 5000],
          [5000, 0],
        ],
        'less',
      ),
    ).toBe(0);
    const large = fisherExact(
      [
        [899500, 100500],
        [8104500, 895500],
      ],
      'less',
    );
    expect(large).toBeGreaterThan(0);
    expect(large).toBeLessThan(1);
  });
});
