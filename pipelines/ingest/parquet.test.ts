/**
 * Parquet sources (native engine): partition folders, hive columns, row numbers within files,
 * and files that cannot be read at all.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { NativeEngine } from '../node/engine/native-engine';
import { resolveSource } from '../node/sources/resolve-source';
import { literal } from '../sql';
import { InputFolder, ingest } from '../../testing/ingest-kit';
import { ingestSource } from './ingest';

describe('Parquet sources', () => {
  let engine: Engine;
  let folder: InputFolder;

  beforeAll(async () => {
    engine = await NativeEngine.create({ threads: 2 });
    folder = new InputFolder();
  });
  afterAll(async () => {
    await engine?.close();
    folder?.remove();
  });

  /** Writes `select` to `name` as Parquet with native DuckDB; returns the path. */
  async function writeParquet(name: string, select: string): Promise<string> {
    const file = folder.write(name, '');
    await engine.run(`COPY (${select}) TO ${literal(file)} (FORMAT parquet)`);
    return file;
  }

  it('reads a folder of hive partitions in sorted file order, numbering rows within each file', async () => {
    const base = `${folder.path}/events`;
    await engine.run(
      `COPY (SELECT * FROM (VALUES (1, 2023, 'a'), (2, 2024, 'b'), (3, 2024, 'c'), (4, 2023, 'd')) AS t(id, year, label) ORDER BY id)
       TO ${literal(base)} (FORMAT parquet, PARTITION_BY (year))`,
    );
    const source = await resolveSource('events', { uri: 'events' }, folder.path);
    expect(source.format).toBe('parquet');
    expect(source.files.map((file) => folder.short(file))).toEqual(['events/year=2023/data_0.parquet', 'events/year=2024/data_0.parquet']);
    const result = await ingestSource(engine, source, 'events');
    expect(result).toMatchObject({ read: 4, kept: 4, rejected: 0 });
    expect(result.schema).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'label', type: 'VARCHAR' },
      { name: 'year', type: 'BIGINT' },
    ]);
    const rows = await engine.query('SELECT * FROM events ORDER BY __winnow_row');
    expect(rows.map((row) => [row.__winnow_row, folder.short(String(row.__winnow_file)), row.__winnow_line, row.id, row.label, row.year])).toEqual([
      [1, 'events/year=2023/data_0.parquet', 1, 1, 'a', 2023],
      [2, 'events/year=2023/data_0.parquet', 2, 4, 'd', 2023],
      [3, 'events/year=2024/data_0.parquet', 1, 2, 'b', 2024],
      [4, 'events/year=2024/data_0.parquet', 2, 3, 'c', 2024],
    ]);
    const plain = await ingestSource(engine, { ...source, options: { hive_partitioning: false } }, 'events_plain');
    expect(plain.schema.map((column) => column.name)).toEqual(['id', 'label']);
  });

  it('unites files with different columns by name', async () => {
    const first = await writeParquet('union/a.parquet', `SELECT 1 AS id, 'x' AS a`);
    const second = await writeParquet('union/b.parquet', `SELECT 2 AS id, 3.5 AS b`);
    const outcome = await ingest(engine, folder, 'united', [first, second], 'parquet');
    expect(outcome.result).toMatchObject({ read: 2, kept: 2, rejected: 0 });
    expect(outcome.rows.map((row) => [row.__winnow_file, row.__winnow_line, row.id, row.a, row.b])).toEqual([
      ['union/a.parquet', 1, 1, 'x', null],
      ['union/b.parquet', 1, 2, null, 3.5],
    ]);
  });

  it('stops on a truncated file, naming it', async () => {
    const good = await writeParquet('truncated/a.parquet', 'SELECT range AS id FROM range(1000)');
    const whole = readFileSync(good);
    const cut = folder.write('truncated/b.parquet', whole.subarray(0, whole.length - 200));
    const error = await ingest(engine, folder, 'truncated', [good, cut], 'parquet').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WinnowError);
    expect(error).toMatchObject({ kind: 'input', place: { file: cut } });
    expect((error as WinnowError).message).toMatch(new RegExp(`^${cut} cannot be read as Parquet: `));
  });

  it('stops on a file that is not Parquet at all, naming it', async () => {
    const file = folder.write('not-parquet.parquet', 'id,name\n1,a\n');
    const error = await ingest(engine, folder, 'not_parquet', [file], 'parquet').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'input', place: { file } });
  });

  it('stops on an empty file, naming it', async () => {
    const file = folder.write('empty.parquet', '');
    const error = await ingest(engine, folder, 'empty_parquet', [file], 'parquet').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'input', place: { file } });
    expect((error as WinnowError).message).toContain(`${file} is empty`);
  });

  it('stops when types are declared, which only CSV sources take', async () => {
    const file = await writeParquet('typed.parquet', 'SELECT 1 AS id');
    const error = await ingest(engine, folder, 'typed', [file], 'parquet', { types: { id: 'VARCHAR' } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'spec', place: { field: 'types' } });
  });
});
