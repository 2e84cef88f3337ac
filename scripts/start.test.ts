/**
 * `npm start -- PATH` opens PATH as typed where the person is (npm itself runs the script in the
 * package folder), the sample without one, and passes browser mode's own flags on.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startArguments } from './start.mjs';

const root = join(import.meta.dirname, '..');
const sample = join(root, 'examples', 'flights', 'data', 'flights.csv');

describe('npm start -- PATH', () => {
  it('opens a relative PATH from where npm was run (INIT_CWD), not the package folder', () => {
    expect(startArguments(['flights.winnow.yaml'], { INIT_CWD: '/home/me/pipelines' }, root)).toEqual({
      open: '/home/me/pipelines/flights.winnow.yaml',
      serverArgs: [],
    });
    expect(startArguments(['examples/flights/flights.winnow.yaml'], {}, root).open).toBe(join(root, 'examples', 'flights', 'flights.winnow.yaml'));
  });

  it('without a PATH opens the sample, and flags go to the server either way', () => {
    expect(startArguments([], {}, root)).toEqual({ open: sample, serverArgs: [] });
    expect(startArguments(['--port', '8080'], {}, root)).toEqual({ open: sample, serverArgs: ['--port', '8080'] });
    expect(startArguments(['/data/project', '--port', '8080'], {}, root)).toEqual({ open: '/data/project', serverArgs: ['--port', '8080'] });
  });

  it('passes a URL on as it is, never as a path under the current folder', () => {
    expect(startArguments(['s3://bucket/key.parquet'], { INIT_CWD: '/home/me' }, root).open).toBe('s3://bucket/key.parquet');
  });
});
