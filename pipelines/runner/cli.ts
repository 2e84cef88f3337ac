/**
 * The `winnow` command. Exit codes: 0 passed (warnings allowed); 1 a check, gate or
 * verification failed; 2 a bad spec or unreadable input; 3 inputs differ from --snapshot.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { exitCodeOf, WinnowError } from '../errors';
import { ingestSource } from '../ingest/ingest';
import { buildSpecSchema } from '../spec/schema';
import { checkStepColumns } from '../spec/check-columns';
import { SpecErrors } from '../spec/parse';
import { checks, transforms } from '../steps/registry';
import { NativeEngine } from './native-engine';
import { createRejectsTable } from '../rejects';
import { loadSpec, resolveSources, runSpecFile } from './run';
import { formatSummary } from './summary';
import { verifyManifest } from './verify';
import { TOOL_VERSION } from './version';

export const SCHEMA_PATH = 'pipelines/spec/winnow-spec.schema.json';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  isTTY: Boolean(process.stderr.isTTY),
};

function parseAsOf(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new WinnowError(`--as-of: "${value}" is not a date or time (expected e.g. 2026-11-24T00:00:00Z)`, { field: '--as-of' }, 'spec');
  return date;
}

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

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('winnow')
    .description('Validate, transform, split and snapshot training data.')
    .version(TOOL_VERSION)
    .option('--debug', 'show stack traces for errors')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .showHelpAfterError('(run with --help for usage)');

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
        const lines = outcome.snapshotDifferences!.map((difference) => `  ${difference.change}: ${difference.path} (source ${difference.source})${difference.detail ? `: ${difference.detail}` : ''}`);
        io.err(`${spec}: inputs no longer match the snapshot ${options.snapshot}:\n${lines.join('\n')}`);
      } else if (options.json) {
        io.out(JSON.stringify(outcome.manifest, null, 2));
      } else {
        io.out(formatSummary(outcome.manifest!, outcome.manifestPath!));
      }
      setExit(outcome.exitCode);
    });

  program
    .command('verify')
    .description('Re-hash every input and output file a manifest lists; exit 1 if any changed or is missing.')
    .argument('<manifest>', 'a manifest.json written by winnow run')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  winnow verify out/flights/manifest.json')
    .action(async (manifest: string, options: { json?: boolean }) => {
      const outcome = await verifyManifest(resolve(manifest));
      if (options.json) io.out(JSON.stringify(outcome, null, 2));
      else if (outcome.problems.length === 0) io.out(`${manifest}: all ${outcome.checked} files match`);
      else io.out([`${manifest}: ${outcome.problems.length} of ${outcome.checked} files do not match:`, ...outcome.problems.map((problem) => `  ${problem.problem}: ${problem.path} (${problem.role})${problem.detail ? `: ${problem.detail}` : ''}`)].join('\n'));
      setExit(outcome.problems.length ? 1 : 0);
    });

  program
    .command('validate')
    .description('Check a spec without running it: its shape, and its steps against the input columns.')
    .argument('<spec>', 'the pipeline spec')
    .option('--no-data', 'only check the spec itself, not the input files')
    .addHelpText('after', '\nExample:\n  winnow validate examples/flights/flights.winnow.yaml')
    .action(async (specPath: string, options: { data: boolean }) => {
      const spec = await loadSpec(specPath);
      if (options.data) {
        const sources = await resolveSources(spec, specPath);
        const input = sources.find((source) => source.name === (spec.input ?? Object.keys(spec.sources)[0]))!;
        const engine = await NativeEngine.create();
        try {
          await createRejectsTable(engine);
          const read = await ingestSource(engine, input, '__winnow_validate');
          const errors = checkStepColumns(spec, read.schema, specPath);
          if (errors.length) throw new SpecErrors(errors);
          io.out(`${specPath}: valid (${spec.steps.length} steps; input "${input.name}": ${read.schema.length} columns, ${input.files.length} file(s))`);
        } finally {
          await engine.close();
        }
      } else {
        io.out(`${specPath}: valid (${spec.steps.length} steps)`);
      }
      setExit(0);
    });

  program
    .command('schema')
    .description("Print the spec's JSON Schema (for editors), or write it into the repository.")
    .option('--write', `write it to ${SCHEMA_PATH}`)
    .addHelpText('after', '\nExample:\n  winnow schema > winnow-spec.schema.json')
    .action(async (options: { write?: boolean }) => {
      const text = JSON.stringify(buildSpecSchema(), null, 2) + '\n';
      if (options.write) await writeFile(SCHEMA_PATH, text);
      else io.out(text);
      setExit(0);
    });

  program
    .command('steps')
    .description('List every check and transform with a one-line summary.')
    .addHelpText('after', '\nExample:\n  winnow steps')
    .action(() => {
      const width = Math.max(...[...checks.keys(), ...transforms.keys()].map((name) => name.length));
      io.out(['checks:', ...[...checks.values()].map((check) => `  ${check.name.padEnd(width)}  ${check.summary}`), 'transforms:', ...[...transforms.values()].map((transform) => `  ${transform.name.padEnd(width)}  ${transform.summary}`)].join('\n'));
      setExit(0);
    });

  program.addOption(new Option('--no-color').hideHelp());
  return program;
}

/** Runs the CLI with these arguments; returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = code));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof WinnowError) {
      io.err(error.oneLine());
      if (debug) io.err(error.stack ?? '');
      return exitCodeOf[error.kind];
    }
    io.err(`winnow: ${(error as Error).message?.split('\n')[0] ?? String(error)}`);
    if (debug) io.err((error as Error).stack ?? '');
    return 2;
  }
}
