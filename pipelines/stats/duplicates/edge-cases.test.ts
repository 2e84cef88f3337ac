/**
 * Duplicate statistics at their edges (docs/statistics.md#duplicates lists them), on both
 * engines: no text, texts shorter than a shingle, threshold 1, chains of near-duplicates that
 * need several rounds to join one cluster, and the default LSH banding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { WinnowError } from '../../errors';
import { literal } from '../../sql';
import { engines } from '../../../testing/reference-fixtures';
import { duplicateGroups } from './exact';
import { bandsFor, minHashSettings, missChance } from './minhash';
import { nearDuplicates } from './near-duplicates';

describe('MinHash settings', () => {
  it('default banding: the most rows per band that misses a pair at the threshold with chance <= 1e-6', () => {
    expect(minHashSettings()).toEqual({ shingle: 'char', size: 5, threshold: 0.8, hashes: 128, bands: 32, seed: 0, maxCandidates: 10_000_000, rowsPerBand: 4 });
    expect(bandsFor(0.5, 128)).toBe(64);
    expect(bandsFor(0.9, 128)).toBe(32);
    expect(missChance(0.8, 32, 4)).toBeLessThan(1e-6);
    expect(missChance(0.8, 16, 8)).toBeGreaterThan(1e-6);
    // Nothing reaches 1e-6 at a very low threshold: one row per band, the most recall there is.
    expect(bandsFor(0.05, 128)).toBe(128);
    expect(minHashSettings({ shingle: 'word' }).size).toBe(3);
  });

  it('refuses settings that cannot work', () => {
    expect(() => minHashSettings({ threshold: 0 })).toThrow(/threshold/);
    expect(() => minHashSettings({ threshold: 1.2 })).toThrow(/threshold/);
    expect(() => minHashSettings({ hashes: 100, bands: 30 })).toThrow(/must divide/);
    expect(() => minHashSettings({ size: 0 })).toThrow(/size/);
  });
});

for (const [label, create] of engines) {
  describe(`duplicate statistics at the edges on ${label}`, () => {
    let engine: Engine;
    let tables = 0;

    async function texts(values: (string | null)[]): Promise<string> {
      const name = `texts_${++tables}`;
      await engine.run(`CREATE TABLE ${name} (__winnow_row BIGINT, text VARCHAR)`);
      if (values.length) await engine.run(`INSERT INTO ${name} VALUES ${values.map((value, index) => `(${index + 1}, ${literal(value)})`).join(', ')}`);
      return name;
    }

    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });

    it('no text: nothing to compare', async () => {
      for (const table of [await texts([]), await texts([null, '', '  \t\n '])]) {
        expect(await nearDuplicates(engine, table, { column: 'text' })).toMatchObject({
          documents: 0,
          distinctTexts: 0,
          candidatePairs: 0,
          similarPairs: 0,
          laterDuplicates: 0,
          clusters: 0,
          rowsInClusters: 0,
          clusterList: [],
          pairs: [],
        });
      }
      expect(await duplicateGroups(engine, await texts([]))).toEqual({
        columns: ['text'],
        rows: 0,
        groups: 0,
        rowsInGroups: 0,
        duplicateRows: 0,
        examples: [],
      });
    });

    it('case and whitespace do not matter; a text shorter than a shingle is one shingle, itself', async () => {
      const table = await texts(['Up', ' up ', 'UP\t', 'Upx', 'A Quiet Place', 'a  quiet\nplace', null]);
      const found = await nearDuplicates(engine, table, { column: 'text', threshold: 1 });
      expect(found).toMatchObject({ documents: 6, distinctTexts: 3, similarPairs: 0, laterDuplicates: 3, clusters: 2, rowsInClusters: 5 });
      expect(found.clusterList).toEqual([
        { cluster: 1, size: 3, texts: 1, rows: [1, 2, 3], text: 'Up' },
        { cluster: 5, size: 2, texts: 1, rows: [5, 6], text: 'A Quiet Place' },
      ]);
    });

    it('threshold 1 still joins distinct texts with the same shingle set', async () => {
      // Character 2-grams of 'abab' and 'ababab' are both {ab, ba}.
      const found = await nearDuplicates(engine, await texts(['abab', 'ababab', 'abba']), { column: 'text', size: 2, threshold: 1 });
      expect(found.pairs).toEqual([{ row: 1, otherRow: 2, jaccard: 1 }]);
      expect(found.laterDuplicates).toBe(1);
    });

    it('a chain of near-duplicates is one cluster, named by its smallest row, however it is ordered', async () => {
      // Text i holds words i..i+4: neighbours share 4 of 6 words (Jaccard 2/3), texts two apart 3 of 7.
      const links = 30;
      const order = Array.from({ length: links }, (_, index) => (index * 7) % links);
      const chain = order.map((start) => Array.from({ length: 5 }, (_, offset) => `w${start + offset}`).join(' '));
      const found = await nearDuplicates(engine, await texts(chain), { column: 'text', shingle: 'word', size: 1, threshold: 0.6, limit: Infinity });
      // A row counts as a later duplicate when a neighbour in the chain came before it.
      const rowOf = new Map(order.map((start, index) => [start, index + 1]));
      const later = order.filter((start, index) => [start - 1, start + 1].some((neighbour) => (rowOf.get(neighbour) ?? Infinity) < index + 1)).length;
      expect(later).toBeLessThan(links - 1);
      expect(found).toMatchObject({ similarPairs: links - 1, clusters: 1, rowsInClusters: links, laterDuplicates: later });
      expect(found.clusterList[0]).toMatchObject({ cluster: 1, size: links, texts: links });
      expect(found.pairs.every((pair) => pair.jaccard === 2 / 3)).toBe(true);
    });

    it('stops with an input error, rather than verify for hours, when LSH would propose more than maxCandidates pairs', async () => {
      const boilerplate = Array.from({ length: 40 }, (_, index) => `Terms and conditions apply to every order placed through this shop, see clause ${index}.`);
      const table = await texts(boilerplate);
      const search = nearDuplicates(engine, table, { column: 'text', maxCandidates: 100 });
      await expect(search).rejects.toThrow(WinnowError);
      await expect(search).rejects.toThrow(/^near-duplicates: LSH would verify more than 100 pairs of texts; .* Pairs: \d+$/);
      expect((await nearDuplicates(engine, table, { column: 'text' })).similarPairs).toBeGreaterThan(100);
    });

    it('exact duplicate keys ignore rows whose key is all NULL; whole rows treat NULL as equal', async () => {
      const table = await texts(['a', 'a', null, null, 'b']);
      expect(await duplicateGroups(engine, table)).toMatchObject({ rows: 5, groups: 2, rowsInGroups: 4, duplicateRows: 2 });
      expect(await duplicateGroups(engine, table, { columns: ['text'] })).toMatchObject({
        rows: 3,
        groups: 1,
        rowsInGroups: 2,
        duplicateRows: 1,
        examples: [{ values: { text: 'a' }, count: 2, rows: [1, 2] }],
      });
    });
  });
}
