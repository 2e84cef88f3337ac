import { resolve } from 'node:path';
import { verifyManifest } from '../../run-to-disk/verify';
import type { RegisterCommand } from './command';

export const registerVerify: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('verify')
    .description('Re-hash every input and output file a manifest lists; exit 1 if any changed or is missing, or an output has a file it does not list.')
    .argument('<manifest>', 'a manifest.json written by winnow run')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  winnow verify out/flights/manifest.json')
    .action(async (manifest: string, options: { json?: boolean }) => {
      const outcome = await verifyManifest(resolve(manifest));
      if (options.json) io.out(JSON.stringify(outcome, null, 2));
      else if (outcome.problems.length === 0) io.out(`${manifest}: all ${outcome.checked} files match`);
      else {
        io.out(
          [
            `${manifest}: ${outcome.problems.length} file(s) do not match the manifest (it lists ${outcome.checked}):`,
            ...outcome.problems.map((problem) => `  ${problem.problem}: ${problem.path} (${problem.role})${problem.detail ? `: ${problem.detail}` : ''}`),
          ].join('\n'),
        );
      }
      setExit(outcome.problems.length ? 1 : 0);
    });
};
