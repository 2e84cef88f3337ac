/** `winnow labels` as a person uses it, on the reference fixtures: the numbers of labels.json and label-values.json, in text and JSON. */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

  it('compares annotators by value: 1,2,1,2,1,2 against the 1.0,2.0,1.0,2.0,,2.0 pandas writes agree, as scikit-learn says', async () => {
    const values = JSON.parse(readFileSync(join(REFERENCE_DIR, 'label-values.json'), 'utf8')) as {
      annotators: { fixture: string; cohenKappa: number; items: number; krippendorffAlpha: number; pairableValues: number };
    };
    const { fixture: name, cohenKappa, items, krippendorffAlpha, pairableValues } = values.annotators;
    const json = await winnow('labels', fixture(name), '--annotators', 'a,b', '--json');
    expect(json).toMatchObject({ code: 0, err: '' });
    const report = JSON.parse(json.out) as LabelsReport;
    expect(report.agreement).toMatchObject({
      kappa: { method: 'cohen', value: cohenKappa },
      cohen: { items },
      krippendorffAlpha: { value: krippendorffAlpha, pairableValues },
    });
    expect(report.agreement!.perClass.map((entry) => entry.label)).toEqual(['1', '2']);
    const text = await winnow('labels', fixture(name), '--annotators', 'a,b');
    expect(text.out).toMatch(/Cohen's kappa +1 +5 items rated by both\n/);
    expect(text.out).toMatch(/Krippendorff's alpha +1 +10 pairable ratings/);
    expect(text.out).not.toContain('1.0');
  });

  it('stops with exit 2 and one line naming the columns and values when annotators cannot be compared', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'winnow-labels-'));
    try {
      const write = async (name: string, lines: string[]) => {
        await writeFile(join(folder, name), lines.join('\n') + '\n');
        return join(folder, name);
      };
      const text = await write('text.csv', ['a,b', '1,cat', '2,dog']);
      expect(await winnow('labels', text, '--annotators', 'a,b')).toEqual({
        code: 2,
        out: '',
        err: `${text}, field "--annotators": labels compare by value and "a" is BIGINT ("1") while "b" is VARCHAR ("cat"): text equals only text; cast one column to the other's type\n`,
      });
      const fraction = await write('fraction.csv', ['a,b', '1,1.0', '0,0.5']);
      expect(await winnow('labels', fraction, '--annotators', 'a,b')).toEqual({
        code: 2,
        out: '',
        err: `${fraction}, field "--annotators": labels compare by value and "b" holds 0.5, which no integer of "a" equals; cast one column to the other's type\n`,
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('has help with an example', async () => {
    const { code, out } = await winnow('labels', '--help');
    expect(code).toBe(0);
    expect(out).toContain('Example:\n  winnow labels');
  });
});
