/**
 * The runner as a person uses it: `winnow run`, `verify`, `validate` on files in a temp
 * folder, checking exit codes, the files written and the manifest's promises.
 */
import { mkdtemp, readFile, readdir, writeFile, appendFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../manifest/manifest';
import { main } from './cli';
import { NativeEngine } from '../engine/native-engine';

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function winnow(...args: string[]): Promise<Captured> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (text) => (out += text + '\n'), err: (text) => (err += text + '\n'), isTTY: false });
  return { code, out, err };
}

async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

let folder: string;
const csv =
  [
    'id,city,temp,when',
    ...Array.from(
      { length: 200 },
      (_, index) =>
        `${index + 1},${['Oslo', 'Rome', 'Lima'][index % 3]},${index % 50 === 0 ? 99 : (index % 30) - 5},2026-11-${String((index % 20) + 1).padStart(2, '0')}`,
    ),
  ].join('\n') + '\n';

const spec = (extra = '') => `version: 1
name: weather
seed: 11
sources:
  readings:
    uri: data/readings.csv
steps:
  - { id: cols, check: schema, columns: { id: BIGINT, temp: BIGINT } }
  - { id: hot, check: between, column: temp, min: -20, max: 45, on_fail: reject }
  - { id: cities, check: in_set, column: city, values: [Oslo, Rome, Lima] }
  - { id: fahrenheit, transform: derive, column: temp_f, expr: "temp * 9 / 5 + 32" }
  - { id: split, transform: split, method: hash, key: [id], fractions: { train: 0.8, test: 0.2 } }
${extra}outputs:
  - { name: train, from: split.train, shards: 3 }
  - { name: test, from: split.test }
gates:
  max_reject_fraction: 0.05
`;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-cli-'));
  await writeFile(join(folder, 'readings.csv'), csv);
  await import('node:fs/promises').then((fs) => fs.mkdir(join(folder, 'data')));
  await writeFile(join(folder, 'data', 'readings.csv'), csv);
  await writeFile(join(folder, 'weather.winnow.yaml'), spec());
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('winnow run', () => {
  it('passes, writes outputs, rejects and a manifest whose rows add up', async () => {
    const out = join(folder, 'out-pass');
    const result = await winnow('run', join(folder, 'weather.winnow.yaml'), '--out', out);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('weather: PASSED');
    expect(result.out).toContain('rows: read 200 = kept 196 + rejected 4 + dropped 0');
    const files = (await readdir(out)).sort();
    expect(files).toEqual([
      'manifest.json',
      'rejects.parquet',
      'report.html',
      'report.json',
      'test.parquet',
      'train-00000-of-00003.parquet',
      'train-00001-of-00003.parquet',
      'train-00002-of-00003.parquet',
    ]);
    const manifest = await readManifest(out);
    expect(manifest).toMatchObject({
      manifestVersion: 1,
      status: 'passed',
      tool: { name: 'winnow' },
      engine: { name: 'duckdb-native', version: 'v1.4.3', runtime: 'node' },
      seed: 11,
      rowCounts: { read: 200, kept: 196, rejected: 4, dropped: 0 },
      rejects: { path: 'rejects.parquet', rows: 4, byReason: { hot: 4 } },
    });
    expect(manifest.spec.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.inputs[0]).toMatchObject({ source: 'readings', rows: 200, files: [{ path: '../data/readings.csv', bytes: csv.length }] });
    expect(manifest.inputs[0]!.schema.map((column) => column.name)).toEqual(['id', 'city', 'temp', 'when']);
    const hot = manifest.steps.find((step) => step.id === 'hot')!;
    expect(hot).toMatchObject({ kind: 'between', status: 'rejected', unexpectedCount: 4, rowsIn: 200, rowsOut: 196 });
    expect(hot.examples.map((example) => [example.row, example.line, example.value])).toEqual([
      [1, 2, '99'],
      [51, 52, '99'],
      [101, 102, '99'],
      [151, 152, '99'],
    ]);
    const rows = manifest.outputs.reduce((sum, output) => sum + output.rows, 0);
    expect(rows).toBe(196);
    expect(manifest.outputs.find((output) => output.name === 'train')!.files).toHaveLength(3);

    const engine = await NativeEngine.create();
    try {
      const [written] = await engine.query(`SELECT count(*) AS n, count(DISTINCT id) AS ids, min(temp_f) AS low FROM read_parquet('${out}/t*.parquet')`);
      expect(written).toEqual({ n: 196, ids: 196, low: 23 });
      const rejects = await engine.query(`SELECT source, line, step, field FROM read_parquet('${out}/rejects.parquet') ORDER BY line`);
      expect(rejects[0]).toEqual({ source: 'readings', line: 2, step: 'hot', field: 'temp' });
    } finally {
      await engine.close();
    }
  });

  it('exit 1 when a fail check fails: manifest, report and rejects, but no outputs', async () => {
    const path = join(folder, 'failing.winnow.yaml');
    await writeFile(path, spec().replace('on_fail: reject', 'on_fail: fail'));
    const out = join(folder, 'out-fail');
    const result = await winnow('run', path, '--out', out);
    expect(result.code).toBe(1);
    expect(result.out).toContain('failed: step "hot" (between) failed');
    expect((await readdir(out)).sort()).toEqual(['manifest.json', 'rejects.parquet', 'report.html', 'report.json']);
    expect((await readManifest(out)).status).toBe('failed');
  });

  it('exit 1 when a gate fails', async () => {
    const path = join(folder, 'gated.winnow.yaml');
    await writeFile(path, spec().replace('max_reject_fraction: 0.05', 'max_reject_fraction: 0.01'));
    const result = await winnow('run', path, '--out', join(folder, 'out-gate'));
    expect(result.code).toBe(1);
    expect(result.out).toContain('gate max_reject_fraction failed: observed 0.02, limit 0.01');
  });

  it('exit 2 with one line naming file, line, step and field for a bad spec', async () => {
    const path = join(folder, 'typo.winnow.yaml');
    await writeFile(path, spec().replace('check: in_set', 'check: in_sett'));
    const result = await winnow('run', path);
    expect(result.code).toBe(2);
    expect(result.err.trim()).toBe(`${path}:10, step "cities", field "check": unknown check kind "in_sett" (did you mean "in_set"?)`);
  });

  it('exit 2 when the input cannot be found', async () => {
    const path = join(folder, 'missing.winnow.yaml');
    await writeFile(path, spec().replace('data/readings.csv', 'data/nope.csv'));
    const result = await winnow('run', path);
    expect(result.code).toBe(2);
    expect(result.err).toContain('nope.csv');
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('same spec, same inputs: byte-identical outputs with 1 and 2 threads', async () => {
    const one = join(folder, 'out-t1');
    const two = join(folder, 'out-t2');
    expect((await winnow('run', join(folder, 'weather.winnow.yaml'), '--out', one, '--threads', '1')).code).toBe(0);
    expect((await winnow('run', join(folder, 'weather.winnow.yaml'), '--out', two, '--threads', '2')).code).toBe(0);
    const [first, second] = [await readManifest(one), await readManifest(two)];
    expect(second.outputs).toEqual(first.outputs);
    expect(second.rejects.sha256).toBe(first.rejects.sha256);
  });

  it('--snapshot: exit 3 naming the changed file, then verify finds it too', async () => {
    const work = join(folder, 'snap');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(work, 'data'), { recursive: true }));
    await writeFile(join(work, 'data', 'readings.csv'), csv);
    await writeFile(join(work, 'weather.winnow.yaml'), spec());
    const pinned = join(work, 'out-pinned');
    expect((await winnow('run', join(work, 'weather.winnow.yaml'), '--out', pinned)).code).toBe(0);
    expect(await winnow('verify', join(pinned, 'manifest.json'))).toMatchObject({ code: 0 });

    const again = await winnow('run', join(work, 'weather.winnow.yaml'), '--snapshot', join(pinned, 'manifest.json'), '--out', join(work, 'out-again'));
    expect(again.code).toBe(0);

    await appendFile(join(work, 'data', 'readings.csv'), '201,Oslo,3,2026-11-21\n');
    const changed = await winnow('run', join(work, 'weather.winnow.yaml'), '--snapshot', join(pinned, 'manifest.json'), '--out', join(work, 'out-changed'));
    expect(changed.code).toBe(3);
    expect(changed.err).toContain('changed:');
    expect(changed.err).toContain(join(work, 'data', 'readings.csv'));

    const verify = await winnow('verify', join(pinned, 'manifest.json'));
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('changed: ../data/readings.csv (input readings)');
  });

  it('verify reports a missing output file', async () => {
    const out = join(folder, 'out-verify');
    expect((await winnow('run', join(folder, 'weather.winnow.yaml'), '--out', out)).code).toBe(0);
    await rm(join(out, 'test.parquet'));
    const verify = await winnow('verify', join(out, 'manifest.json'));
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('missing: test.parquet (output test)');
  });
});

describe('winnow verify', () => {
  it('fails on a file beside the outputs that has an output’s name but is not in the manifest', async () => {
    const out = join(folder, 'out-extra');
    expect((await winnow('run', join(folder, 'weather.winnow.yaml'), '--out', out)).code).toBe(0);
    const shard = await readFile(join(out, 'train-00000-of-00003.parquet'));
    await writeFile(join(out, 'train-00004-of-00004.parquet'), shard);
    await writeFile(join(out, 'TEST.parquet'), shard);
    await writeFile(join(out, 'notes.txt'), 'not an output file');
    await writeFile(join(out, 'train-notes.parquet'), shard);
    const verify = await winnow('verify', join(out, 'manifest.json'));
    expect(verify.code).toBe(1);
    expect(verify.out.trim().split('\n')).toEqual([
      `${join(out, 'manifest.json')}: 2 file(s) do not match the manifest (it lists 6):`,
      '  extra: TEST.parquet (output test): has the name of an output file but is not in the manifest',
      '  extra: train-00004-of-00004.parquet (output train): has the name of an output file but is not in the manifest',
    ]);
    await rm(join(out, 'train-00004-of-00004.parquet'));
    await rm(join(out, 'TEST.parquet'));
    expect(await winnow('verify', join(out, 'manifest.json'))).toMatchObject({ code: 0 });
  });
});

describe('winnow validate', () => {
  it('checks step columns against the input without running', async () => {
    const path = join(folder, 'columns.winnow.yaml');
    await writeFile(path, spec().replace('column: city', 'column: cty'));
    const result = await winnow('validate', path);
    expect(result.code).toBe(2);
    expect(result.err.trim()).toBe(`${path}, step "cities", field "column": no column "cty" at this step (did you mean "city"?)`);
    expect((await winnow('validate', join(folder, 'weather.winnow.yaml'))).code).toBe(0);
  });
});

describe('--help', () => {
  it.each(['run', 'verify', 'validate', 'schema', 'steps'])('%s --help shows an example', async (command) => {
    const result = await winnow(command, '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Example');
  });
});
