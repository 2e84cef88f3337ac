/** `winnow slices` as a person uses it, on the penguins fixture (a body-mass "model" of sex). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closeTo, REFERENCE_DIR } from '../../stats/reference/test-support';
import type { Estimate, MetricName } from '../../stats/slices/types';
import { main } from '../cli';
import type { SlicesOutput } from './slices';

const penguins = fileURLToPath(new URL('../../stats/reference/fixtures/slices-penguins.csv', import.meta.url));
const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}slices.json`, 'utf8')) as {
  cases: { name: string; report: { overall: { metrics: Partial<Record<MetricName, Estimate>> }; slices: { rows: number; metrics: Partial<Record<MetricName, Estimate>>; worse: string[] }[] } }[];
};
const bySpecies = reference.cases.find((item) => item.name === 'penguins-sex-by-species')!.report;
const model = ['--label', 'sex', '--prediction', 'sex_pred', '--score', 'sex_score', '--positive', 'MALE'];

async function winnow(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (text) => (out += text + '\n'), err: (text) => (err += text + '\n'), isTTY: false });
  return { code, out, err };
}

describe('winnow slices', () => {
  it('prints JSON with scikit-learn’s and scipy’s numbers, bootstrap intervals included', async () => {
    const { code, out } = await winnow('slices', penguins, '--by', 'species', ...model, '--json');
    expect(code).toBe(0);
    const output = JSON.parse(out) as SlicesOutput;
    expect(output).toMatchObject({ uri: penguins, rejected: 0, rows: 344, by: ['species'], task: 'binary', positive: 'MALE', average: 'binary' });
    expect(output.slices.map((slice) => slice.name)).toEqual(['species=Adelie', 'species=Chinstrap', 'species=Gentoo']);
    const pairs: [Record<string, Estimate | undefined>, Record<string, Estimate | undefined>][] = [
      [output.overall.metrics!, bySpecies.overall.metrics],
      ...output.slices.map((slice, index): [Record<string, Estimate | undefined>, Record<string, Estimate | undefined>] => [slice.metrics!, bySpecies.slices[index]!.metrics]),
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
    expect(lines.slice(-3)).toEqual([
      '  species=Adelie: recall',
      '  species=Chinstrap: recall',
      expect.stringMatching(/^ {2}species=Gentoo: accuracy, precision(, f1)?, ece$/),
    ]);
  });

  it('reports rows, shares and null rates alone when no label is named', async () => {
    const { code, out } = await winnow('slices', penguins, '--by', 'island,sex');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[2]).toMatch(/^SLICE +ROWS +SHARE +MOST NULLS$/);
    expect(lines).toContainEqual(expect.stringMatching(/^island=Biscoe, sex=FEMALE +80 +23\.3% +–$/));
  });

  it('shows its options and an example in --help', async () => {
    const { out } = await winnow('slices', '--help');
    expect(out).toMatch(/--by <columns>/);
    expect(out).toMatch(/--prediction <column>/);
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
  });
});
