/**
 * `npm run pack:runner [-- --sea]`: writes dist/winnow-runner-<version>-<platform>.tar.gz (with
 * --sea, ...-sea.tar.gz, whose bin/winnow is a Node single executable), built in dist/pack/, and
 * prints its size against its budget. See scripts/pack/runner-artifact.ts.
 */
import { join, relative } from 'node:path';
import { root } from './esbuild-options.mjs';
import { packRunner } from './pack/runner-artifact';

const sea = process.argv.includes('--sea');
const started = Date.now();
const artifact = await packRunner({ outDir: join(root, 'dist'), stagingDir: join(root, 'dist', 'pack', sea ? 'runner-sea' : 'runner'), sea });
const megabytes = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
const within = artifact.bytes <= artifact.budgetBytes;
process.stdout.write(
  `${relative(process.cwd(), artifact.path)}: ${megabytes(artifact.bytes)} (budget ${megabytes(artifact.budgetBytes)}${within ? '' : ', OVER BUDGET'}), ` +
    `${artifact.packages.length} packages, built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
);
if (!within) process.exitCode = 1;
