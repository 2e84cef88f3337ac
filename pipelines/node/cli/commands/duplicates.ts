import { WinnowError } from '../../../errors';
import { duplicateGroups, type DuplicateGroups } from '../../../stats/duplicates/exact';
import { minHashSettings, type MinHashOptions } from '../../../stats/duplicates/minhash';
import { nearDuplicates, type NearDuplicates } from '../../../stats/duplicates/near-duplicates';
import { NativeEngine } from '../../engine/native-engine';
import { openDataset } from '../../sources/open-dataset';
import type { RegisterCommand } from './command';
import { alignTable as alignColumns, clip, formatNumber } from '../format';
import { columnList, requireColumns, wholeNumber } from '../options';

/** Tables under a heading, indented two spaces. */
const alignTable = (rows: string[][]) => alignColumns(rows, { indent: '  ' });

/** What `winnow duplicates --json` prints. */
export interface DuplicatesReport {
  dataset: { uri: string; rows: number; rejected: number };
  exact: DuplicateGroups;
  near?: NearDuplicates;
}

interface DuplicatesOptions {
  columns?: string[];
  text?: string;
  threshold?: number;
  shingle?: 'char' | 'word';
  size?: number;
  hashes?: number;
  bands?: number;
  seed: number;
  maxCandidates?: number;
  limit: number;
  threads?: number;
  json?: boolean;
}

function parseThreshold(value: string): number {
  const threshold = Number(value);
  if (!(threshold > 0 && threshold <= 1))
    throw new WinnowError(`--threshold: "${value}" is not a Jaccard similarity in (0, 1]`, { field: '--threshold' }, 'spec');
  return threshold;
}

function parseShingle(value: string): 'char' | 'word' {
  if (value !== 'char' && value !== 'word') throw new WinnowError(`--shingle: "${value}" is neither char nor word`, { field: '--shingle' }, 'spec');
  return value;
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new WinnowError(`--seed: "${value}" is not a whole number`, { field: '--seed' }, 'spec');
  return seed;
}

/** The MinHash options as given; a combination that cannot work is an error naming --bands. */
function minHashOptions({ threshold, shingle, size, hashes, bands, seed, maxCandidates }: DuplicatesOptions): MinHashOptions {
  const options = { threshold, shingle, size, hashes, bands, seed, maxCandidates };
  try {
    minHashSettings(options);
  } catch (error) {
    throw new WinnowError((error as Error).message, { field: '--bands' }, 'spec');
  }
  return options;
}

function rowList(rows: number[], total: number): string {
  return rows.join(', ') + (total > rows.length ? ', …' : '');
}

function formatExact(exact: DuplicateGroups, wholeRows: boolean): string[] {
  const what = wholeRows ? 'whole rows' : `key ${exact.columns.join(', ')}`;
  const lines = [
    `Exact duplicates (${what}): ${exact.groups} groups with ${exact.rowsInGroups} of ${exact.rows} rows; ${exact.duplicateRows} rows repeat an earlier one`,
  ];
  if (exact.examples.length) {
    const rows = exact.examples.map((group) => [
      String(group.rows[0]),
      String(group.count),
      clip(rowList(group.rows, group.count), 30),
      clip(exact.columns.map((column) => `${column}=${group.values[column] ?? 'NULL'}`).join(', '), 60),
    ]);
    lines.push(...alignTable([['FIRST ROW', 'ROWS', 'ROW NUMBERS', 'VALUES'], ...rows]));
  }
  return lines;
}

function formatNear(near: NearDuplicates): string[] {
  const { settings } = near;
  const lines = [
    `Near-duplicates of ${near.column} (${settings.shingle} ${settings.size}-grams, Jaccard >= ${settings.threshold}; ` +
      `MinHash ${settings.hashes} hashes in ${settings.bands} bands, seed ${settings.seed}):`,
    `  ${near.documents} texts (${near.distinctTexts} distinct), ${near.candidatePairs} candidate pairs, ${near.similarPairs} similar pairs`,
    `  ${near.clusters} clusters with ${near.rowsInClusters} rows; ${near.laterDuplicates} rows have an earlier near-duplicate`,
  ];
  if (near.clusterList.length) {
    const rows = near.clusterList.map((cluster) => [
      String(cluster.cluster),
      String(cluster.size),
      String(cluster.texts),
      clip(rowList(cluster.rows, cluster.size), 30),
      clip(cluster.text, 60),
    ]);
    lines.push(...alignTable([['CLUSTER', 'ROWS', 'TEXTS', 'ROW NUMBERS', 'FIRST TEXT'], ...rows]));
  }
  if (near.pairs.length) {
    lines.push('', '  Similar pairs (distinct texts, by their first rows):');
    lines.push(
      ...alignTable([['ROW', 'OTHER ROW', 'JACCARD'], ...near.pairs.map((pair) => [String(pair.row), String(pair.otherRow), formatNumber(pair.jaccard)])]),
    );
  }
  return lines;
}

export function formatDuplicates(report: DuplicatesReport, wholeRows: boolean): string {
  const { dataset } = report;
  return [
    [`${dataset.uri}: ${dataset.rows} rows${dataset.rejected ? ` (${dataset.rejected} unreadable rows left out)` : ''}`],
    formatExact(report.exact, wholeRows),
    ...(report.near ? [formatNear(report.near)] : []),
  ]
    .map((lines) => lines.join('\n'))
    .join('\n\n');
}

export const registerDuplicates: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('duplicates')
    .description('Exact duplicate rows or keys, and near-duplicate texts (MinHash, verified by exact Jaccard similarity).')
    .argument('<uri>', 'the dataset: a file, folder, glob or http(s) URL')
    .option('--columns <columns>', 'compare these key columns, comma-separated (default: whole rows)', columnList('--columns'))
    .option('--text <column>', 'also find near-duplicates in this text column')
    .option('--threshold <jaccard>', 'near-duplicates from this Jaccard similarity (default 0.8)', parseThreshold)
    .option('--shingle <kind>', 'char (default) or word n-grams', parseShingle)
    .option('--size <n>', 'n of the n-grams (default 5 characters, 3 words)', wholeNumber('--size', 1))
    .option('--hashes <n>', 'MinHash functions (default 128)', wholeNumber('--hashes', 1))
    .option('--bands <n>', 'LSH bands, dividing --hashes (default: from the threshold)', wholeNumber('--bands', 1))
    .option('--seed <n>', 'seeds the hash functions (default 0)', parseSeed, 0)
    .option('--max-candidates <n>', 'stop when LSH would verify more pairs than this (default 10000000)', wholeNumber('--max-candidates', 0))
    .option('--limit <n>', 'how many groups, clusters and pairs to list (default 20)', wholeNumber('--limit', 0), 20)
    .option('--threads <n>', 'DuckDB threads (default: all cores)', wholeNumber('--threads', 1))
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Texts are lowercased and their whitespace collapsed; exact copies then have Jaccard 1. Clusters
are connected groups of similar texts, named by their first row. The same seed gives the same
result on any machine. Definitions and edge cases: docs/statistics.md.
Exit codes: 0 done, 2 bad arguments or input.

Example:
  winnow duplicates data.csv
  winnow duplicates users.parquet --columns email --json
  winnow duplicates reviews.csv --columns review_id --text body --threshold 0.85`,
    )
    .action(async (uri: string, options: DuplicatesOptions) => {
      const minHash = options.text ? minHashOptions(options) : null;
      const engine = await NativeEngine.create({ threads: options.threads });
      try {
        const dataset = await openDataset(engine, uri);
        if (options.columns) requireColumns(dataset.columns, options.columns, '--columns');
        if (options.text) requireColumns(dataset.columns, [options.text], '--text');
        const report: DuplicatesReport = {
          dataset: { uri, rows: dataset.read - dataset.rejected, rejected: dataset.rejected },
          exact: await duplicateGroups(engine, dataset.table, { columns: options.columns, limit: options.limit }),
        };
        if (options.text && minHash) report.near = await nearDuplicates(engine, dataset.table, { column: options.text, ...minHash, limit: options.limit });
        io.out(options.json ? JSON.stringify(report, null, 2) : formatDuplicates(report, !options.columns));
        setExit(0);
      } finally {
        await engine.close();
      }
    });
};
