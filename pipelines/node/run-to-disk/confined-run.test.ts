/**
 * Defence in depth (issue 11): once a run's sources are read, native DuckDB may touch files only
 * under the run's --out folder and its scratch folder. Here the SQL check of validate is switched
 * off, so a hostile fragment reaches DuckDB, and the confinement alone must stop it.
 */
import { access, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { literal } from '../../sql';
import { NativeEngine } from '../engine/native-engine';
import { winnow } from '../../../testing/cli-kit';

vi.mock('../../spec/sql-fragments', () => ({ checkSqlFragments: async () => [] }));

let folder: string;

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-confined-'));
  await mkdir(join(folder, 'data'));
  await writeFile(join(folder, 'data', 'flights.csv'), 'id,delay\n1,5\n2,30\n');
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('a run, its SQL unchecked', () => {
  async function run(name: string, step: Record<string, unknown>): Promise<{ code: number; err: string; out: string }> {
    const path = join(folder, `${name}.winnow.yaml`);
    await writeFile(
      path,
      `version: 1\nname: ${name}\nsources:\n  flights:\n    uri: data/flights.csv\nsteps:\n  - ${JSON.stringify(step)}\noutputs:\n  - { name: kept }\n`,
    );
    return winnow('run', path, '--out', join(folder, `out-${name}`));
  }

  it('cannot COPY outside --out: the run fails and the file is not written', async () => {
    const outside = join(folder, 'outside.csv');
    const result = await run('copy', {
      id: 'late',
      transform: 'filter',
      where: `TRUE), FALSE); COPY (SELECT 'x' AS x) TO ${literal(outside)}; SELECT coalesce((TRUE`,
    });
    expect(result.code).toBe(2);
    expect(result.err).toContain('Permission Error');
    expect(await exists(outside)).toBe(false);
    expect(await readdir(folder)).not.toContain('outside.csv');
  });

  it('cannot read a file: not /etc/passwd, not even its own input again', async () => {
    const passwd = await run('passwd', { id: 'free', transform: 'sql', query: "SELECT * FROM input, read_csv('/etc/passwd')" });
    expect(passwd.code).toBe(2);
    expect(passwd.err).toContain('Permission Error');
    const input = await run('again', {
      id: 'count',
      transform: 'derive',
      column: 'n',
      expr: `(SELECT count(*) FROM read_csv(${literal(join(folder, 'data', 'flights.csv'))}))`,
    });
    expect(input.code).toBe(2);
    expect(input.err).toContain('Permission Error');
  });

  it('cannot ATTACH a database file', async () => {
    const attached = join(folder, 'attached.duckdb');
    const result = await run('attach', {
      id: 'late',
      transform: 'filter',
      where: `TRUE), FALSE); ATTACH ${literal(attached)} AS elsewhere; SELECT coalesce((TRUE`,
    });
    expect(result.code).toBe(2);
    expect(result.err).toContain('Permission Error');
    expect(await exists(attached)).toBe(false);
  });
});

describe('NativeEngine.confine', () => {
  it('allows files only under the given folders, for good', async () => {
    const allowed = join(folder, 'run');
    await mkdir(allowed, { recursive: true });
    await mkdir(join(folder, 'run2'), { recursive: true });
    const engine = await NativeEngine.create({ threads: 1 });
    try {
      await engine.confine([allowed]);
      await engine.run(`COPY (SELECT 1 AS x) TO ${literal(join(allowed, 'inside.parquet'))} (FORMAT parquet)`);
      expect(await engine.query(`SELECT x FROM read_parquet(${literal(join(allowed, 'inside.parquet'))})`)).toEqual([{ x: 1 }]);
      // A sibling that shares the folder's name as a prefix, and a way up out of it.
      for (const path of [join(folder, 'run2', 'x.csv'), `${allowed}/../escaped.csv`, join(folder, 'x.csv')]) {
        await expect(engine.run(`COPY (SELECT 1 AS x) TO ${literal(path)}`)).rejects.toThrow(/Permission Error/);
      }
      expect(await exists(join(folder, 'escaped.csv'))).toBe(false);
      await expect(engine.run('SET enable_external_access = true')).rejects.toThrow(/Cannot change enable_external_access/);
      await expect(engine.run(`SET allowed_directories = ['/']`)).rejects.toThrow(/Cannot change allowed_directories/);
    } finally {
      await engine.close();
    }
  });
});
