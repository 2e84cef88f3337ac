/**
 * `winnow ...args` as a test runs it: the CLI's main() in this process, its output collected
 * line by line, not a terminal. One place for what nineteen test files each wrote out.
 */
import { main } from '../pipelines/node/cli/cli';

export interface CliOutcome {
  code: number;
  out: string;
  err: string;
}

export async function winnow(...args: string[]): Promise<CliOutcome> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (text) => void (out += text + '\n'), err: (text) => void (err += text + '\n'), isTTY: false });
  return { code, out, err };
}
