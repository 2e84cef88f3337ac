/**
 * The files of a run's folder: Winnow's own (the manifest, the report, the rejects) and each
 * output's, named after the output. One module so the spec parser (names that would collide), the
 * runner (what it writes) and `winnow verify` (what does not belong) agree on the names.
 *
 * An output writes `<name>.<format>`, or with shards `<name>-00000-of-00004.<format>` and so on.
 */

/** Output names that are Winnow's own files (manifest.json, report.json, report.html, rejects.parquet) or commands. */
export const RESERVED_OUTPUT_NAMES: readonly string[] = ['rejects', 'manifest', 'report', 'snapshot'];

export interface OutputFiles {
  name: string;
  /** Default parquet. */
  format?: 'parquet' | 'csv';
  /** Default 1. */
  shards?: number;
}

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

/** The file name of shard `index` (from 0) of an output. */
export function outputFileName({ name, format = 'parquet', shards = 1 }: OutputFiles, index: number): string {
  return shards === 1 ? `${name}.${format}` : `${name}-${pad(index)}-of-${pad(shards)}.${format}`;
}

/**
 * Whether a file name has the form of one of the output's files, any shard count: a file
 * `winnow verify` expects to find in the manifest. Case is ignored, as macOS and Windows do.
 */
export function matchesOutput(fileName: string, { name, format = 'parquet' }: OutputFiles): boolean {
  const stem = escapeRegExp(name);
  return new RegExp(`^${stem}(-\\d{5}-of-\\d{5})?\\.${format}$`, 'i').test(fileName);
}

/** Whether an output's name is reserved, ignoring case (a file system may too). */
export function isReservedOutputName(name: string): boolean {
  return RESERVED_OUTPUT_NAMES.includes(name.toLowerCase());
}

/**
 * A file name two outputs would both write, ignoring case, or undefined when they cannot clash.
 * Equal files have equal extensions, so equal formats; then either the names are equal (sharded
 * files of two different names differ, having suffixes of one length), or one output's single
 * file has the name of one of the other's shards (`x-00000-of-00002` beside `x` in 2 shards).
 */
export function sharedFileName(first: OutputFiles, second: OutputFiles): string | undefined {
  if ((first.format ?? 'parquet') !== (second.format ?? 'parquet')) return undefined;
  if (first.name.toLowerCase() === second.name.toLowerCase()) return outputFileName(first, 0);
  for (const [single, sharded] of [
    [first, second],
    [second, first],
  ] as const) {
    const shards = sharded.shards ?? 1;
    if ((single.shards ?? 1) !== 1 || shards === 1) continue;
    const match = new RegExp(`^${escapeRegExp(sharded.name)}-(\\d{5})-of-${pad(shards)}$`, 'i').exec(single.name);
    if (match && Number(match[1]) < shards) return outputFileName(single, 0);
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
