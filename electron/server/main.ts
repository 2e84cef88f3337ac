/**
 * `npm run serve` / `winnow serve`: starts the browser-mode server and prints the address to
 * open (with its session token). `--open PATH` opens a dataset when the page loads.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, Host } from '../host/host';
import { parseBytes } from '../host/bytes';
import { startServer } from './server';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

export async function serve(args: string[]): Promise<void> {
  const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const budget = option(args, '--memory-budget') ?? process.env.WINNOW_MEMORY_BUDGET;
  const host = new Host({ dataDir: option(args, '--data-dir') ?? defaultDataDir(), appDir, cwd: process.cwd(), ...(budget ? { memoryBudgetBytes: parseBytes(budget) } : {}) });
  const running = await startServer({
    host,
    staticDir: join(appDir, 'dist', 'renderer'),
    port: Number(option(args, '--port') ?? process.env.WINNOW_PORT ?? 0),
    token: process.env.WINNOW_TOKEN,
    ...(process.env.WINNOW_UPLOAD_MAX_BYTES ? { uploadMaxBytes: parseBytes(process.env.WINNOW_UPLOAD_MAX_BYTES) } : {}),
  });
  const open = option(args, '--open');
  const url = open ? `${running.url}&open=${encodeURIComponent(resolve(open))}` : running.url;
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
    process.stderr.write(`winnow serve: ${error.message}\n`);
    process.exit(2);
  });
}
