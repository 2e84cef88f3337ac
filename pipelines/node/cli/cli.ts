/**
 * The `winnow` command. Exit codes: 0 passed (warnings allowed); 1 a check, gate or
 * verification failed; 2 a bad spec or unreadable input; 3 inputs differ from --snapshot.
 */
import { Command, CommanderError } from 'commander';
import { exitCodeOf, WinnowError } from '../../errors';
import { SpecErrors } from '../../spec/parse';
import type { Io } from './commands/command';
import { commands } from './commands/index';
import { TOOL_VERSION } from '../engine/version';

const defaultIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  isTTY: Boolean(process.stderr.isTTY),
};

/**
 * An error as a person reads it: one line per error (a spec's several errors, one each), and
 * never a line break inside one, whatever a message quotes (a multi-line YAML value, say).
 */
function errorLines(error: WinnowError): string[] {
  const errors = error instanceof SpecErrors ? error.errors : [error];
  return errors.map((each) =>
    each
      .oneLine()
      .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
      .trim(),
  );
}

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('winnow')
    .description('Validate, transform, split and snapshot training data.')
    .version(TOOL_VERSION)
    .option('--debug', 'show stack traces for errors')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .showHelpAfterError('(run with --help for usage)');
  for (const register of commands) register(program, { io, setExit });
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
      for (const line of errorLines(error)) io.err(line);
      if (debug) io.err(error.stack ?? '');
      return exitCodeOf[error.kind];
    }
    io.err(`winnow: ${(error as Error).message?.split('\n')[0] ?? String(error)}`);
    if (debug) io.err((error as Error).stack ?? '');
    return 2;
  }
}
