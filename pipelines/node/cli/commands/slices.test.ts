/**
 * `winnow slices` as a person uses it, on the penguins fixture (a body-mass "model" of sex) and on
 * the sites fixture (a site drawn at random, so any flag it gets is false).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closeTo, REFERENCE_DIR } from '../../../../testing/reference-fixtures';
import type { Estimate, MetricName, SliceTest } from '../../../stats/slices/types';
import type { SlicesOutput } from './slices';
import { winnow } from '../../../../testing/cli-kit';

const penguins = fileURLToPath(new URL('../../../stats/reference/fixtures/slices-penguins.csv', import.meta.url));
const sites = fileURLToPath(new URL('../../../stats/reference/fixtures/slices-sites.csv', import.meta.url));
const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}slices.json`, 'utf8')) as {
  cases: {
    name: string;
    report: {
      overall: { metrics: Partial<Record<MetricName, Estimate>> };
      slices: { rows: number; metrics: Partial<Record<MetricName, Estimate>>; tests: Record<string, SliceTest>; worse: string[] }[];
    };
  }[];
};
const bySpecies = reference.cases.find((item) => item.name === 'penguins-sex-by-species')!.report;
const model = ['--label', 'sex', '--prediction', 'sex_pred', '--score', 'sex_score', '--positive', 'MALE'];

describe('winnow slices', () => {
  it('prints JSON with scikit-learn’s and scipy’s numbers, bootstrap intervals included', async () => {
    const { code, out } = await winnow('slices', penguins, '--by', 'species', ...model, '--json');
    expect(code).toBe(0);
    const output = JSON.parse(out) as SlicesOutput;
    expect(output).toMatchObject({ uri: penguins, rejected: 0, rows: 344, by: ['species'], task: 'binary', positive: 'MALE', average: 'binary' });
    expect(output.slices.map((slice) => slice.name)).toEqual(['species=Adelie', 'species=Chinstrap', 'species=Gentoo']);
    const pairs: [Record<string, Estimate | undefined>, Record<string, Estimate | undefined>][] = [
      [output.overall.metrics!, bySpecies.overall.metrics],
      ...output.slices.map((slice, index): [Record<string, Estimate | undefined>, Record<string, Estimate | undefined>] => [
        slice.metrics!,
        bySpecies.slices[index]!.metrics,
      ]),
    ];
    for (const [actual, expected] of pairs) {
      for (const name of ['accuracy', 'precision', 'recall', 'f1', 'ece'] as const) {
        for (const bound of ['value', 'lower', 'upper'] as const) {
          const [mine, theirs] = [actual[name]![bound], expected[name]![bound]];
          expect(closeTo(mine, theirs), `${name} ${bound}: ${mine} vs ${theirs}`).toBe(true);
        }
      }
    }
    expect(output.slices.map((slice) => slice.worse)).toEqual(bySpecies.slices.map((slice) => slice.worse));
    expect(output.familySize).toBe(12);
    output.slices.forEach((slice, index) => {
      const expected = bySpecies.slices[index]!.tests;
      expect(Object.keys(slice.tests).sort()).toEqual(Object.keys(expected).sort());
      for (const [name, test] of Object.entries(expected)) {
        const mine = slice.tests[name as keyof typeof slice.tests]!;
        expect(mine.flagged).toBe(test.flagged);
        expect(closeTo(mine.pValue, test.pValue) && closeTo(mine.adjustedPValue, test.adjustedPValue), `${slice.name} ${name}`).toBe(true);
      }
    });
  });

  it('prints an aligned table, the whole table first, flagged values marked and listed', async () => {
    const { code, out } = await winnow('slices', penguins, '--by', 'species', ...model, '--bootstrap', '50');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(`${penguins}: 344 rows by species; label sex, prediction sex_pred, score sex_score, positive MALE`);
    expect(lines[1]).toBe('precision, recall and F1 of MALE; 95% intervals: Wilson for proportions, bootstrap (50 replicates, seed 0) otherwise');
    expect(lines[3]).toMatch(/^SLICE +ROWS +SHARE +POSITIVE RATE +ACCURACY +PRECISION +RECALL +F1 +ECE +MOST NULLS$/);
    expect(lines[4]).toMatch(/^all +344 +100% +0\.503 \[0\.450, 0\.556\] +0\.662 \[0\.609, 0\.710\] /);
    expect(lines[7]).toMatch(/^species=Gentoo +124 +36\.0% .* 0\.517 \[0\.428, 0\.604\] ! +0\.513 \[0\.424, 0\.601\] ! +1\.000 \[0\.941, 1\.000\] +/);
    for (const column of ['ROWS', 'ACCURACY', 'MOST NULLS']) {
      const at = lines[3]!.indexOf(column);
      expect(lines.slice(4, 8).every((line) => line[at - 1] === ' ')).toBe(true);
    }
    const tests = lines.findIndex((line) => line.startsWith('Each slice of at least 30 rows against the rest of the rows:'));
    expect(lines[tests]).toBe(
      'Each slice of at least 30 rows against the rest of the rows: Fisher’s exact test for accuracy, precision and recall, bootstrap z test for f1; Holm over 12 tests; flagged (!) at adjusted p ≤ 0.05. ECE is not tested.',
    );
    expect(lines[tests + 1]).toMatch(/^ {2}SLICE +TESTED +VALUE +REST +TEST +P +ADJUSTED P$/);
    // Most significant first: raw and adjusted p side by side.
    expect(lines[tests + 2]).toMatch(/^ {2}species=Gentoo +precision +0\.513 +0\.981 +Fisher’s exact test +2\.5e-11 +2\.9e-10 +!$/);
    expect(lines.slice(tests + 2, tests + 6).map((line) => line.trim().split(/ {2,}/)[0])).toEqual([
      'species=Gentoo',
      'species=Gentoo',
      'species=Adelie',
      'species=Chinstrap',
    ]);
    expect(lines.at(-1)).toBe('  (the other 8 tests: p > 0.05; --json lists every test)');
  });

  it('does not flag a site drawn at random after Holm, shows its raw and adjusted p, and flags it without a correction', async () => {
    const holm = await winnow('slices', sites, '--by', 'site', '--label', 'label', '--prediction', 'pred', '--tests', 'recall');
    expect(holm.code).toBe(0);
    expect(holm.out).toMatch(/Holm over 4 tests; flagged \(!\) at adjusted p ≤ 0\.05/);
    expect(holm.out).toMatch(/\n {2}site=site-C +recall +0\.706 +0\.887 +Fisher’s exact test +0\.020 +0\.081\n/);
    const none = await winnow('slices', sites, '--by', 'site', '--label', 'label', '--prediction', 'pred', '--tests', 'recall', '--correction', 'none');
    expect(none.out).toMatch(/no correction; flagged/);
    expect(none.out).toMatch(/\n {2}site=site-C +recall +0\.706 +0\.887 +Fisher’s exact test +0\.020 +0\.020 +!\n/);
    const loose = await winnow(
      'slices',
      sites,
      '--by',
      'site',
      '--label',
      'label',
      '--prediction',
      'pred',
      '--tests',
      'recall',
      '--correction',
      'bh',
      '--alpha',
      '0.1',
      '--json',
    );
    const output = JSON.parse(loose.out) as SlicesOutput;
    expect(output.settings).toMatchObject({ correction: 'bh', alpha: 0.1, tests: ['recall'] });
    expect(output.slices.find((slice) => slice.name === 'site=site-C')!.tests.recall).toMatchObject({ flagged: true });
  });

  it('tests the positive rate when asked, two-sided', async () => {
    const { code, out } = await winnow(
      'slices',
      penguins,
      '--by',
      'island',
      '--label',
      'sex',
      '--positive',
      'MALE',
      '--tests',
      'positive_rate',
      '--bootstrap',
      '0',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/Fisher’s exact test for positive_rate \(two-sided for the positive rate\); Holm over 3 tests/);
  });

  it('reports rows, shares and null rates alone when no label is named', async () => {
    const { code, out } = await winnow('slices', penguins, '--by', 'island,sex');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[2]).toMatch(/^SLICE +ROWS +SHARE +MOST NULLS$/);
    expect(lines).toContainEqual(expect.stringMatching(/^island=Biscoe, sex=FEMALE +80 +23\.3% +–$/));
  });

  it('compares a true/false label with a 0/1 prediction by value: scikit-learn’s accuracy 0.679, overall and per slice', async () => {
    const values = JSON.parse(readFileSync(`${REFERENCE_DIR}label-values.json`, 'utf8')) as {
      slices: { fixture: string; overall: Record<'rows' | MetricName, number>; groups: Record<string, Record<'rows' | MetricName, number>> };
    };
    const { fixture, overall, groups } = values.slices;
    const file = `${REFERENCE_DIR}fixtures/${fixture}`;
    const { code, out, err } = await winnow('slices', file, '--by', 'g', '--label', 'yb', '--prediction', 'p', '--json');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const report = JSON.parse(out) as SlicesOutput;
    expect(report.classes).toEqual(['0', '1']);
    const expected = [['all', overall], ...Object.entries(groups).map(([name, metrics]) => [`g=${name}`, metrics] as const)] as const;
    for (const [name, metrics] of expected) {
      const slice = [report.overall, ...report.slices].find((candidate) => candidate.name === name)!;
      expect(slice.rows, name).toBe(metrics.rows);
      for (const metric of ['accuracy', 'precision', 'recall', 'f1'] as const)
        expect(closeTo(slice.metrics?.[metric]?.value ?? null, metrics[metric]), `${name} ${metric}`).toBe(true);
    }
    const text = await winnow('slices', file, '--by', 'g', '--label', 'yb', '--prediction', 'p');
    expect(text.out).toMatch(/\nall +28 +100% +[0-9.]+ \[[0-9., ]+\] +0\.679 /);
  });

  it('stops with exit 2 and one line naming the columns and the value when label and prediction cannot be compared', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'winnow-slices-'));
    try {
      const file = join(folder, 'eval.csv');
      await writeFile(file, ['g,yb,p', 'x,true,1', 'x,false,2', 'y,true,0'].join('\n') + '\n');
      expect(await winnow('slices', file, '--by', 'g', '--label', 'yb', '--prediction', 'p')).toEqual({
        code: 2,
        out: '',
        err: `${file}, field "--prediction": labels compare by value and "p" holds 2 where the boolean "yb" can only equal 0 or 1; cast one column to the other's type\n`,
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('shows its options and an example in --help', async () => {
    const { out } = await winnow('slices', '--help');
    expect(out).toMatch(/--by <columns>/);
    expect(out).toMatch(/--prediction <column>/);
    expect(out).toMatch(/--correction <method>/);
    expect(out).toMatch(/--alpha <p>/);
    expect(out).toMatch(/Example:\n {2}winnow slices /);
  });

  it('explains bad arguments with exit 2, naming the flag', async () => {
    const three = await winnow('slices', penguins, '--by', 'island,sex,species');
    expect(three).toMatchObject({ code: 2, err: expect.stringMatching(/--by: give one column or two/) });
    const unknown = await winnow('slices', penguins, '--by', 'specie');
    expect(unknown).toMatchObject({ code: 2, err: expect.stringMatching(/field "--by": no column "specie"/) });
    const interval = await winnow('slices', penguins, '--by', 'species', '--interval', 'normal');
    expect(interval).toMatchObject({ code: 2, err: expect.stringMatching(/--interval: "normal" is neither wilson nor bootstrap/) });
    const positive = await winnow('slices', penguins, '--by', 'species', '--positive', 'MALE');
    expect(positive).toMatchObject({ code: 2, err: expect.stringMatching(/field "--positive": a positive class needs a label column/) });
    expect(await winnow('slices', penguins, '--by', 'species', '--correction', 'bonferroni')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--correction: "bonferroni" is none of holm, bh, none/),
    });
    expect(await winnow('slices', penguins, '--by', 'species', '--alpha', '5%')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--alpha: "5%" is not a number between 0 and 1/),
    });
    expect(await winnow('slices', penguins, '--by', 'species', '--tests', 'ece')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--tests: "ece" is none of accuracy, precision, recall, f1, positive_rate/),
    });
  });
});
