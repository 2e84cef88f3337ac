import { writeFile } from 'node:fs/promises';
import { buildSpecSchema } from '../../spec/schema';
import type { RegisterCommand } from './command';

export const SCHEMA_PATH = 'pipelines/spec/winnow-spec.schema.json';

export const registerSchema: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('schema')
    .description("Print the spec's JSON Schema (for editors), or write it into the repository.")
    .option('--write', `write it to ${SCHEMA_PATH}`)
    .addHelpText('after', '\nExample:\n  winnow schema > winnow-spec.schema.json')
    .action(async (options: { write?: boolean }) => {
      const text = JSON.stringify(buildSpecSchema(), null, 2) + '\n';
      if (options.write) await writeFile(SCHEMA_PATH, text);
      else io.out(text);
      setExit(0);
    });
};
