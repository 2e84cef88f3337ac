/**
 * Holm and Benjamini–Hochberg against statsmodels' multipletests (slices.json, written by
 * slices.py): adjusted p-values to the last bits, and a p-value at most alpha after adjustment
 * exactly where statsmodels rejects, ties, zeros and ones included.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeTo, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { adjustPValues } from './multiple-testing';
import type { Correction } from './types';

const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}slices.json`, 'utf8')) as {
  multipleTests: { pValues: number[]; correction: Correction; alpha: number; adjusted: number[]; flagged: boolean[] }[];
};

describe('adjustPValues', () => {
  it('matches statsmodels’ multipletests(method="holm" | "fdr_bh"), its rejections included', () => {
    expect(reference.multipleTests.length).toBeGreaterThan(10);
    for (const { pValues, correction, alpha, adjusted, flagged } of reference.multipleTests) {
      const mine = adjustPValues(pValues, correction);
      mine.forEach((value, index) =>
        expect(closeTo(value, adjusted[index]!, 1e-15), `${correction} ${JSON.stringify(pValues)}[${index}]: ${value} vs ${adjusted[index]}`).toBe(true),
      );
      expect(
        mine.map((value) => value <= alpha),
        `${correction} at ${alpha}: ${JSON.stringify(pValues)}`,
      ).toEqual(flagged);
    }
  });

  it('is Bonferroni for the smallest p under Holm, and leaves p-values alone without a correction', () => {
    expect(adjustPValues([0.02, 0.41, 0.67, 0.93], 'holm')[0]).toBeCloseTo(0.08, 15);
    expect(adjustPValues([0.3, 0.01], 'none')).toEqual([0.3, 0.01]);
    expect(adjustPValues([], 'bh')).toEqual([]);
  });

  it('gives ties the same adjusted value, whatever their order', () => {
    const adjusted = adjustPValues([0.04, 0.001, 0.04, 0.04], 'bh');
    expect(new Set([adjusted[0], adjusted[2], adjusted[3]]).size).toBe(1);
    // Holm: the first of three tied 0.04s is multiplied by 3, the later ones by 2 and 1, and each takes the running maximum.
    expect(adjustPValues([0.04, 0.04, 0.001, 0.04], 'holm')).toEqual([0.04 * 3, 0.04 * 3, 0.001 * 4, 0.04 * 3]);
  });
});
