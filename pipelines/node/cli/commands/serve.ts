import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RegisterCommand } from './command';

/**
 * `winnow serve`: the browser-mode server (electron/server), started as its own process so the
 * runner stays free of app code. It prints the address to open, with its session token.
 */
export const registerServe: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('serve')
    .description('Start Winnow in browser mode: a local server on 127.0.0.1 with a session token.')
    .option('--port <n>', 'port (default: a free one)')
    .option('--open <path>', 'a dataset, spec file or project folder to open when the page loads (a spec opens on its input, with its cells)')
    .addHelpText(
      'after',
      '\nOn a remote GPU host, tunnel the printed port: ssh -L PORT:127.0.0.1:PORT host\n\nExamples:\n  winnow serve --open examples/flights/data/flights.csv\n  winnow serve --open examples/flights/flights.winnow.yaml',
    )
    .action(async (options: { port?: string; open?: string }) => {
      const server = fileURLToPath(new URL('./server.mjs', import.meta.url));
      if (!existsSync(server)) {
        io.err('winnow serve: the app is not built; run `npm run build && npm run build:app` in the Winnow checkout');
        setExit(2);
        return;
      }
      const args = [server, ...(options.port ? ['--port', options.port] : []), ...(options.open ? ['--open', options.open] : [])];
      const child = spawn(process.execPath, args, { stdio: 'inherit' });
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
      setExit(await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0))));
    });
};
