/**
 * `winnow run` with outputs that take the data right after a middle step (`from: <step id>`):
 * each writes that point's rows and columns, the manifest records each output's own rows and
 * hashes, the row accounting stays that of the final rows, and `winnow verify` passes.
 */
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Manifest } from '../../manifest/manifest';
import { NativeEngine } from '../engine/native-engine';
import { winnow } from '../../../testing/cli-kit';

// 60 readings: ids 1 to 55, then 10, 20, ... 50 again (a dedupe drops 5); the temperatures 99 (ids 1, 21, 41) are rejected.
const csv =
  [
    'id,city,temp',
    ...Array.from(
      { length: 60 },
      (_, index) => `${index < 55 ? index + 1 : (index - 54) * 10},${['Oslo', 'Rome', 'Lima'][index % 3]},${index % 20 === 0 ? 99 : (index % 30) - 5}`,
    ),
  ].join('\n') + '\n';

const spec = `version: 1
name: weather
seed: 3
sources:
  readings: { uri: readings.csv }
steps:
  - { id: fahrenheit, transform: derive, column: temp_f, expr: "temp * 9 / 5 + 32" }
  - { id: plausible, check: between, column: temp, min: -20, max: 45, on_fail: reject }
  - { id: unique, transform: dedupe, columns: [id] }
  - { id: slim, transform: drop, columns: [temp_f] }
  - { id: warm, transform: filter, where: "temp > 0" }
  - { id: split, transform: split, method: hash, key: [id], fractions: { train: 0.75, test: 0.25 } }
outputs:
  - { name: derived, from: fahrenheit, format: csv }
  - { name: deduped, from: unique, shards: 2 }
  - { name: train, from: split.train }
  - { name: everything }
`;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-output-from-'));
  await writeFile(join(folder, 'readings.csv'), csv);
  await writeFile(join(folder, 'weather.winnow.yaml'), spec);
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

it('writes the rows and columns of each output’s point in the pipeline, and verify passes', async () => {
  expect(await winnow('validate', join(folder, 'weather.winnow.yaml'))).toMatchObject({ code: 0, err: '' });
  const out = join(folder, 'out');
  const run = await winnow('run', join(folder, 'weather.winnow.yaml'), '--out', out);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;

  const engine = await NativeEngine.create({ threads: 1 });
  try {
    const read = async (sql: string) => engine.query(sql);
    // Right after the derive: every row read, with the column a later step drops.
    const derived = await read(`SELECT * FROM read_csv('${join(out, 'derived.csv')}')`);
    expect(derived).toHaveLength(60);
    expect(Object.keys(derived[0]!)).toEqual(['id', 'city', 'temp', 'temp_f']);
    // Right after the dedupe: no rejected row, no duplicate id, still temp_f; its two shards hold them all.
    const deduped = await read(`SELECT * FROM read_parquet('${join(out, 'deduped-*.parquet')}') ORDER BY id`);
    expect(deduped.map((row) => Number(row.id))).toEqual(Array.from({ length: 55 }, (_, index) => index + 1).filter((id) => ![1, 21, 41].includes(id)));
    expect(Object.keys(deduped[0]!)).toEqual(['id', 'city', 'temp', 'temp_f']);
    // The final rows, as before: the filter's drops gone, temp_f dropped.
    const everything = await read(`SELECT * FROM read_parquet('${join(out, 'everything.parquet')}')`);
    expect(Object.keys(everything[0]!)).toEqual(['id', 'city', 'temp']);
    expect(everything.every((row) => Number(row.temp) > 0)).toBe(true);

    const rowsOf = (name: string) => manifest.outputs.find((output) => output.name === name)!;
    expect(rowsOf('derived')).toMatchObject({ from: 'fahrenheit', rows: 60 });
    expect(rowsOf('deduped')).toMatchObject({ from: 'unique', rows: deduped.length });
    expect(
      rowsOf('deduped')
        .files.map((file) => file.rows)
        .reduce((sum, rows) => sum! + rows!, 0),
    ).toBe(deduped.length);
    expect(rowsOf('everything').rows).toBe(everything.length);
    expect(rowsOf('train').rows).toBeLessThan(everything.length);
    // The accounting is the final rows': read = kept + rejected + dropped (by the dedupe and the filter).
    expect(manifest.rowCounts).toMatchObject({ read: 60, kept: everything.length, rejected: 3 });
    expect(manifest.rowCounts.read).toBe(manifest.rowCounts.kept + manifest.rowCounts.rejected + manifest.rowCounts.dropped);
  } finally {
    await engine.close();
  }
  expect(await winnow('verify', join(out, 'manifest.json'))).toMatchObject({ code: 0 });
  // The report says where each output's rows come from.
  const report = await readFile(join(out, 'report.html'), 'utf8');
  expect(report).toContain('after step fahrenheit');
  expect(report).toContain('split.train');
});

it('refuses an output from a disabled step before reading anything', async () => {
  const path = join(folder, 'disabled.winnow.yaml');
  await writeFile(path, spec.replace('transform: dedupe, columns: [id] }', 'transform: dedupe, columns: [id], enabled: false }'));
  const result = await winnow('run', path, '--out', join(folder, 'out-disabled'));
  expect(result.code).toBe(2);
  expect(result.err.trim()).toBe(`${path}:15, field "outputs[1].from": "unique" names step "unique", which is disabled: it has no data to take`);
  await expect(access(join(folder, 'out-disabled'))).rejects.toThrow();
});
