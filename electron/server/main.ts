/**
 * `npm run serve` / `winnow serve`: starts the browser-mode server and prints the address to
 * open (with its session token). `--open PATH` opens a dataset, a spec file or a project folder
 * when the page loads; one that cannot open stops the server before it starts, in one line.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, Host } from '../host/host';
import { parseBytes } from '../host/bytes';
import { openProblem, openQuery, resolveOpenTarget } from '../host/open-target';
import { startServer } from './server';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

export async function serve(args: string[]): Promise<void> {
  const open = option(args, '--open');
  if (args.includes('--open') && open === undefined) throw new Error('--open needs a path: a dataset, a spec file or a project folder');
  const target = open === undefined ? null : await resolveOpenTarget(open, process.cwd());
  const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const budget = option(args, '--memory-budget') ?? process.env.WINNOW_MEMORY_BUDGET;
  const host = new Host({
    dataDir: option(args, '--data-dir') ?? defaultDataDir(),
    appDir,
    cwd: process.cwd(),
    ...(budget ? { memoryBudgetBytes: parseBytes(budget) } : {}),
  });
  const running = await startServer({
    host,
    staticDir: join(appDir, 'dist', 'renderer'),
    port: Number(option(args, '--port') ?? process.env.WINNOW_PORT ?? 0),
    token: process.env.WINNOW_TOKEN,
    ...(process.env.WINNOW_UPLOAD_MAX_BYTES ? { uploadMaxBytes: parseBytes(process.env.WINNOW_UPLOAD_MAX_BYTES) } : {}),
  });
  const url = target ? `${running.url}&${openQuery(target)}` : running.url;
  process.stdout.write(`Winnow is running at ${url}\n(listening on 127.0.0.1 only; through SSH: ssh -L ${running.port}:127.0.0.1:${running.port} <host>)\n`);
  const stop = async () => {
    // A query of the native engine cannot always be interrupted at once: do not wait on it for long.
    setTimeout(() => process.exit(0), 3000).unref();
    await running.close();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  serve(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`winnow serve: ${openProblem(error)}\n`);
    process.exit(2);
  });
}
