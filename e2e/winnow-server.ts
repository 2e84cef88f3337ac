/**
 * Starts Winnow's browser-mode server for a test, the way a person does (`node dist/server.mjs`),
 * with its own data folder, and stops (or kills) it. Each test gets a fresh server unless it
 * shares one on purpose (crash recovery restarts one over the same data folder).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface WinnowServer {
  url: string;
  origin: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** SIGKILL: no chance to clean up, like a crash. */
  kill(): Promise<void>;
}

export interface StartServerOptions {
  /** Environment on top of this process's, as a person would export it (AWS_*, WINNOW_CACHE_DIR); undefined unsets. */
  env?: Record<string, string | undefined>;
  /** Arguments after `node dist/server.mjs`, as a person types them (`--open PATH`). */
  args?: string[];
}

export async function startServer(
  dataDir = mkdtempSync(join(tmpdir(), 'winnow-e2e-')),
  { env = {}, args = [] }: StartServerOptions = {},
): Promise<WinnowServer> {
  // spawn leaves out variables whose value is undefined, so `env` can unset as well as set.
  // Downloads go to a cache of the test's own, never the user's ~/.cache/winnow, unless a test names one.
  const environment = { ...process.env, WINNOW_CACHE_DIR: join(dataDir, 'cache'), ...env, WINNOW_DATA_DIR: dataDir };
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.mjs'), ...args], { cwd: ROOT, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    process: child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
