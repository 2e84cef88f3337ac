/** `winnow drift` as a person uses it, on the Seattle weather fixture (2012 against 2015). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reference } from '../../../../testing/drift-fixtures';
import type { ColumnDrift } from '../../../stats/drift/types';
import { formatDrift, type DriftReport } from './drift';
import { winnow } from '../../../../testing/cli-kit';

const fixtures = fileURLToPath(new URL('../../../stats/reference/fixtures/drift-seattle', import.meta.url));
const baseline = join(fixtures, 'baseline.csv');
const current = join(fixtures, 'current.csv');

describe('winnow drift', () => {
  it('prints the JSON the issue names, with SciPy’s numbers, and exits 1 on dataset drift', async () => {
    const { code, out } = await winnow('drift', baseline, current, '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as DriftReport;
    expect(report).toMatchObject({ drifted: true, driftShare: 0.6, maxShare: 0.5, skipped: [], baseline: { rows: 366, rejected: 0 }, current: { rows: 365 } });
    const byName = Object.fromEntries(report.columns.map((column) => [column.column, column]));
    const expected = reference.fixtures['drift-seattle']!.columns;
    expect(Object.keys(byName)).toEqual(Object.keys(expected));
    expect(byName.temp_max!.metrics.ks!.pValue).toBeCloseTo(expected.temp_max!.ks!.pValue, 12);
    expect(byName.weather!.metrics.chi2!.statistic).toBeCloseTo(expected.weather!.chi2!.statistic, 9);
    expect(Object.keys(byName.wind!)).toEqual([
      'column',
      'type',
      'method',
      'statistic',
      'pValue',
      'threshold',
      'drifted',
      'score',
      'baselineCount',
      'currentCount',
      'metrics',
    ]);
    expect(Object.keys(byName.wind!.metrics)).toEqual(['ks', 'psi', 'js', 'wasserstein', 'wassersteinNormalized']);
    expect(Object.keys(byName.weather!.metrics)).toEqual(['chi2', 'psi', 'js', 'linf']);
  });

  it('prints an aligned table, most drifted first, and compares only --columns', async () => {
    const { code, out } = await winnow('drift', baseline, current, '--columns', 'wind,temp_max');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[3]).toMatch(/^COLUMN +TYPE +METHOD +STATISTIC +P-VALUE +DRIFTS WHEN +SCORE +N \(BASE\/CUR\) +DRIFTED$/);
    expect(lines[4]).toMatch(/^temp_max +numeric +ks +0\.1525 +3\.16e-4 +p < 0\.05 +2\.691 +366\/365 +yes$/);
    expect(lines[5]).toMatch(/^wind +numeric +ks +0\.0762 +0\.2175 +p < 0\.05 +0\.5093 +366\/365 +no$/);
    expect(lines[4]!.indexOf('numeric')).toBe(lines[5]!.indexOf('numeric'));
    expect(lines.at(-1)).toBe('1 of 2 columns drifted (50%), at most 50%: no dataset drift.');
  });

  it('explains bad arguments with exit 2', async () => {
    const unknown = await winnow('drift', baseline, current, '--columns', 'wind,rain');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('field "--columns": no column "rain" in the baseline or the current data');
    expect((await winnow('drift', baseline, current, '--max-share', '2')).code).toBe(2);
    expect((await winnow('drift', baseline, join(fixtures, 'missing.csv'))).code).toBe(2);
  });

  it('has help with an example', async () => {
    const { code, out } = await winnow('drift', '--help');
    expect(code).toBe(0);
    expect(out).toContain('Example:\n  winnow drift');
  });
});

describe('the drift table', () => {
  const column = (name: string, extra: Partial<ColumnDrift>): ColumnDrift => ({
    column: name,
    type: 'numeric',
    method: 'wasserstein',
    statistic: 0.05,
    pValue: null,
    threshold: 0.1,
    drifted: false,
    score: 0.5,
    baselineCount: 10,
    currentCount: 12,
    metrics: {},
    ...extra,
  });
  const side = { uri: 'a.csv', rows: 10, rejected: 0 };

  it('says what was read, lists skipped columns and the verdict', () => {
    const text = formatDrift({
      drifted: true,
      driftShare: 2 / 3,
      maxShare: 0.5,
      columns: [
        column('calm', {}),
        column('gone', { statistic: null, score: null, drifted: true, currentCount: 0, note: 'no values in the current data' }),
        column('label', { type: 'categorical', method: 'chi2', statistic: 12.5, pValue: 1e-9, threshold: 0.05, drifted: true, score: 6.9 }),
      ],
      skipped: [{ column: 'tags', reason: 'drift does not compare VARCHAR[] columns' }],
      baseline: side,
      current: { uri: 'b.csv', rows: 12, rejected: 2 },
    });
    expect(text.split('\n')).toEqual([
      'baseline a.csv (10 rows)',
      'current  b.csv (12 rows; 2 unreadable rows not compared)',
      '',
      'COLUMN  TYPE         METHOD       STATISTIC  P-VALUE  DRIFTS WHEN  SCORE  N (BASE/CUR)  DRIFTED',
      'gone    numeric      wasserstein  –                   > 0.1        –      10/0          yes (no values in the current data)',
      'label   categorical  chi2         12.5       1.00e-9  p < 0.05     6.9    10/12         yes',
      'calm    numeric      wasserstein  0.05                > 0.1        0.5    10/12         no',
      '',
      '2 of 3 columns drifted (66.67%), more than 50%: the dataset drifted.',
      'compared 3 of 4 columns; skipped 1:',
      'skipped tags: drift does not compare VARCHAR[] columns',
    ]);
  });
});
