import { WinnowError } from '../../../errors';
import { agreement, type AgreementResult, type RatingsInput } from '../../../stats/labels/agreement/agreement';
import { classBalance, type ClassBalance } from '../../../stats/labels/balance';
import { labelConflicts, type LabelConflicts } from '../../../stats/labels/conflicts';
import type { Column } from '../../../table/column';
import { NativeEngine } from '../../engine/native-engine';
import { openDataset } from '../../sources/open-dataset';
import { alignTable as alignColumns, clip, formatNumber, formatShare } from '../format';
import { columnList, requireColumns, wholeNumber } from '../options';
import type { RegisterCommand } from './command';

/** What `winnow labels --json` prints. */
export interface LabelsReport {
  dataset: { uri: string; rows: number; rejected: number };
  balance?: ClassBalance & { label: string };
  conflicts?: LabelConflicts & { features: string[]; label: string };
  agreement?: AgreementResult;
}

interface LabelsOptions {
  label?: string;
  features?: string[];
  annotators?: string[];
  item?: string;
  annotator?: string;
  limit: number;
  threads?: number;
  json?: boolean;
}

function ratingsInput({ annotators, item, annotator, label }: LabelsOptions): RatingsInput | null {
  if (annotators) return item ? { annotators, item } : { annotators };
  if (annotator) return { item: item!, annotator, label: label! };
  return null;
}

/** Which columns each option names, checked against the dataset before anything runs. */
function checkOptions(options: LabelsOptions, columns: Column[]): void {
  const { label, features, annotators, item, annotator } = options;
  if (!label && !annotators)
    throw new WinnowError('give --label (class balance, conflicts, long ratings) or --annotators (wide ratings)', { field: '--label' }, 'spec');
  if (annotators && annotator)
    throw new WinnowError('--annotators (one column per annotator) and --annotator (long data) exclude each other', { field: '--annotator' }, 'spec');
  if (annotator && !item) throw new WinnowError('long ratings need --item as well as --annotator and --label', { field: '--item' }, 'spec');
  if (item && !annotators && !annotator) throw new WinnowError('--item goes with --annotators (wide) or --annotator (long)', { field: '--item' }, 'spec');
  if (features && !label) throw new WinnowError('--features needs --label: the label that identical features should share', { field: '--features' }, 'spec');
  if (annotators && new Set(annotators).size < 2) throw new WinnowError('--annotators needs at least two columns', { field: '--annotators' }, 'spec');
  const named: [string, (string | undefined)[]][] = [
    ['--label', [label]],
    ['--features', features ?? []],
    ['--annotators', annotators ?? []],
    ['--item', [item]],
    ['--annotator', [annotator]],
  ];
  for (const [option, names] of named)
    requireColumns(
      columns,
      names.filter((name): name is string => name !== undefined),
      option,
    );
}

/** Tables under a heading, indented two spaces. */
const alignTable = (rows: string[][]) => alignColumns(rows, { indent: '  ' });

function formatBalance({ label, ...balance }: ClassBalance & { label: string }, limit: number): string[] {
  const largest = balance.classes[0];
  const smallest = balance.classes.at(-1);
  const lines = [`Class balance of ${label}: ${balance.classes.length} classes over ${balance.labelled} labelled rows, ${balance.missing} without a label`];
  if (largest && smallest) {
    lines.push(
      `  imbalance ratio ${formatNumber(balance.imbalanceRatio)} (${largest.label} ${largest.count} / ${smallest.label} ${smallest.count}), ` +
        `entropy ${formatNumber(balance.entropy)} nats (normalised ${formatNumber(balance.normalizedEntropy)})`,
    );
    lines.push(
      ...alignTable([
        ['CLASS', 'COUNT', 'SHARE'],
        ...balance.classes.slice(0, limit).map((entry) => [clip(entry.label, 40), String(entry.count), formatShare(entry.share)]),
      ]),
    );
    if (balance.classes.length > limit) lines.push(`  … ${balance.classes.length - limit} more classes`);
  }
  return lines;
}

function formatConflicts(features: string[], label: string, conflicts: LabelConflicts): string[] {
  const lines = [
    `Label conflicts (same ${features.join(', ')}, different ${label}): ${conflicts.conflictingGroups} of ${conflicts.groups} groups, ` +
      `${conflicts.conflictingRows} of ${conflicts.labelledRows} labelled rows`,
  ];
  if (conflicts.examples.length) {
    const rows = conflicts.examples.map((group) => [
      String(group.firstRow),
      String(group.rows),
      clip(features.map((feature) => `${feature}=${group.features[feature] ?? 'NULL'}`).join(', '), 50),
      clip(group.labels.map((entry) => `${entry.label} ×${entry.count}`).join(', '), 50),
    ]);
    lines.push(...alignTable([['FIRST ROW', 'ROWS', 'FEATURES', 'LABELS'], ...rows]));
  }
  return lines;
}

function formatAgreement(result: AgreementResult): string[] {
  const names = result.annotators.length <= 6 ? ` (${result.annotators.join(', ')})` : '';
  const lines = [
    `Agreement of ${result.annotators.length} annotators${names} on ${result.items} items, ${result.ratings} ratings, ` +
      `${result.pairableItems} items rated at least twice`,
  ];
  const coefficients: string[][] = [];
  if (result.cohen) coefficients.push(["Cohen's kappa", formatNumber(result.cohen.value), `${result.cohen.items} items rated by both`]);
  coefficients.push([
    "Fleiss' kappa",
    formatNumber(result.fleiss.value),
    `observed ${formatNumber(result.fleiss.observedAgreement)}, chance ${formatNumber(result.fleiss.chanceAgreement)}`,
  ]);
  coefficients.push([
    "Krippendorff's alpha",
    formatNumber(result.krippendorffAlpha.value),
    `${result.krippendorffAlpha.pairableValues} pairable ratings (nominal)`,
  ]);
  lines.push(...alignTable(coefficients));
  if (result.perClass.length) {
    lines.push(
      '',
      ...alignTable([
        ['LABEL', 'RATINGS', 'SPECIFIC AGREEMENT', 'KAPPA'],
        ...result.perClass.map((entry) => [clip(entry.label, 40), String(entry.ratings), formatNumber(entry.specificAgreement), formatNumber(entry.kappa)]),
      ]),
    );
  }
  if (result.lowestItems.length) {
    lines.push('', '  Lowest agreement:');
    lines.push(
      ...alignTable([
        ['ITEM', 'RATINGS', 'AGREEMENT', 'LABELS'],
        ...result.lowestItems.map((item) => [
          clip(String(item.item), 30),
          String(item.ratings),
          formatNumber(item.agreement),
          clip(item.labels.map((entry) => `${entry.label} ×${entry.count}`).join(', '), 50),
        ]),
      ]),
    );
  }
  return lines;
}

export function formatLabels(report: LabelsReport, limit: number): string {
  const { dataset } = report;
  const sections = [[`${dataset.uri}: ${dataset.rows} rows${dataset.rejected ? ` (${dataset.rejected} unreadable rows left out)` : ''}`]];
  if (report.balance) sections.push(formatBalance(report.balance, limit));
  if (report.conflicts) sections.push(formatConflicts(report.conflicts.features, report.conflicts.label, report.conflicts));
  if (report.agreement) sections.push(formatAgreement(report.agreement));
  return sections.map((lines) => lines.join('\n')).join('\n\n');
}

export const registerLabels: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('labels')
    .description('Label quality: class balance, conflicting labels, and agreement among annotators.')
    .argument('<uri>', 'the dataset: a file, folder, glob or http(s) URL')
    .option('--label <column>', 'the label: class balance; with --features, conflicts; with --item and --annotator, the rating')
    .option('--features <columns>', 'input columns, comma-separated: rows equal on all of them should share one label', columnList('--features'))
    .option('--annotators <columns>', 'wide ratings: one label column per annotator, comma-separated', columnList('--annotators'))
    .option('--item <column>', 'the item column (long ratings; wide ratings default to the row number)')
    .option('--annotator <column>', 'long ratings: the annotator column (one row per item, annotator and --label)')
    .option('--limit <n>', 'how many classes, conflicts and least agreed items to list (default 20)', wholeNumber('--limit', 0), 20)
    .option('--threads <n>', 'DuckDB threads (default: all cores)', wholeNumber('--threads', 1))
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Kappa is Cohen's for two annotators and Fleiss' for more; Krippendorff's alpha (nominal) uses
every item rated at least twice, so missing ratings are fine. Labels compare as text.
Definitions and edge cases: docs/statistics.md. Exit codes: 0 done, 2 bad arguments or input.

Example:
  winnow labels reviews.csv --label sentiment --features text
  winnow labels ratings.csv --annotators ann,bob,cy --item id --json
  winnow labels crowd.parquet --item item --annotator worker --label label`,
    )
    .action(async (uri: string, options: LabelsOptions) => {
      const engine = await NativeEngine.create({ threads: options.threads });
      try {
        const dataset = await openDataset(engine, uri);
        checkOptions(options, dataset.columns);
        const { label, features, limit } = options;
        const ratings = ratingsInput(options);
        const report: LabelsReport = { dataset: { uri, rows: dataset.read - dataset.rejected, rejected: dataset.rejected } };
        if (label) report.balance = { label, ...(await classBalance(engine, dataset.table, { label })) };
        if (label && features) report.conflicts = { features, label, ...(await labelConflicts(engine, dataset.table, { features, label, limit })) };
        if (ratings)
          report.agreement = await agreement(engine, dataset.table, ratings, { lowest: limit }).catch((error: unknown) => {
            // Annotator columns that cannot be compared (labels compare by value): named by the flag, in the file.
            if (error instanceof WinnowError && error.place.field === 'annotators')
              throw new WinnowError(error.message, { file: uri, field: '--annotators' }, error.kind);
            throw error;
          });
        io.out(options.json ? JSON.stringify(report, null, 2) : formatLabels(report, limit));
        setExit(0);
      } finally {
        await engine.close();
      }
    });
};
