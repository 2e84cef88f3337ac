/**
 * The duplicate checks in a pipeline (runOnRows) on both engines: `near_duplicates` flags exactly
 * the rows nearDuplicates() counts (and duplicates.json holds), `on_fail: reject` leaves no
 * near-duplicate behind, and the existing `duplicates` and `unique` checks count what
 * duplicateGroups() reports for whole rows and for keys.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import type { PipelineResult } from '../../run/execute';
import { runOnRows } from '../../../testing/rows-kit';
import type { StepSpec } from '../../spec/types';
import type { Column } from '../../table/column';
import { engines, loadFixture, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { duplicateGroups } from './exact';
import { nearDuplicates } from './near-duplicates';

interface Reference {
  rowsFixture: string;
  textsFixture: string;
  exact: { name: string; expected: { rows: number; rowsInGroups: number; duplicateRows: number } }[];
  near: { name: string; expected: { documents: number; laterDuplicates: number; clusters: number } }[];
}
const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}duplicates.json`, 'utf8')) as Reference;
const exactCase = (name: string) => reference.exact.find((testCase) => testCase.name === name)!.expected;
const nearCase = (name: string) => reference.near.find((testCase) => testCase.name === name)!.expected;

function step(result: PipelineResult, id: string) {
  const found = result.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

for (const [label, create] of engines) {
  describe(`duplicate checks in a pipeline on ${label}`, () => {
    let engine: Engine;
    const fixtures = new Map<string, { columns: Column[]; rows: unknown[][] }>();

    async function fixture(file: string): Promise<{ columns: Column[]; rows: unknown[][] }> {
      if (!fixtures.has(file)) {
        const table = await loadFixture(engine, file, 'check_fixture');
        const rows = await engine.query(`SELECT * EXCLUDE (__winnow_row) FROM ${table} ORDER BY __winnow_row`);
        fixtures.set(file, { columns: Object.keys(rows[0]!).map((name) => ({ name, type: 'VARCHAR' })), rows: rows.map((row) => Object.values(row)) });
      }
      return fixtures.get(file)!;
    }

    async function run(file: string, steps: StepSpec[], seed = 0): Promise<PipelineResult> {
      const { columns, rows } = await fixture(file);
      return runOnRows(engine, { seed, steps, outputs: [] }, columns, rows);
    }

    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });

    it('near_duplicates flags every row with an earlier near-duplicate; mostly sets the fraction allowed', async () => {
      const defaults = nearCase('defaults: char 5-grams, 0.8');
      const loose = nearCase('char 5-grams, 0.5');
      const result = await run(reference.textsFixture, [
        { id: 'strict', check: 'near_duplicates', column: 'text', on_fail: 'warn' },
        { id: 'loose', check: 'near_duplicates', column: 'text', threshold: 0.5, on_fail: 'warn' },
        { id: 'mostly', check: 'near_duplicates', column: 'text', mostly: 0.85 },
      ]);
      expect(step(result, 'strict')).toMatchObject({ status: 'warned', elementCount: defaults.documents, unexpectedCount: defaults.laterDuplicates });
      expect(step(result, 'loose')).toMatchObject({ elementCount: loose.documents, unexpectedCount: loose.laterDuplicates });
      // 74 of 741 is 10%: at most 15% allowed.
      expect(step(result, 'mostly')).toMatchObject({ success: true, status: 'passed' });
      const example = step(result, 'strict').examples[0]!;
      expect(typeof example.value).toBe('string');
    });

    it('near_duplicates with on_fail: reject keeps the first row of each cluster and no near-duplicate pair', async () => {
      const defaults = nearCase('defaults: char 5-grams, 0.8');
      const result = await run(reference.textsFixture, [{ id: 'dedupe', check: 'near_duplicates', column: 'text', on_fail: 'reject' }]);
      const { rows } = await fixture(reference.textsFixture);
      expect(step(result, 'dedupe')).toMatchObject({ status: 'rejected', rejected: defaults.laterDuplicates });
      expect(result.rowCounts).toMatchObject({ read: rows.length, kept: rows.length - defaults.laterDuplicates, rejected: defaults.laterDuplicates });
      const after = await nearDuplicates(engine, result.finalTable, { column: 'text' });
      expect(after).toMatchObject({ similarPairs: 0, laterDuplicates: 0, clusters: 0, distinctTexts: defaults.documents - defaults.laterDuplicates });
    });

    it("near_duplicates hashes with the spec's seed: another seed proposes other candidates, verifies the same pairs", async () => {
      const table = await loadFixture(engine, reference.textsFixture, 'seeded_texts');
      const [zero, seven] = [
        await nearDuplicates(engine, table, { column: 'text', seed: 0 }),
        await nearDuplicates(engine, table, { column: 'text', seed: 7 }),
      ];
      expect(seven.candidatePairs).not.toBe(zero.candidatePairs);
      expect(seven.pairs).toEqual(zero.pairs);
      const result = await run(reference.textsFixture, [{ id: 'near', check: 'near_duplicates', column: 'text', on_fail: 'warn' }], 7);
      expect(step(result, 'near').unexpectedCount).toBe(seven.laterDuplicates);
    });

    it('duplicates and unique count what duplicateGroups reports for whole rows and for keys', async () => {
      const wholeRows = exactCase('whole rows');
      const title = exactCase('title');
      const pair = exactCase('genre and rating');
      const result = await run(reference.rowsFixture, [
        { id: 'rows', check: 'duplicates', on_fail: 'warn' },
        { id: 'title', check: 'unique', column: 'title', on_fail: 'warn' },
        { id: 'pair', check: 'unique', columns: ['genre', 'mpaa'], on_fail: 'warn' },
      ]);
      expect(step(result, 'rows')).toMatchObject({ elementCount: wholeRows.rows, unexpectedCount: wholeRows.duplicateRows });
      expect(step(result, 'title')).toMatchObject({ elementCount: title.rows, unexpectedCount: title.rowsInGroups });
      expect(step(result, 'pair')).toMatchObject({ elementCount: pair.rows, unexpectedCount: pair.rowsInGroups });

      const rejected = await run(reference.rowsFixture, [{ id: 'rows', check: 'duplicates', on_fail: 'reject' }]);
      expect(await duplicateGroups(engine, rejected.finalTable)).toMatchObject({ groups: 0, rows: wholeRows.rows - wholeRows.duplicateRows });
    });

    it('near_duplicates: the spec rejects bands that do not divide hashes, naming the field', async () => {
      await expect(run(reference.textsFixture, [{ id: 'bad', check: 'near_duplicates', column: 'text', hashes: 100, bands: 30 }])).rejects.toThrow(
        /field "bands".*must divide hashes/,
      );
    });
  });
}
