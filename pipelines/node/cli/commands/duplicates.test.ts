/** `winnow duplicates` as a person uses it, on the reference fixtures: the numbers of duplicates.json, in text and JSON. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateGroups } from '../../../stats/duplicates/exact';
import type { NearDuplicates } from '../../../stats/duplicates/near-duplicates';
import { REFERENCE_DIR } from '../../../../testing/reference-fixtures';
import type { DuplicatesReport } from './duplicates';
import { winnow } from '../../../../testing/cli-kit';

const fixture = (name: string) => join(REFERENCE_DIR, 'fixtures', name);
const reference = JSON.parse(readFileSync(join(REFERENCE_DIR, 'duplicates.json'), 'utf8')) as {
  exact: { name: string; expected: DuplicateGroups }[];
  near: { name: string; expected: Omit<NearDuplicates, 'column'> }[];
};

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-duplicates-'));
  // The fixture without its row column, so whole rows can repeat.
  const lines = readFileSync(fixture('duplicates-rows.csv'), 'utf8').trimEnd().split('\n');
  await writeFile(join(folder, 'movies.csv'), lines.map((line) => line.slice(line.indexOf(',') + 1)).join('\n') + '\n');
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('winnow duplicates', () => {
  it('reports whole-row duplicate groups as JSON, as the reference', async () => {
    const { code, out } = await winnow('duplicates', join(folder, 'movies.csv'), '--limit', '10', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as DuplicatesReport;
    const expected = reference.exact.find((testCase) => testCase.name === 'whole rows')!.expected;
    expect(report.exact).toMatchObject({
      rows: expected.rows,
      groups: expected.groups,
      rowsInGroups: expected.rowsInGroups,
      duplicateRows: expected.duplicateRows,
    });
    expect(report.exact.examples.map((group) => group.rows)).toEqual(expected.examples.map((group) => group.rows));
    expect(report.near).toBeUndefined();
  });

  it('finds near-duplicate clusters with --text, as the reference, and prints them aligned', async () => {
    const json = await winnow('duplicates', fixture('duplicates-texts.csv'), '--columns', 'text', '--text', 'text', '--limit', '1000', '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as DuplicatesReport;
    const expected = reference.near.find((testCase) => testCase.name === 'defaults: char 5-grams, 0.8')!.expected;
    expect(report.near).toEqual({ column: 'text', ...expected });

    const text = await winnow('duplicates', fixture('duplicates-texts.csv'), '--text', 'text', '--threshold', '0.5', '--limit', '2');
    expect(text.code).toBe(0);
    expect(text.out).toContain('Near-duplicates of text (char 5-grams, Jaccard >= 0.5; MinHash 128 hashes in 64 bands, seed 0):');
    expect(text.out).toMatch(/\n +CLUSTER +ROWS +TEXTS +ROW NUMBERS +FIRST TEXT\n/);
  });

  it('explains bad arguments with exit 2, naming the option', async () => {
    expect((await winnow('duplicates', fixture('duplicates-texts.csv'), '--text', 'txt')).err).toContain(
      'field "--text": no column "txt" (did you mean "text"?)',
    );
    expect((await winnow('duplicates', fixture('duplicates-texts.csv'), '--text', 'text', '--threshold', '0')).code).toBe(2);
    const bands = await winnow('duplicates', fixture('duplicates-texts.csv'), '--text', 'text', '--hashes', '100', '--bands', '30');
    expect(bands).toMatchObject({ code: 2 });
    expect(bands.err).toContain('field "--bands": bands (30) must divide hashes (100)');
  });

  it('has help with an example', async () => {
    const { code, out } = await winnow('duplicates', '--help');
    expect(code).toBe(0);
    expect(out).toContain('Example:\n  winnow duplicates');
  });
});
