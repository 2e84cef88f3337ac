import { WinnowError } from '../../../errors';
import { iqrOutliers } from '../../../stats/outliers/iqr';
import { madOutliers } from '../../../stats/outliers/mad';
import { isNumericType, type OutlierMethod, type OutlierSummary } from '../../../stats/outliers/outliers';
import { zscoreOutliers } from '../../../stats/outliers/zscore';
import { didYouMean } from '../../../spec/did-you-mean';
import { NativeEngine } from '../../engine/native-engine';
import { openDataset } from '../../sources/open-dataset';
import { alignTable } from '../format';
import type { RegisterCommand } from './command';

const METHODS: OutlierMethod[] = ['zscore', 'iqr', 'mad'];

function format(value: number | null): string {
  return value === null ? '–' : String(Number(value.toPrecision(6)));
}

/** One line per column and rule: the fences and how many values lie beyond them. */
export function formatOutliers(summaries: OutlierSummary[]): string {
  const rows = [['COLUMN', 'RULE', 'PARAM', 'LOWER', 'UPPER', 'VALUES', 'OUTLIERS', 'SHARE']];
  for (const summary of summaries) {
    rows.push([
      summary.column,
      summary.method,
      format(summary.threshold),
      format(summary.lower),
      format(summary.upper),
      String(summary.values),
      String(summary.outliers),
      summary.values ? `${((summary.outliers / summary.values) * 100).toFixed(2)}%` : '–',
    ]);
  }
  return alignTable(rows, { rightAligned: (column) => column >= 2 }).join('\n');
}

/** `winnow outliers URI`: z-score, Tukey's fences and MAD outliers of numeric columns (docs/statistics.md#outliers). */
export const registerOutliers: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('outliers')
    .description("Outliers of numeric columns by z-score, Tukey's fences (IQR) and the median absolute deviation.")
    .argument('<uri>', 'a file, folder, glob or http(s) URL')
    .option('--columns <names>', 'columns to look at, separated by commas (default: every numeric column)')
    .option('--method <rule>', `one rule: ${METHODS.join(', ')} (default: all three)`)
    .option('--threshold <n>', 'the z or modified-z threshold, or Tukey’s k (default 3, 3.5 and 1.5)', Number)
    .option('--json', 'print the summaries as JSON')
    .addHelpText('after', '\nExample:\n  winnow outliers examples/flights/data/flights.csv --columns delay,distance --method iqr')
    .action(async (uri: string, options: { columns?: string; method?: string; threshold?: number; json?: boolean }) => {
      if (options.method && !METHODS.includes(options.method as OutlierMethod)) {
        throw new WinnowError(
          `--method: unknown rule "${options.method}"${didYouMean(options.method, METHODS)} (expected ${METHODS.join(', ')})`,
          { field: '--method' },
          'spec',
        );
      }
      const engine = await NativeEngine.create();
      try {
        const dataset = await openDataset(engine, uri);
        const names = options.columns
          ? options.columns
              .split(',')
              .map((name) => name.trim())
              .filter(Boolean)
          : dataset.columns.filter((column) => isNumericType(column.type)).map((column) => column.name);
        for (const name of names) {
          const column = dataset.columns.find((candidate) => candidate.name === name);
          if (!column)
            throw new WinnowError(
              `no column "${name}"${didYouMean(
                name,
                dataset.columns.map((candidate) => candidate.name),
              )}`,
              { file: uri, field: '--columns' },
              'spec',
            );
          if (!isNumericType(column.type)) throw new WinnowError(`column "${name}" is ${column.type}, not numeric`, { file: uri, field: '--columns' }, 'spec');
        }
        const methods = options.method ? [options.method as OutlierMethod] : METHODS;
        const summaries: OutlierSummary[] = [];
        for (const name of names) {
          for (const method of methods) {
            const threshold = options.threshold;
            if (method === 'zscore') summaries.push(await zscoreOutliers(engine, dataset.table, name, threshold === undefined ? {} : { threshold }));
            if (method === 'iqr') summaries.push(await iqrOutliers(engine, dataset.table, name, threshold === undefined ? {} : { k: threshold }));
            if (method === 'mad') summaries.push(await madOutliers(engine, dataset.table, name, threshold === undefined ? {} : { threshold }));
          }
        }
        io.out(options.json ? JSON.stringify({ uri, rows: dataset.read, columns: summaries }, null, 2) : formatOutliers(summaries));
        setExit(0);
      } finally {
        await engine.close();
      }
    });
};
