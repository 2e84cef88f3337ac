/**
 * Duplicate statistics against pipelines/stats/reference/duplicates.json (written by
 * duplicates.py from the committed fixtures), on the native and the wasm engine, which must also
 * agree with each other exactly.
 *
 * For near-duplicates the reference holds the brute-force truth (the exact Jaccard similarity of
 * every pair of distinct texts) and the same seeded MinHash computed in Python: the SQL must
 * propose the same number of candidates, and find every pair at or above the threshold.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { engines, loadFixture, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { duplicateGroups, type DuplicateGroups } from './exact';
import type { MinHashOptions } from './minhash';
import { nearDuplicates, type NearDuplicates } from './near-duplicates';

const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}duplicates.json`, 'utf8')) as {
  limit: number;
  rowsPerGroup: number;
  rowsFixture: string;
  textsFixture: string;
  exact: { name: string; columns: string[] | null; expected: DuplicateGroups }[];
  near: { name: string; column: string; options: MinHashOptions; expected: Omit<NearDuplicates, 'column'> }[];
};

describe('duplicate statistics match the reference (duplicates.json) on both engines', () => {
  const opened: Engine[] = [];
  const rowsTables: string[] = [];
  const textsTables: string[] = [];

  beforeAll(async () => {
    for (const [, create] of engines) {
      const engine = await create();
      opened.push(engine);
      rowsTables.push(await loadFixture(engine, reference.rowsFixture, 'duplicate_rows'));
      textsTables.push(await loadFixture(engine, reference.textsFixture, 'duplicate_texts'));
    }
  });

  afterAll(async () => {
    await Promise.all(opened.map((engine) => engine.close()));
  });

  for (const testCase of reference.exact) {
    it(`exact groups: ${testCase.name}`, async () => {
      const results: DuplicateGroups[] = [];
      for (const [index, engine] of opened.entries()) {
        const options = { limit: reference.limit, rowsPerGroup: reference.rowsPerGroup, ...(testCase.columns ? { columns: testCase.columns } : {}) };
        const result = await duplicateGroups(engine, rowsTables[index]!, options);
        expect(result).toEqual(testCase.expected);
        results.push(result);
      }
      expect(results[1]).toEqual(results[0]);
    });
  }

  for (const testCase of reference.near) {
    it(`near-duplicates: ${testCase.name}`, async () => {
      const results: NearDuplicates[] = [];
      for (const [index, engine] of opened.entries()) {
        const result = await nearDuplicates(engine, textsTables[index]!, {
          column: testCase.column,
          ...testCase.options,
          limit: Infinity,
          rowsPerCluster: reference.rowsPerGroup,
        });
        expect(result).toEqual({ column: testCase.column, ...testCase.expected });
        results.push(result);
      }
      expect(results[1]).toEqual(results[0]);
    });
  }
});
