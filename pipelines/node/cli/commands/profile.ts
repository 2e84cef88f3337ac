import { WinnowError } from '../../../errors';
import type { Format } from '../../../engine/engine';
import { formatProfile } from '../../../stats/profile/format';
import { profileTable } from '../../../stats/profile/profile';
import type { Profile } from '../../../stats/profile/types';
import { NativeEngine } from '../../engine/native-engine';
import { openDataset, type OpenedDataset } from '../../sources/open-dataset';
import type { RegisterCommand } from './command';

const FORMATS: readonly Format[] = ['csv', 'tsv', 'json', 'ndjson', 'parquet'];

/** `--format`: one of the formats the native engine reads. */
export function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new WinnowError(`--format: "${value}" is not one of ${FORMATS.join(', ')}`, { field: '--format' }, 'spec');
  }
  return value as Format;
}

export function parseThreads(value: string): number {
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1)
    throw new WinnowError(`--threads: "${value}" is not a whole number of threads`, { field: '--threads' }, 'spec');
  return threads;
}

/** What `winnow profile --json` prints: where the rows came from, then the profile. */
export interface ProfileReport extends Profile {
  source: { uri: string; files: string[]; read: number; rejected: number };
}

/** Opens `uri` on a native engine and profiles it; the engine is closed afterwards. */
export async function profileUri(
  uri: string,
  { format, threads, exact = false }: { format?: Format; threads?: number; exact?: boolean },
): Promise<{ report: ProfileReport; opened: OpenedDataset }> {
  const engine = await NativeEngine.create({ threads });
  try {
    const opened = await openDataset(engine, uri, 'dataset', format ? { format } : {});
    const profile = await profileTable(engine, opened.table, opened.columns, { exact });
    return { report: { source: { uri, files: opened.files, read: opened.read, rejected: opened.rejected }, ...profile }, opened };
  } finally {
    await engine.close();
  }
}

export const registerProfile: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('profile')
    .description(
      'Profile every column of a dataset: counts, nulls, distinct values, range, mean, std, quantiles, histogram, top values, text patterns and possible PII.',
    )
    .argument('<uri>', 'a file, folder, glob or http(s) URL')
    .option('--json', 'print the profile as JSON (every statistic, every digit)')
    .option('--exact', 'exact distinct counts and quantiles however large the dataset (default: exact up to 1,000,000 rows)')
    .option('--format <format>', `the file format when the name does not say (${FORMATS.join(', ')})`, parseFormat)
    .option('--threads <n>', 'DuckDB threads (default: all cores)', parseThreads)
    .addHelpText(
      'after',
      `
Each statistic is defined in docs/statistics.md (formula, defaults, edge cases).

Example:
  winnow profile examples/flights/data/flights.csv
  winnow profile data/events.parquet --json --exact > events.profile.json`,
    )
    .action(async (uri: string, options: { json?: boolean; exact?: boolean; format?: Format; threads?: number }) => {
      const { report } = await profileUri(uri, options);
      if (options.json) io.out(JSON.stringify(report, null, 2));
      else {
        const unread = report.source.rejected > 0 ? `\n${report.source.rejected} rows could not be read and are not profiled (see winnow run's rejects).` : '';
        io.out(formatProfile(report, uri) + unread);
      }
      setExit(0);
    });
};
