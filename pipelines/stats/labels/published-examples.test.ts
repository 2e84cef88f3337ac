/**
 * The worked examples the coefficients' own papers and references print, on both engines:
 * - Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
 *   12 units, nominal, with missing values: alpha = 0.743 from 40 pairable values.
 * - Wikipedia's Fleiss' kappa example (10 subjects, 14 raters, 5 categories): P̄ = 0.378,
 *   P_e = 0.213, kappa = 0.210; P_i of subjects 8, 7 and 2 are 0.176, 0.242 and 0.253.
 * - Wikipedia's Cohen's kappa example (50 proposals, two readers): p_o = 0.7, p_e = 0.5, kappa = 0.4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { engines, loadFixture } from '../../../testing/reference-fixtures';
import { agreement } from './agreement/agreement';

const round3 = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

for (const [label, create] of engines) {
  describe(`published worked examples on ${label}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });

    it('Krippendorff (2011): nominal alpha 0.743 with missing values', async () => {
      const table = await loadFixture(engine, 'labels-krippendorff-2011.csv', 'kripp', { unit: 'INTEGER' });
      const result = await agreement(engine, table, { annotators: ['A', 'B', 'C', 'D'], item: 'unit' });
      expect(round3(result.krippendorffAlpha.value)).toBe(0.743);
      expect(result.krippendorffAlpha.pairableValues).toBe(40);
      // Unit 12 has one value: an item, but not pairable.
      expect(result).toMatchObject({ items: 12, ratings: 41, pairableItems: 11 });
      expect(result.lowestItems[0]).toMatchObject({ item: 6, agreement: 0, ratings: 4 });
    });

    it("Fleiss (1971), Wikipedia's example: kappa 0.210", async () => {
      const table = await loadFixture(engine, 'labels-fleiss-wikipedia.csv', 'fleiss', { subject: 'INTEGER' });
      const result = await agreement(engine, table, { item: 'subject', annotator: 'rater', label: 'category' });
      expect(result.kappa.method).toBe('fleiss');
      expect([result.fleiss.value, result.fleiss.observedAgreement, result.fleiss.chanceAgreement].map(round3)).toEqual([0.21, 0.378, 0.213]);
      expect(result.perClass.map((entry) => round3(entry.ratings / 140))).toEqual([0.143, 0.2, 0.279, 0.15, 0.229]);
      expect(result.lowestItems.slice(0, 3).map((item) => [item.item, round3(item.agreement)])).toEqual([
        [8, 0.176],
        [7, 0.242],
        [2, 0.253],
      ]);
    });

    it("Cohen (1960), Wikipedia's example: kappa 0.4", async () => {
      const table = await loadFixture(engine, 'labels-cohen-wikipedia.csv', 'cohen');
      const result = await agreement(engine, table, { annotators: ['reader_a', 'reader_b'] });
      expect(result.kappa).toEqual({ method: 'cohen', value: 0.4 });
      expect(result.cohen).toEqual({ value: 0.4, observedAgreement: 0.7, chanceAgreement: 0.5, items: 50 });
    });
  });
}
