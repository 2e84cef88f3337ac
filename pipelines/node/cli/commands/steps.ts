import { checks, transforms } from '../../../steps/registry';
import type { RegisterCommand } from './command';

export const registerSteps: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('steps')
    .description('List every check and transform with a one-line summary.')
    .addHelpText('after', '\nExample:\n  winnow steps')
    .action(() => {
      const width = Math.max(...[...checks.keys(), ...transforms.keys()].map((name) => name.length));
      const line = (definition: { name: string; summary: string }) => `  ${definition.name.padEnd(width)}  ${definition.summary}`;
      io.out(['checks:', ...[...checks.values()].map(line), 'transforms:', ...[...transforms.values()].map(line)].join('\n'));
      setExit(0);
    });
};
