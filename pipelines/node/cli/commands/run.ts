import { SingleBar } from 'cli-progress';
import { WinnowError } from '../../../errors';
import { runSpecFile } from '../../run-to-disk/run';
import { formatSummary } from '../summary';
import type { Io, RegisterCommand } from './command';

function parseAsOf(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new WinnowError(`--as-of: "${value}" is not a date or time (expected e.g. 2026-11-24T00:00:00Z)`, { field: '--as-of' }, 'spec');
  return date;
}

/** A progress bar on stderr, only when it is a terminal. */
function progressBar(io: Io): { update: (completed: number, total: number, label: string) => void; stop: () => void } {
  if (!io.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({ format: '{bar} {value}/{total} steps  {label}', stream: process.stderr, clearOnComplete: true, hideCursor: true });
  let started = false;
  return {
    update: (completed, total, label) => {
      if (!started) bar.start(total, 0, { label });
      started = true;
      bar.update(completed, { label });
    },
    stop: () => started && bar.stop(),
  };
}

export const registerRun: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('run')
    .description('Run a spec: check and transform the input, write outputs, rejects and a manifest.')
    .argument('<spec>', 'the pipeline spec (.winnow.yaml or .json)')
    .option('--out <dir>', 'output folder (default: out/<spec name>)')
    .option('--as-of <time>', 'reference time for freshness checks (default: now)')
    .option('--snapshot <manifest>', 'fail with exit 3 unless the inputs match the hashes pinned in this manifest')
    .option('--threads <n>', 'DuckDB threads (default: all cores)', (value) => Number.parseInt(value, 10))
    .option('--json', 'print the manifest as JSON instead of the summary')
    .addHelpText(
      'after',
      `
Exit codes: 0 passed (warnings allowed), 1 a check or gate failed (no output files are written),
2 bad spec or unreadable input, 3 an input differs from --snapshot.

Example:
  winnow run examples/flights/flights.winnow.yaml --out out/flights
  winnow run pipeline.winnow.yaml --snapshot snapshot.json --as-of 2026-11-24T00:00:00Z`,
    )
    .action(async (spec: string, options: { out?: string; asOf?: string; snapshot?: string; threads?: number; json?: boolean }) => {
      const bar = progressBar(io);
      const outcome = await runSpecFile(spec, {
        out: options.out,
        asOf: options.asOf ? parseAsOf(options.asOf) : undefined,
        snapshot: options.snapshot,
        threads: options.threads,
        onProgress: (event) => bar.update(event.completed, event.total, event.stepId ?? event.phase),
      }).finally(() => bar.stop());
      if (outcome.exitCode === 3) {
        const lines = outcome.snapshotDifferences!.map(
          (difference) => `  ${difference.change}: ${difference.path} (source ${difference.source})${difference.detail ? `: ${difference.detail}` : ''}`,
        );
        io.err(`${spec}: inputs no longer match the snapshot ${options.snapshot}:\n${lines.join('\n')}`);
      } else if (options.json) {
        io.out(JSON.stringify(outcome.manifest, null, 2));
      } else {
        io.out(formatSummary(outcome.manifest!, outcome.manifestPath!));
      }
      for (const note of outcome.environmentNotes ?? []) io.err(note);
      setExit(outcome.exitCode);
    });
};
