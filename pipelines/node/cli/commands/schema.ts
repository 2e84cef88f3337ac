import { buildSpecSchema } from '../../../spec/schema';
import type { RegisterCommand } from './command';

export const registerSchema: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('schema')
    .description("Print the spec's JSON Schema, for editors that autocomplete YAML.")
    .addHelpText('after', '\nExample:\n  winnow schema > winnow-spec.schema.json')
    .action(() => {
      io.out(JSON.stringify(buildSpecSchema(), null, 2));
      setExit(0);
    });
};
