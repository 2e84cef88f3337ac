import { expect, it } from 'vitest';
import { WinnowError } from './errors';

it('names file, line, step and field in one line', () => {
  expect(new WinnowError('expected a number', { file: 'a.yaml', line: 3, stepId: 'd', field: 'min' }).oneLine()).toBe(
    'a.yaml:3, step "d", field "min": expected a number',
  );
});

it('does not repeat a file the message already starts with', () => {
  expect(new WinnowError('/data/x.parquet cannot be read as Parquet', { file: '/data/x.parquet' }, 'input').oneLine()).toBe(
    '/data/x.parquet cannot be read as Parquet',
  );
});
