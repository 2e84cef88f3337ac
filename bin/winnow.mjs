#!/usr/bin/env node
// The `winnow` command. The CLI is bundled by `npm run build` (run on install by `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/winnow.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('winnow: the CLI is not built yet; run `npm run build` in the Winnow checkout\n');
  process.exit(2);
}
const { main } = await import(bundle);
process.exitCode = await main(process.argv.slice(2));
