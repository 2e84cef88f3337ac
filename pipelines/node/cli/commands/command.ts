/** What every `winnow` subcommand gets: where to print, and how to set the exit code. */
import type { Command } from 'commander';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

export interface CommandContext {
  io: Io;
  /** Sets the process exit code (0 passed, 1 failed a check/gate/verification, 2 bad input, 3 snapshot mismatch). */
  setExit: (code: number) => void;
}

/** A subcommand adds itself to the program. One file per command under commands/. */
export type RegisterCommand = (program: Command, context: CommandContext) => void;
