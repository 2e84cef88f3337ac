import { ingestSource } from '../../../ingest/ingest';
import { bindPipeline } from '../../../run/execute';
import { checkRoleColumns, checkStepColumns } from '../../../spec/check-columns';
import { SpecErrors } from '../../../spec/parse';
import { checkSqlFragments } from '../../../spec/sql-fragments';
import { baselineWarnings, specWarnings, warningLine } from '../../../spec/warnings';
import { NativeEngine } from '../../engine/native-engine';
import { loadSpec, resolveSources } from '../../run-to-disk/run';
import type { RegisterCommand } from './command';

export const registerValidate: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('validate')
    .description('Check a spec without running it: its shape, its SQL, and every step bound against the input columns and types.')
    .argument('<spec>', 'the pipeline spec')
    .option('--no-data', 'only check the spec itself, not the input files')
    .addHelpText(
      'after',
      `
With the data, each step's SQL is bound by DuckDB against the columns and types that reach it
(over no rows: nothing is computed), so a spec that is valid cannot fail a run with a binder error.
A step after a one-hot encode is checked by its shape only: its columns depend on the data.

Example:
  winnow validate examples/flights/flights.winnow.yaml`,
    )
    .action(async (specPath: string, options: { data: boolean }) => {
      const spec = await loadSpec(specPath);
      const engine = await NativeEngine.create();
      try {
        // DuckDB's parser reads each SQL fragment; nothing of the spec runs.
        const fragmentErrors = await checkSqlFragments(engine, spec, specPath);
        if (fragmentErrors.length) throw new SpecErrors(fragmentErrors);
        // A check that cannot fail (or cannot pass) is valid, as in Great Expectations; it is said, not refused.
        for (const warning of specWarnings(spec, specPath)) io.err(warningLine(warning));
        if (!options.data) {
          io.out(`${specPath}: valid (${spec.steps.length} steps)`);
          setExit(0);
          return;
        }
        const sources = await resolveSources(spec, specPath);
        const input = sources.find((source) => source.name === (spec.input ?? Object.keys(spec.sources)[0]))!;
        let schema: { name: string }[] = [];
        const sourceColumns = new Map<string, { name: string }[]>();
        const { unbound } = await bindPipeline(engine, {
          spec,
          specFile: specPath,
          input,
          sources,
          asOf: new Date(),
          ingest: async (engine, source, table) => {
            const read = await ingestSource(engine, source, table);
            sourceColumns.set(source.name, read.schema);
            if (source.name === input.name) {
              schema = read.schema;
              // Every missing column at once, before DuckDB binds the steps one by one.
              const errors = [...checkRoleColumns(spec, read.schema, specPath), ...checkStepColumns(spec, read.schema, specPath)];
              if (errors.length) throw new SpecErrors(errors);
            }
            return read;
          },
        });
        for (const warning of baselineWarnings(spec, specPath, sourceColumns)) io.err(warningLine(warning));
        const shapeOnly = unbound.length ? `; ${unbound.length} step(s) after a one-hot encode checked by shape only` : '';
        io.out(`${specPath}: valid (${spec.steps.length} steps; input "${input.name}": ${schema.length} columns, ${input.files.length} file(s)${shapeOnly})`);
      } finally {
        await engine.close();
      }
      setExit(0);
    });
};
