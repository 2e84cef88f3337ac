import { WinnowError } from '../../../errors';
import { DEFAULT_SLICE_BINS } from '../../../stats/slices/binning';
import { DEFAULT_REPLICATES } from '../../../stats/slices/bootstrap';
import { DEFAULT_ECE_BINS } from '../../../stats/slices/calibration';
import { computeSlices, DEFAULT_ALPHA, DEFAULT_MIN_ROWS, SliceOptionError } from '../../../stats/slices/slices';
import {
  CORRECTION_NAMES,
  CORRECTIONS,
  METRIC_NAMES,
  TEST_NAMES,
  TESTED_METRICS,
  type Correction,
  type Estimate,
  type Slice,
  type SliceOptions,
  type SliceReport,
  type SliceTest,
  type TestedMetric,
} from '../../../stats/slices/types';
import { NativeEngine } from '../../engine/native-engine';
import { openDataset } from '../../sources/open-dataset';
import { alignTable } from '../format';
import type { RegisterCommand } from './command';

/** What was read, for the report. */
export interface SlicesOutput extends SliceReport {
  uri: string;
  /** Rows that could not be parsed: they are in no slice. */
  rejected: number;
}

/** The command-line flag of each option, for errors. */
const FLAGS: Record<keyof SliceOptions, string> = {
  by: '--by',
  label: '--label',
  prediction: '--prediction',
  score: '--score',
  positive: '--positive',
  bins: '--bins',
  minRows: '--min-rows',
  eceBins: '--ece-bins',
  bootstrap: '--bootstrap',
  seed: '--seed',
  interval: '--interval',
  tests: '--tests',
  correction: '--correction',
  alpha: '--alpha',
};

/** A tested statistic as the command line and the report name it. */
const TESTED_NAMES: Record<TestedMetric, string> = { accuracy: 'accuracy', precision: 'precision', recall: 'recall', f1: 'f1', positiveRate: 'positive_rate' };

function parseColumns(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length < 1 || names.length > 2)
    throw new WinnowError('--by: give one column or two separated by a comma, e.g. --by region,age', { field: '--by' }, 'spec');
  return names;
}

const integerFlag = (flag: string) => (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new WinnowError(`${flag}: "${value}" is not a whole number`, { field: flag }, 'spec');
  return parsed;
};

function parseInterval(value: string): 'wilson' | 'bootstrap' {
  if (value !== 'wilson' && value !== 'bootstrap')
    throw new WinnowError(`--interval: "${value}" is neither wilson nor bootstrap`, { field: '--interval' }, 'spec');
  return value;
}

function parseCorrection(value: string): Correction {
  if (!(CORRECTIONS as string[]).includes(value))
    throw new WinnowError(`--correction: "${value}" is none of holm, bh, none`, { field: '--correction' }, 'spec');
  return value as Correction;
}

function parseAlpha(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !(parsed > 0 && parsed < 1))
    throw new WinnowError(`--alpha: "${value}" is not a number between 0 and 1`, { field: '--alpha' }, 'spec');
  return parsed;
}

function parseTests(value: string): TestedMetric[] {
  return value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const tested = TESTED_METRICS.find((metric) => TESTED_NAMES[metric] === name);
      if (!tested)
        throw new WinnowError(`--tests: "${name}" is none of ${TESTED_METRICS.map((metric) => TESTED_NAMES[metric]).join(', ')}`, { field: '--tests' }, 'spec');
      return tested;
    });
}

/** Three decimals; a dash for no value. */
function formatValue(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

function formatShare(share: number): string {
  return share === 1 ? '100%' : `${(share * 100).toFixed(1)}%`;
}

/** Small p-values in exponent form, so 1e-12 and 1e-300 stay apart; others to two significant digits. */
function formatPValue(value: number): string {
  if (value === 0) return '< 1e-300';
  return value < 1e-3 ? value.toExponential(1) : value.toPrecision(2);
}

/** `0.812 [0.770, 0.848]`, and `!` when its test flags the slice. */
function formatEstimate(estimate: Estimate | undefined, flagged: boolean): string {
  if (!estimate) return '';
  const interval = estimate.lower === null || estimate.upper === null ? '' : ` [${formatValue(estimate.lower)}, ${formatValue(estimate.upper)}]`;
  return `${formatValue(estimate.value)}${interval}${flagged ? ' !' : ''}`;
}

/** The column with the most nulls in the slice: `4.2% sex`. */
function mostNulls(slice: Slice): string {
  let worst: [string, number] | null = null;
  for (const [column, rate] of Object.entries(slice.nullRates)) if (rate > 0 && (!worst || rate > worst[1])) worst = [column, rate];
  return worst ? `${formatShare(worst[1])} ${worst[0]}` : '–';
}

/** The most frequent label and its share: `Adelie 97.4%`. */
function topLabel(slice: Slice): string {
  const top = [...(slice.labels ?? [])].sort((a, b) => b.rows - a.rows)[0];
  return top ? `${top.value} ${formatShare(top.share)}` : '–';
}

function describeSetup(output: SlicesOutput): string[] {
  const { settings } = output;
  const named = [
    output.label && `label ${output.label}`,
    output.prediction && `prediction ${output.prediction}`,
    output.score && `score ${output.score}`,
    output.positive !== null && `positive ${output.positive}`,
  ].filter(Boolean);
  const rejected = output.rejected ? `; ${output.rejected} unreadable rows left out` : '';
  const lines = [`${output.uri}: ${output.rows} rows by ${output.by.join(' and ')}${named.length ? `; ${named.join(', ')}` : ''}${rejected}`];
  if (output.prediction || output.score) {
    const average =
      output.average === 'macro'
        ? 'precision, recall and F1 are macro averages over the classes; '
        : output.average === 'binary'
          ? `precision, recall and F1 of ${output.positive}; `
          : '';
    const bootstrap = settings.bootstrap > 0 ? `bootstrap (${settings.bootstrap} replicates, seed ${settings.seed})` : 'no bootstrap';
    const proportions = settings.interval === 'wilson' ? 'Wilson for proportions, ' : '';
    lines.push(`${average}95% intervals: ${proportions}${bootstrap} otherwise`);
  }
  return lines;
}

/** `Fisher’s exact test for accuracy and recall, bootstrap z test for f1`. */
function describeTests(output: SlicesOutput): string {
  const byTest = new Map<SliceTest['test'], TestedMetric[]>();
  for (const slice of output.slices) {
    for (const [metric, test] of Object.entries(slice.tests) as [TestedMetric, SliceTest][]) {
      const metrics = byTest.get(test.test) ?? [];
      if (!metrics.includes(metric)) byTest.set(test.test, [...metrics, metric]);
    }
  }
  const names = (metrics: TestedMetric[]) => {
    const sorted = TESTED_METRICS.filter((metric) => metrics.includes(metric)).map((metric) => TESTED_NAMES[metric]);
    return sorted.length > 1 ? `${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}` : sorted[0]!;
  };
  return [...byTest]
    .map(
      ([test, metrics]) =>
        `${TEST_NAMES[test]} for ${names(metrics)}${metrics.includes('positiveRate') && test === 'fisher-exact' ? ' (two-sided for the positive rate)' : ''}`,
    )
    .join(', ');
}

/** The tests whose own p-value is at most alpha, most significant first: raw and adjusted p, and whether the correction keeps the flag. */
function testLines(output: SlicesOutput): string[] {
  const { settings, familySize } = output;
  const correction =
    settings.correction === 'none' ? 'no correction' : `${CORRECTION_NAMES[settings.correction]} over ${familySize} test${familySize === 1 ? '' : 's'}`;
  const lines = [
    `Each slice of at least ${settings.minRows} rows against the rest of the rows: ${familySize ? describeTests(output) : 'no test'}; ${correction}; flagged (!) at adjusted p ≤ ${settings.alpha}.${output.score ? ' ECE is not tested.' : ''}`,
  ];
  if (familySize === 0) return lines;
  const candidates = output.slices
    .flatMap((slice) => (Object.entries(slice.tests) as [TestedMetric, SliceTest][]).map(([metric, test]) => ({ slice, metric, test })))
    .filter(({ test }) => test.pValue <= settings.alpha)
    .sort((a, b) => a.test.pValue - b.test.pValue);
  if (candidates.length === 0) return [...lines, `  no test has p ≤ ${settings.alpha}`];
  const valueOf = (slice: Slice, metric: TestedMetric) => (metric === 'positiveRate' ? slice.positiveRate : slice.metrics?.[metric])?.value ?? null;
  const rows = [
    ['SLICE', 'TESTED', 'VALUE', 'REST', 'TEST', 'P', 'ADJUSTED P', ''],
    ...candidates.map(({ slice, metric, test }) => [
      slice.name,
      TESTED_NAMES[metric],
      formatValue(valueOf(slice, metric)),
      formatValue(test.rest),
      `${TEST_NAMES[test.test]}${test.alternative === 'different' ? ' (two-sided)' : ''}`,
      formatPValue(test.pValue),
      formatPValue(test.adjustedPValue),
      test.flagged ? '!' : '',
    ]),
  ];
  const rest = familySize - candidates.length;
  return [
    ...lines,
    ...alignTable(rows, { rightAligned: (column) => [2, 3, 5, 6].includes(column) }).map((line) => `  ${line}`),
    ...(rest ? [`  (the other ${rest} test${rest === 1 ? '' : 's'}: p > ${settings.alpha}; --json lists every test)`] : []),
  ];
}

/** The human report: one line per slice, the whole table first, then the tests. */
export function formatSlices(output: SlicesOutput): string {
  const metrics = METRIC_NAMES.filter((name) => output.overall.metrics?.[name]);
  const labelColumn = output.task === 'binary' ? 'POSITIVE RATE' : output.task === 'multiclass' ? 'TOP LABEL' : null;
  const header = ['SLICE', 'ROWS', 'SHARE', ...(labelColumn ? [labelColumn] : []), ...metrics.map((name) => name.toUpperCase()), 'MOST NULLS'];
  const line = (slice: Slice) => [
    slice.name,
    String(slice.rows),
    formatShare(slice.share),
    ...(labelColumn ? [output.task === 'binary' ? formatEstimate(slice.positiveRate, slice.tests.positiveRate?.flagged === true) : topLabel(slice)] : []),
    ...metrics.map((name) => formatEstimate(slice.metrics?.[name], slice.worse.includes(name))),
    mostNulls(slice),
  ];
  const tested = metrics.length > 0 || output.settings.tests.includes('positiveRate');
  return [
    ...describeSetup(output),
    '',
    ...alignTable([header, line(output.overall), ...output.slices.map(line)], { rightAligned: (column) => column === 1 || column === 2 }),
    ...(tested ? ['', ...testLines(output)] : []),
  ].join('\n');
}

export const registerSlices: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('slices')
    .description('Rows, null rates, labels and model metrics per slice of a dataset, flagging slices significantly worse than the rest of the rows.')
    .argument('<uri>', 'the dataset: a file, folder, glob or http(s) URL')
    .requiredOption('--by <columns>', 'one column or two, comma-separated; numeric columns in quantile bins', parseColumns)
    .option('--label <column>', 'the true class')
    .option('--prediction <column>', 'the predicted class: accuracy, precision, recall, F1')
    .option('--score <column>', 'a score in [0, 1] (probability of the positive class, or confidence of the prediction): ECE')
    .option('--positive <value>', 'the positive class (default 1 or true for 0/1, -1/1, false/true labels)')
    .option('--bins <n>', `quantile bins for a numeric --by column (default ${DEFAULT_SLICE_BINS})`, integerFlag('--bins'))
    .option('--min-rows <n>', `smaller slices are not tested, so never flagged (default ${DEFAULT_MIN_ROWS})`, integerFlag('--min-rows'))
    .option('--ece-bins <n>', `equal-width score bins for ECE (default ${DEFAULT_ECE_BINS})`, integerFlag('--ece-bins'))
    .option('--bootstrap <n>', `bootstrap replicates for F1, macro averages and ECE; 0 for none (default ${DEFAULT_REPLICATES})`, integerFlag('--bootstrap'))
    .option('--seed <n>', 'seeds the bootstrap (default 0)', integerFlag('--seed'))
    .option('--interval <kind>', 'interval of accuracy, precision and recall: wilson (default) or bootstrap', parseInterval)
    .option(
      '--tests <metrics>',
      'what each slice is tested on against the rest: accuracy, precision, recall, f1, positive_rate (default: the first four)',
      parseTests,
    )
    .option('--correction <method>', 'correction over the family of tests: holm (default), bh (Benjamini–Hochberg) or none', parseCorrection)
    .option('--alpha <p>', `a test flags its slice at adjusted p ≤ this (default ${DEFAULT_ALPHA})`, parseAlpha)
    .option('--threads <n>', 'DuckDB threads (default: all cores)', integerFlag('--threads'))
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Precision, recall and F1 are of the positive class for binary labels and macro averages for
more classes, as scikit-learn computes them (zero_division=0). Intervals are 95%: Wilson's for
proportions, a seeded Poisson bootstrap otherwise. Each slice of at least --min-rows rows is
tested against the rest of the rows: proportions by a one-sided Fisher's exact test (the
positive rate two-sided), F1 and macro averages by a bootstrap z test. The p-values are adjusted
over all those tests (Holm by default) and a slice is flagged with "!" where the adjusted p is at
most --alpha. Definitions and edge cases: docs/statistics.md.

Exit codes: 0 the report was made, 2 bad arguments or unreadable input.

Example:
  winnow slices penguins.csv --by species --label sex --prediction sex_pred --score sex_score --positive MALE
  winnow slices eval.parquet --by region,age --label churned --prediction predicted --correction bh --json`,
    )
    .action(async (uri: string, options: Omit<SliceOptions, 'by'> & { by: string[]; threads?: number; json?: boolean }) => {
      const { threads, json, ...sliceOptions } = options;
      const engine = await NativeEngine.create({ threads });
      try {
        const dataset = await openDataset(engine, uri);
        const report = await computeSlices(engine, dataset.table, sliceOptions).catch((error: unknown) => {
          if (error instanceof SliceOptionError) throw new WinnowError(error.message, { file: uri, field: FLAGS[error.field] }, 'spec');
          throw error;
        });
        const output: SlicesOutput = { uri, rejected: dataset.rejected, ...report };
        io.out(json ? JSON.stringify(output, null, 2) : formatSlices(output));
        setExit(0);
      } finally {
        await engine.close();
      }
    });
};
