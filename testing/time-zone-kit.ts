/**
 * `winnow` runs in a child process whose TZ is set, for tests that must show an answer does not
 * depend on the host's time zone (DuckDB's ICU reads TZ when the process starts, so it cannot be
 * changed inside the test's own process). One child runs a list of commands in turn, through
 * winnow-cli.ts, and prints their outcomes as JSON.
 *
 *   winnowInTimeZone('Asia/Tokyo', [['run', spec, '--out', dir], ...])
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliOutcome } from './cli-kit';

const self = fileURLToPath(import.meta.url);
const MARK = '\u0000winnow-outcomes:';

/** Runs each argument list as `winnow ...args` in one child process with env TZ = `timeZone`. */
export function winnowInTimeZone(timeZone: string, commands: string[][]): Promise<CliOutcome[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', self, JSON.stringify(commands)], {
      env: { ...process.env, TZ: timeZone },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const at = out.lastIndexOf(MARK);
      if (code !== 0 || at < 0) reject(new Error(`winnow under TZ=${timeZone} exited ${code}: ${err.trim().split('\n').at(-1)}`));
      else resolve(JSON.parse(out.slice(at + MARK.length)) as CliOutcome[]);
    });
  });
}

if (process.argv[1] === self) {
  const { winnow } = await import('./cli-kit');
  const outcomes: CliOutcome[] = [];
  for (const args of JSON.parse(process.argv[2]!) as string[][]) outcomes.push(await winnow(...args));
  process.stdout.write(MARK + JSON.stringify(outcomes) + '\n');
}
