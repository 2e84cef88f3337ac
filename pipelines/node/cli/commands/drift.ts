import { WinnowError } from '../../../errors';
import { byDriftScore, DEFAULT_MAX_SHARE, detectDrift, isTestMethod, nothingCompared, UnknownColumnError } from '../../../stats/drift/drift';
import type { ColumnDrift, DatasetDrift } from '../../../stats/drift/types';
import { NativeEngine } from '../../engine/native-engine';
import { openDataset, type OpenedDataset } from '../../sources/open-dataset';
import { alignTable, formatNumber } from '../format';
import { columnList } from '../options';
import type { RegisterCommand } from './command';

/** What was read on each side, for the report. */
interface Side {
  uri: string;
  rows: number;
  rejected: number;
}

export interface DriftReport extends DatasetDrift {
  baseline: Side;
  current: Side;
}

function parseShare(value: string): number {
  const share = Number(value);
  if (!(share >= 0 && share <= 1)) throw new WinnowError(`--max-share: "${value}" is not a share between 0 and 1`, { field: '--max-share' }, 'spec');
  return share;
}

function formatRule(column: ColumnDrift): string {
  return isTestMethod(column.method) ? `p < ${formatNumber(column.threshold)}` : `> ${formatNumber(column.threshold)}`;
}

function describeSide(label: string, side: Side): string {
  const rejected = side.rejected ? `; ${side.rejected} unreadable rows not compared` : '';
  return `${label} ${side.uri} (${side.rows} rows${rejected})`;
}

/** The human report: one line per column, most drifted first, then the verdict. */
export function formatDrift(report: DriftReport): string {
  const header = ['COLUMN', 'TYPE', 'METHOD', 'STATISTIC', 'P-VALUE', 'DRIFTS WHEN', 'SCORE', 'N (BASE/CUR)', 'DRIFTED'];
  const rows = byDriftScore(report.columns).map((column) => [
    column.column,
    column.type,
    column.method,
    formatNumber(column.statistic),
    isTestMethod(column.method) ? formatNumber(column.pValue) : '',
    formatRule(column),
    formatNumber(column.score),
    `${column.baselineCount}/${column.currentCount}`,
    (column.drifted ? 'yes' : 'no') + (column.note ? ` (${column.note})` : ''),
  ]);
  const drifted = report.columns.filter((column) => column.drifted).length;
  const share = `${drifted} of ${report.columns.length} columns drifted (${formatNumber(report.driftShare * 100)}%)`;
  const verdict = report.drifted
    ? `${share}, more than ${formatNumber(report.maxShare * 100)}%: the dataset drifted.`
    : `${share}, at most ${formatNumber(report.maxShare * 100)}%: no dataset drift.`;
  return [
    describeSide('baseline', report.baseline),
    describeSide('current ', report.current),
    '',
    ...alignTable([header, ...rows]),
    '',
    verdict,
    ...(report.skipped.length
      ? [`compared ${report.columns.length} of ${report.columns.length + report.skipped.length} columns; skipped ${report.skipped.length}:`]
      : []),
    ...report.skipped.map((skipped) => `skipped ${skipped.column}: ${skipped.reason}`),
  ].join('\n');
}

function sideOf(dataset: OpenedDataset): Side {
  return { uri: dataset.uri, rows: dataset.read - dataset.rejected, rejected: dataset.rejected };
}

export const registerDrift: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('drift')
    .description('Compare a dataset with a baseline column by column; exit 1 if the dataset drifted.')
    .argument('<baseline>', 'the reference dataset: a file, folder, glob or http(s) URL')
    .argument('<current>', 'the dataset to compare with it')
    .option('--columns <names>', 'compare only these columns, comma-separated (default: all)', columnList('--columns', 'delay,distance'))
    .option('--max-share <share>', `the dataset drifted when more than this share of columns drifted (default ${DEFAULT_MAX_SHARE})`, parseShare)
    .option('--threads <n>', 'DuckDB threads (default: all cores)', (value) => Number.parseInt(value, 10))
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Numeric columns get KS (statistic, p-value), Wasserstein (raw and per baseline standard
deviation), PSI and Jensen-Shannon; categorical ones chi-square, PSI, Jensen-Shannon and L-inf.
One method decides each column: while the smaller sample has at most 1,000 values a test
(numeric: ks, categorical: chi2; drifted when p < 0.05), beyond that an effect size (normalised
wasserstein > 0.1, js > 0.1). Definitions and edge cases: docs/statistics.md.

Exit codes: 0 no dataset drift, 1 the dataset drifted, 2 bad arguments, unreadable input, or
nothing to compare (no column in both files, or none of a type drift compares, or none with values).

Example:
  winnow drift data/2012.csv data/2015.csv
  winnow drift last-month.parquet today.parquet --columns delay,distance --json`,
    )
    .action(async (baselineUri: string, currentUri: string, options: { columns?: string[]; maxShare?: number; threads?: number; json?: boolean }) => {
      const engine = await NativeEngine.create({ threads: options.threads });
      try {
        const baseline = await openDataset(engine, baselineUri, 'baseline');
        const current = await openDataset(engine, currentUri, 'current');
        const drift = await detectDrift(engine, baseline, current, { columns: options.columns, maxShare: options.maxShare }).catch((error: unknown) => {
          if (error instanceof UnknownColumnError) throw new WinnowError(error.message, { field: '--columns' }, 'spec');
          throw error;
        });
        const nothing = nothingCompared(drift);
        // A verdict over no compared column would be an all-clear about nothing.
        if (nothing !== null) throw new WinnowError(`nothing to compare between baseline ${baselineUri} and current ${currentUri}: ${nothing}`, {}, 'input');
        const report: DriftReport = { ...drift, baseline: sideOf(baseline), current: sideOf(current) };
        io.out(options.json ? JSON.stringify(report, null, 2) : formatDrift(report));
        setExit(drift.drifted ? 1 : 0);
      } finally {
        await engine.close();
      }
    });
};
