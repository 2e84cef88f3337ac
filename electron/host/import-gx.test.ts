/** HostRequest.ImportGxSuite: a local suite file as a new spec; anything else is refused in one line. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostRequest } from '../../pipelines/protocol/host';
import { parseSpec } from '../../pipelines/spec/parse';
import { Host } from './host';

let dir: string;
let host: Host;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-import-gx-'));
  host = new Host({ dataDir: join(dir, 'data'), appDir: dir });
  writeFileSync(
    join(dir, 'suite.json'),
    JSON.stringify({
      name: 'orders',
      expectations: [
        { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'id' } },
        { type: 'expect_column_pair_values_to_be_equal', kwargs: {} },
      ],
    }),
  );
  writeFileSync(join(dir, 'huge.json'), Buffer.alloc(9 * 1024 ** 2, 32));
  writeFileSync(join(dir, 'list.json'), '[]');
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HostRequest.ImportGxSuite', () => {
  it('answers with a valid spec and what did not carry over', async () => {
    const answer = await host.handle(HostRequest.ImportGxSuite, { path: join(dir, 'suite.json') });
    expect(answer.ok).toBe(true);
    const result = (answer as { result: { specYaml: string; suite: string; expectations: number; unmapped: unknown[] } }).result;
    expect(result).toMatchObject({ suite: 'orders', expectations: 2, unmapped: [{ name: 'expect_column_pair_values_to_be_equal' }] });
    expect(parseSpec(result.specYaml, 'x.winnow.yaml').steps).toEqual([{ id: 'not_null_id', check: 'not_null', column: 'id' }]);
  });

  it.each([
    ['a URL', 'https://example.com/suite.json', /local file/],
    ['a folder', '.', /not a file/],
    ['a missing file', 'nope.json', /no such file/],
    ['a file too large to be a suite', 'huge.json', /larger than 8 MB/],
    ['JSON that is not a suite', 'list.json', /not a GX expectation suite/],
    ['a NUL byte', 'a\0b.json', /NUL/],
  ])('refuses %s', async (_what, path, message) => {
    const answer = await host.handle(HostRequest.ImportGxSuite, {
      path: path.startsWith('http') || path === '.' ? (path === '.' ? dir : path) : join(dir, path),
    });
    expect(answer.ok).toBe(false);
    expect((answer as { error: { error: string } }).error.error).toMatch(message);
  });
});
