/** `winnow import gx` and `winnow export gx`: Great Expectations suites to specs and back (pipelines/gx). */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { WinnowError } from '../../../errors';
import { exportGxSuite, importGxSuite, parseGxSuite, type Unmapped } from '../../../gx/mapping';
import { parseSpec } from '../../../spec/parse';
import { relativePosix } from '../../run-to-disk/paths';
import type { Io, RegisterCommand } from './command';

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

async function refuseOverwrite(path: string, force: boolean | undefined, flag: string): Promise<void> {
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists && !force) throw new WinnowError(`${path} exists; pass --force to overwrite it`, { file: path, field: flag }, 'spec');
}

async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new WinnowError(error.code === 'ENOENT' ? 'no such file' : `cannot read: ${error.message}`, { file: path }, 'input');
  });
}

function warn(io: Io, unmapped: Unmapped[], what: string): void {
  if (unmapped.length === 0) return;
  io.err(`winnow: ${unmapped.length} ${what} not carried over:`);
  for (const entry of unmapped) io.err(`  ${entry.name}: ${entry.reason}`);
}

export const registerGx: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('import')
    .description('Turn another tool’s checks into a Winnow spec')
    .command('gx')
    .description('A Great Expectations expectation suite (1.x JSON; 0.x too) as a Winnow spec; expectations Winnow cannot check are listed on stderr.')
    .argument('<suite>', 'the suite’s JSON file')
    .option('--out <file>', 'write the spec here instead of printing it')
    .option('--force', 'overwrite --out if it exists')
    .option('--source <uri>', 'the data the spec runs over (the suite does not say)', 'data.csv')
    .addHelpText(
      'after',
      '\nExit 0 with a warning per expectation left out; 2 when the file is not a suite.\nThe mapping is in docs/gx.md.\n\nExample:\n  winnow import gx suites/orders.json --source data/orders.parquet --out orders.winnow.yaml',
    )
    .action(async (suitePath: string, options: { out?: string; force?: boolean; source: string }) => {
      const file = resolve(suitePath);
      const suite = parseGxSuite(await readText(file), suitePath);
      // The spec names its data relative to where the spec is saved (the current folder when printed).
      const specFolder = options.out ? dirname(resolve(options.out)) : process.cwd();
      const source = URL.test(options.source) ? options.source : relativePosix(specFolder, resolve(options.source));
      const imported = importGxSuite(suite, { source });
      // The result is a spec `winnow run` accepts: checked here, before anything is written.
      parseSpec(imported.yaml, options.out ?? 'imported.winnow.yaml');
      if (options.out) {
        await refuseOverwrite(resolve(options.out), options.force, '--out');
        await mkdir(specFolder, { recursive: true });
        await writeFile(resolve(options.out), imported.yaml);
        io.out(`${options.out}: ${imported.spec.steps.length} step(s) from ${suite.expectations.length} expectation(s) of "${suite.name}"`);
      } else io.out(imported.yaml.trimEnd());
      warn(io, imported.unmapped, 'expectation(s)');
      setExit(0);
    });

  program
    .command('export')
    .description('Write a spec’s checks in another tool’s form')
    .command('gx')
    .description('The checks of a spec as a Great Expectations 1.x expectation suite (JSON); steps GX has no expectation for are listed on stderr.')
    .argument('<spec>', 'a *.winnow.yaml spec')
    .option('--out <file>', 'write the suite here instead of printing it')
    .option('--force', 'overwrite --out if it exists')
    .action(async (specPath: string, options: { out?: string; force?: boolean }) => {
      const spec = parseSpec(await readText(resolve(specPath)), specPath);
      const exported = exportGxSuite(spec);
      const json = JSON.stringify(exported.suite, null, 2) + '\n';
      if (options.out) {
        await refuseOverwrite(resolve(options.out), options.force, '--out');
        await writeFile(resolve(options.out), json);
        io.out(`${options.out}: ${exported.suite.expectations.length} expectation(s) from ${spec.steps.length} step(s) of "${spec.name}"`);
      } else io.out(json.trimEnd());
      warn(io, exported.unmapped, 'step(s)');
      setExit(0);
    });
};
