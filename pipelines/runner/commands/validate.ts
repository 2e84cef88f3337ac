import { ingestSource } from '../../ingest/ingest';
import { createRejectsTable } from '../../rejects';
import { checkStepColumns } from '../../spec/check-columns';
import { SpecErrors } from '../../spec/parse';
import { checkSqlFragments } from '../../spec/sql-fragments';
import { NativeEngine } from '../native-engine';
import { loadSpec, resolveSources } from '../run';
import type { RegisterCommand } from './command';

export const registerValidate: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('validate')
    .description('Check a spec without running it: its shape, its SQL, and its steps against the input columns.')
    .argument('<spec>', 'the pipeline spec')
    .option('--no-data', 'only check the spec itself, not the input files')
    .addHelpText('after', '\nExample:\n  winnow validate examples/flights/flights.winnow.yaml')
    .action(async (specPath: string, options: { data: boolean }) => {
      const spec = await loadSpec(specPath);
      const engine = await NativeEngine.create();
      try {
        // DuckDB's parser reads each SQL fragment; nothing of the spec runs.
        const fragmentErrors = await checkSqlFragments(engine, spec, specPath);
        if (fragmentErrors.length) throw new SpecErrors(fragmentErrors);
        if (!options.data) {
          io.out(`${specPath}: valid (${spec.steps.length} steps)`);
          setExit(0);
          return;
        }
        const sources = await resolveSources(spec, specPath);
        const input = sources.find((source) => source.name === (spec.input ?? Object.keys(spec.sources)[0]))!;
        await createRejectsTable(engine);
        const read = await ingestSource(engine, input, '__winnow_validate');
        const errors = checkStepColumns(spec, read.schema, specPath);
        if (errors.length) throw new SpecErrors(errors);
        io.out(`${specPath}: valid (${spec.steps.length} steps; input "${input.name}": ${read.schema.length} columns, ${input.files.length} file(s))`);
      } finally {
        await engine.close();
      }
      setExit(0);
    });
};
