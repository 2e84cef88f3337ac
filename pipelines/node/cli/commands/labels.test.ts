/** `winnow labels` as a person uses it, on the reference fixtures: the numbers of labels.json, in text and JSON. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../../../testing/reference-fixtures';
import type { LabelsReport } from './labels';
import { winnow } from '../../../../testing/cli-kit';

const fixture = (name: string) => join(REFERENCE_DIR, 'fixtures', name);
const reference = JSON.parse(readFileSync(join(REFERENCE_DIR, 'labels.json'), 'utf8')) as {
  cases: {
    name: string;
    expected: {
      agreement?: { kappa: { value: number }; krippendorffAlpha: { value: number } };
      balance?: { imbalanceRatio: number };
      conflicts?: { conflictingRows: number };
    };
  }[];
};
const expectedOf = (name: string) => reference.cases.find((testCase) => testCase.name === name)!.expected;

describe('winnow labels', () => {
  it('reports balance, conflicts and agreement of wide ratings as JSON, with the reference numbers', async () => {
    const { code, out } = await winnow(
      'labels',
      fixture('labels-movies.csv'),
      '--label',
      'genre',
      '--features',
      'mpaa,creative_type,source',
      '--annotators',
      'imdb,rotten_tomatoes',
      '--json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(out) as LabelsReport;
    const expected = expectedOf('movies');
    expect(report.dataset).toMatchObject({ rows: 3201, rejected: 0 });
    expect(report.balance).toMatchObject({ label: 'genre', imbalanceRatio: expected.balance!.imbalanceRatio });
    expect(report.conflicts).toMatchObject({ features: ['mpaa', 'creative_type', 'source'], conflictingRows: expected.conflicts!.conflictingRows });
    expect(report.agreement).toMatchObject({
      kappa: { method: 'cohen', value: expected.agreement!.kappa.value },
      krippendorffAlpha: { value: expected.agreement!.krippendorffAlpha.value },
    });
    expect(report.agreement!.lowestItems).toHaveLength(20);
  });

  it('prints long ratings as aligned tables', async () => {
    const { code, out } = await winnow('labels', fixture('labels-crowd.csv'), '--item', 'item', '--annotator', 'annotator', '--label', 'label', '--limit', '3');
    expect(code).toBe(0);
    const expected = expectedOf('crowd').agreement!;
    expect(out).toContain('Agreement of 7 annotators on 180 items, 573 ratings, 156 items rated at least twice');
    expect(out).toMatch(new RegExp(`Fleiss' kappa +${String(Number(expected.kappa.value.toPrecision(4))).replace('.', '\\.')} `));
    expect(out).toMatch(/Lowest agreement:\n +ITEM +RATINGS +AGREEMENT +LABELS\n +6 +2 +0 +dog ×1, fish ×1\n/);
    expect(out).toMatch(/Class balance of label: 4 classes over 573 labelled rows, 0 without a label/);
  });

  it('explains bad arguments with exit 2, naming the option', async () => {
    const unknown = await winnow('labels', fixture('labels-movies.csv'), '--label', 'genr');
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.err).toContain('field "--label": no column "genr" (did you mean "genre"?)');
    expect((await winnow('labels', fixture('labels-movies.csv'))).err).toContain('give --label');
    expect((await winnow('labels', fixture('labels-crowd.csv'), '--annotator', 'annotator', '--label', 'label')).err).toContain('field "--item"');
    expect((await winnow('labels', fixture('labels-movies.csv'), '--annotators', 'imdb')).err).toContain('at least two columns');
  });

  it('has help with an example', async () => {
    const { code, out } = await winnow('labels', '--help');
    expect(code).toBe(0);
    expect(out).toContain('Example:\n  winnow labels');
  });
});
