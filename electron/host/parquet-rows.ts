/**
 * A Parquet dataset's row count from its footers alone (parquet_file_metadata): what the app
 * shows the moment a Parquet file, folder of partitions or glob is opened, long before the
 * whole read is done. No row group is read.
 */
import type { Engine } from '../../pipelines/engine/engine';
import { WinnowError } from '../../pipelines/errors';
import { literal } from '../../pipelines/sql';

/**
 * The rows in `files` (resolved Parquet files), summed from their metadata. A file whose footer
 * cannot be read (truncated, not Parquet) is named in a one-line WinnowError.
 */
export async function parquetRowCount(engine: Engine, files: readonly string[]): Promise<number> {
  if (files.length === 0) return 0;
  try {
    const [row] = await engine.query(`SELECT CAST(coalesce(sum(num_rows), 0) AS BIGINT) AS n FROM parquet_file_metadata([${files.map(literal).join(', ')}])`);
    return Number(row?.n ?? 0);
  } catch (error) {
    // One query over every footer says only that one failed: find which, file by file.
    for (const file of files) {
      const problem = await engine.query(`SELECT num_rows FROM parquet_file_metadata(${literal(file)})`).then(
        () => null,
        (failure: Error) => failure,
      );
      if (problem) throw unreadableFooter(file, problem);
    }
    throw unreadableFooter(files[0]!, error as Error);
  }
}

function unreadableFooter(file: string, error: Error): WinnowError {
  const reason = (error.message.split('\n')[0] ?? '')
    .replace(/^[A-Za-z ]+Error: /, '')
    .replace(/\s*'[^']*'\s*$/, '')
    .replace(/ at end of file$/, '');
  return new WinnowError(
    `not a readable Parquet file: its footer cannot be read (${reason || 'unknown reason'}); the file may be truncated`,
    { file },
    'input',
  );
}
