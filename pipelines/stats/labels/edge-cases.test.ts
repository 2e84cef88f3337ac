/**
 * What the label statistics say at their edges (docs/statistics.md#label-quality lists them), the same
 * on both engines: no data, one label, perfect agreement, typed annotator columns, items with a
 * single rating, an annotator who rated an item twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { WinnowError } from '../../errors';
import { literal } from '../../sql';
import { engines } from '../../../testing/reference-fixtures';
import { agreement } from './agreement/agreement';
import { classBalance } from './balance';
import { labelConflicts } from './conflicts';

for (const [engineLabel, create] of engines) {
  describe(`label statistics at the edges on ${engineLabel}`, () => {
    let engine: Engine;
    let tables = 0;

    /** A table with Winnow's row number from typed columns and rows. */
    async function table(columns: string, rows: unknown[][]): Promise<string> {
      const name = `edge_${++tables}`;
      await engine.run(`CREATE TABLE ${name} (__winnow_row BIGINT, ${columns})`);
      if (rows.length)
        await engine.run(`INSERT INTO ${name} VALUES ${rows.map((row, index) => `(${[index + 1, ...row].map(literal).join(', ')})`).join(', ')}`);
      return name;
    }

    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });

    it('no ratings at all: every coefficient is null and nothing is listed', async () => {
      const empty = await table('a VARCHAR, b VARCHAR', []);
      const result = await agreement(engine, empty, { annotators: ['a', 'b'] });
      expect(result).toMatchObject({ items: 0, ratings: 0, pairableItems: 0, kappa: { method: 'cohen', value: null }, perClass: [], lowestItems: [] });
      expect(result.cohen).toEqual({ value: null, observedAgreement: null, chanceAgreement: null, items: 0 });
      expect(result.fleiss).toEqual({ value: null, observedAgreement: null, chanceAgreement: null, items: 0 });
      expect(result.krippendorffAlpha.value).toBeNull();
      expect(await classBalance(engine, empty, { label: 'a' })).toEqual({
        rows: 0,
        labelled: 0,
        missing: 0,
        classes: [],
        imbalanceRatio: null,
        entropy: null,
        normalizedEntropy: null,
      });
      expect(await labelConflicts(engine, empty, { features: ['a'], label: 'b' })).toEqual({
        labelledRows: 0,
        groups: 0,
        conflictingGroups: 0,
        conflictingRows: 0,
        examples: [],
      });
    });

    it('one label throughout: kappa and alpha are undefined (null), the balance is one class', async () => {
      const same = await table('a VARCHAR, b VARCHAR, c VARCHAR', [
        ['x', 'x', 'x'],
        ['x', 'x', null],
        ['x', null, null],
      ]);
      const two = await agreement(engine, same, { annotators: ['a', 'b'] });
      expect(two.cohen).toMatchObject({ value: null, observedAgreement: 1, chanceAgreement: 1, items: 2 });
      expect(two.krippendorffAlpha).toMatchObject({ value: null, pairableValues: 4 });
      const three = await agreement(engine, same, { annotators: ['a', 'b', 'c'] });
      expect(three.fleiss).toMatchObject({ value: null, observedAgreement: 1, chanceAgreement: 1 });
      expect(three.perClass).toEqual([{ label: 'x', ratings: 6, specificAgreement: 1, kappa: null }]);
      expect(await classBalance(engine, same, { label: 'c' })).toEqual({
        rows: 3,
        labelled: 1,
        missing: 2,
        classes: [{ label: 'x', count: 1, share: 1 }],
        imbalanceRatio: 1,
        entropy: 0,
        normalizedEntropy: null,
      });
    });

    it('perfect agreement on two labels: kappa 1 and alpha 1; a balanced label has entropy ln 2', async () => {
      const perfect = await table('a VARCHAR, b VARCHAR, c VARCHAR', [
        ['x', 'x', 'x'],
        ['y', 'y', 'y'],
        ['x', 'x', 'x'],
        ['y', 'y', 'y'],
      ]);
      const two = await agreement(engine, perfect, { annotators: ['a', 'b'] });
      expect([two.kappa.value, two.krippendorffAlpha.value]).toEqual([1, 1]);
      const three = await agreement(engine, perfect, { annotators: ['a', 'b', 'c'] });
      expect([three.kappa.value, three.krippendorffAlpha.value]).toEqual([1, 1]);
      expect(three.perClass.map((entry) => entry.kappa)).toEqual([1, 1]);
      expect(await classBalance(engine, perfect, { label: 'a' })).toMatchObject({ imbalanceRatio: 1, entropy: Math.LN2, normalizedEntropy: 1 });
    });

    it('labels compare by value (1.0 equals 1); an item rated once counts only toward chance', async () => {
      const typed = await table('item INTEGER, a INTEGER, b VARCHAR, c DOUBLE', [
        [1, 1, '1', 2],
        [2, 2, '2', 2],
        [3, 1, '2', 1],
        [4, null, null, 1],
      ]);
      // Text equals only text: an integer and a text annotator stop (label-values.test.ts has every pairing).
      await expect(agreement(engine, typed, { annotators: ['a', 'b'], item: 'item' })).rejects.toThrow('"a" is INTEGER ("1") while "b" is VARCHAR ("1")');
      const result = await agreement(engine, typed, { annotators: ['a', 'c'], item: 'item' });
      // a and c agree on items 2 and 3 (INTEGER 1 equals DOUBLE 1.0), not 1; item 4 has one rating (from c).
      expect(result.cohen).toMatchObject({ observedAgreement: 2 / 3, items: 3 });
      expect(result.perClass.map((entry) => entry.label)).toEqual(['1', '2']);
      expect(result).toMatchObject({ items: 4, pairableItems: 3, ratings: 7 });
    });

    it('long data: an annotator who rated an item twice is an input error that names them', async () => {
      const repeated = await table('item INTEGER, who VARCHAR, label VARCHAR', [
        [1, 'ann', 'x'],
        [1, 'bob', 'x'],
        [2, 'ann', 'y'],
        [2, 'ann', 'x'],
      ]);
      const run = agreement(engine, repeated, { item: 'item', annotator: 'who', label: 'label' });
      await expect(run).rejects.toThrow(WinnowError);
      await expect(run).rejects.toThrow('annotator "ann" rated item "2" 2 times');
    });

    it('wide data: an item column that repeats an item is the same input error', async () => {
      const repeated = await table('item INTEGER, a VARCHAR, b VARCHAR', [
        [1, 'x', 'x'],
        [2, 'x', 'y'],
        [1, 'y', 'y'],
      ]);
      await expect(agreement(engine, repeated, { annotators: ['a', 'b'], item: 'item' })).rejects.toThrow('annotator "a" rated item "1" 2 times');
    });

    it('wide data needs two annotator columns', async () => {
      const one = await table('a VARCHAR', [['x']]);
      await expect(agreement(engine, one, { annotators: ['a', 'a'] })).rejects.toThrow(/at least two annotator columns/);
      const two = await table('a VARCHAR, b VARCHAR', [['x', 'x']]);
      await expect(agreement(engine, two, { annotators: ['a', 'b', 'a'] })).rejects.toThrow(/listed twice/);
    });

    it('long data with two annotators is Cohen over the items both rated', async () => {
      const long = await table('item VARCHAR, who VARCHAR, label VARCHAR', [
        ['q1', 'ann', 'x'],
        ['q1', 'bob', 'x'],
        ['q2', 'ann', 'y'],
        ['q2', 'bob', 'x'],
        ['q3', 'ann', 'y'],
        ['q3', 'bob', 'y'],
        ['q4', 'bob', 'y'],
      ]);
      const result = await agreement(engine, long, { item: 'item', annotator: 'who', label: 'label' });
      expect(result.annotators).toEqual(['ann', 'bob']);
      // 2 of 3 agree; margins ann x1 y2, bob x2 y1: p_e = (1*2 + 2*1) / 9 = 4/9; kappa = (6 - 4) / (9 - 4).
      expect(result.cohen).toEqual({ value: 0.4, observedAgreement: 2 / 3, chanceAgreement: 4 / 9, items: 3 });
      expect(result.lowestItems.map((item) => item.item)).toEqual(['q2', 'q1', 'q3']);
    });
  });
}
