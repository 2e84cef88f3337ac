/**
 * Credentials never reach what a run writes: a spec is run against s3rver with a unique marker
 * as AWS_SECRET_ACCESS_KEY (s3rver accepts any secret), and every file the run writes (manifest,
 * report.json, report.html, rejects, outputs, the cache) and everything it prints is searched
 * for the marker, for a passing run, a failing run and a run that stops on an input error.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/cli';
import { restoreEnv, s3ServerEnv, setEnv, startS3Server, type TestS3Server } from '../../../../testing/s3rver-server';

let server: TestS3Server;
let dir: string;

beforeAll(async () => {
  server = await startS3Server(['data']);
  dir = mkdtempSync(join(tmpdir(), 'winnow-s3-secrets-'));
  const rows = Array.from({ length: 50 }, (_, index) => `${index + 1},${index % 7}`);
  await server.put('data', 'readings/part-1.csv', ['id,temp', ...rows.slice(0, 25), '26,1,extra'].join('\n') + '\n');
  await server.put('data', 'readings/part-2.csv', ['id,temp', ...rows.slice(26)].join('\n') + '\n');
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(restoreEnv);

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const spec = (uri: string, maxTemp: number) => `version: 1
name: readings
seed: 3
sources:
  readings:
    uri: ${uri}
steps:
  - { id: cols, check: schema, columns: { id: BIGINT, temp: BIGINT } }
  - { id: temp_range, check: between, column: temp, min: 0, max: ${maxTemp} }
outputs:
  - { name: clean, format: parquet }
  - { name: clean_csv, format: csv }
`;

describe('the AWS secret stays out of everything a run writes', () => {
  it.each([
    ['a passing run', 's3://data/readings/', 10, 0],
    ['a failing run', 's3://data/readings/', 3, 1],
    ['a run that cannot read its input', 's3://data/nothing-here.csv', 10, 2],
  ])('%s', async (name, uri, maxTemp, exitCode) => {
    const marker = `WINNOW-SECRET-${randomBytes(12).toString('hex')}`;
    const folder = mkdtempSync(join(dir, 'run-'));
    const cache = join(folder, 'cache');
    setEnv(s3ServerEnv(server, cache, marker));
    const specPath = join(folder, 'readings.winnow.yaml');
    writeFileSync(specPath, spec(uri, maxTemp));
    let printed = '';
    const io = { out: (text: string) => void (printed += text + '\n'), err: (text: string) => void (printed += text + '\n'), isTTY: false };
    const code = await main(['run', specPath, '--out', join(folder, 'out')], io);
    expect(code, `${name}: ${printed}`).toBe(exitCode);

    const written = filesUnder(folder);
    if (exitCode !== 2) {
      const names = written.map((file) => file.slice(folder.length + 1));
      expect(names).toEqual(expect.arrayContaining(['out/manifest.json', 'out/report.json', 'out/report.html', 'out/rejects.parquet']));
      expect(names.some((file) => file.startsWith('cache/objects/'))).toBe(true);
      if (exitCode === 0) expect(names).toEqual(expect.arrayContaining(['out/clean.parquet', 'out/clean_csv.csv']));
    }
    for (const file of written) expect(readFileSync(file).includes(marker), file).toBe(false);
    expect(printed).not.toContain(marker);
  });
});
