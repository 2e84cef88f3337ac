import { access, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Format } from '../../../engine/engine';
import { WinnowError } from '../../../errors';
import { suggestSpec } from '../../../stats/profile/suggest';
import { rolesYaml, suggestRoles } from '../../../stats/profile/suggest-roles';
import { relativePosix } from '../../run-to-disk/paths';
import type { RegisterCommand } from './command';
import { parseFormat, parseThreads, profileUri } from './profile';

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The dataset's name from its URI: the last path part without extensions (`flights.csv.gz` is flights). */
function nameOf(uri: string): string {
  const last = basename(uri.replace(/[/\\]+$/, '').replace(/[?#].*$/, ''));
  return last.replace(/\..*$/, '') || 'dataset';
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export const registerSuggest: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('suggest')
    .description(
      'Write a starter spec from a profile of a dataset: schema, not_null where complete, between the observed range, in_set for few values, unique where unique; and column roles (id, timestamp, label, prediction, score).',
    )
    .argument('<uri>', 'a file, folder, glob or http(s) URL')
    .option('--out <file>', 'write the spec to this file instead of printing it')
    .option('--force', 'overwrite --out if it exists')
    .option('--name <name>', 'the spec name (default: the file name)')
    .option('--format <format>', 'the file format when the name does not say', parseFormat)
    .option('--threads <n>', 'DuckDB threads (default: all cores)', parseThreads)
    .option('--roles', "print only the columns' suggested roles (id, timestamp, label, prediction, score), as a columns: block to paste into a spec")
    .addHelpText(
      'after',
      `
The spec records what this data showed (ranges, value sets), not what is valid: review each step.
Distinct counts are exact here, whatever the size. The rules are in docs/statistics.md.

Example:
  winnow suggest examples/penguins/data/penguins.csv --out penguins.winnow.yaml
  winnow run penguins.winnow.yaml
  winnow suggest visits.csv --roles`,
    )
    .action(async (uri: string, options: { out?: string; force?: boolean; name?: string; format?: Format; threads?: number; roles?: boolean }) => {
      if (options.roles) {
        if (options.out) throw new WinnowError('--roles prints a block to paste into a spec; it does not take --out', { field: '--roles' }, 'spec');
        const { report } = await profileUri(uri, { ...options, exact: true });
        io.out(
          rolesYaml(
            suggestRoles(report),
            `Column roles suggested from ${report.dataset.rows} rows of ${uri}: review each, then paste into the spec.`,
          ).trimEnd(),
        );
        setExit(0);
        return;
      }
      const out = options.out ? resolve(options.out) : undefined;
      if (out && !options.force && (await exists(out))) {
        throw new WinnowError(`${options.out} exists; pass --force to overwrite it`, { file: options.out, field: '--out' }, 'spec');
      }
      const { report, opened } = await profileUri(uri, { ...options, exact: true });
      // The spec's source is relative to where the spec is saved (the current folder when printed).
      const specFolder = out ? dirname(out) : process.cwd();
      const sourceUri = URL.test(uri) ? uri : relativePosix(specFolder, resolve(uri));
      const name = options.name ?? nameOf(uri);
      const sourceName = name.replace(/[^A-Za-z0-9_-]+/g, '_') || 'data';
      const { spec, yaml } = suggestSpec(report, { name, source: { name: sourceName, uri: sourceUri, format: options.format } });
      if (!out) io.out(yaml);
      else {
        await writeFile(out, yaml);
        const unread = opened.rejected > 0 ? ` (${opened.rejected} unreadable rows left out)` : '';
        io.out(
          `${options.out}: ${spec.steps.length} suggested steps from ${report.dataset.rows} rows of ${uri}${unread}. Review them, then: winnow run ${options.out}`,
        );
      }
      setExit(0);
    });
};
