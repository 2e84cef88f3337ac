/**
 * Issue 11, through the CLI as a person (or an attacker's spec) uses it: SQL fragments that try to
 * run a second statement or read a file are refused by `winnow validate` and `winnow run` alike,
 * with one line naming file, step and field, and nothing is written.
 */
import { access, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../../../testing/cli-kit';

let folder: string;

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** A spec over data/flights.csv with one step, written to `<name>.winnow.yaml`; returns its path. */
async function specWith(name: string, step: Record<string, unknown>): Promise<string> {
  const path = join(folder, `${name}.winnow.yaml`);
  await writeFile(
    path,
    `version: 1\nname: ${name}\nsources:\n  flights:\n    uri: data/flights.csv\nsteps:\n  - ${JSON.stringify(step)}\noutputs:\n  - { name: kept }\n`,
  );
  return path;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-outside-'));
  await mkdir(join(folder, 'data'));
  await writeFile(join(folder, 'data', 'flights.csv'), 'id,origin,destination,delay\n1,OSL,ROM,5\n2,ROM,ROM,30\n3,LIM,OSL,-2\n');
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('a spec cannot reach outside its run', () => {
  const target = () => join(folder, 'written-by-the-spec.csv');
  const copy = () => `COPY (SELECT 'x' AS x) TO '${target()}'`;
  const attach = () => `ATTACH '${join(folder, 'attached.duckdb')}' AS elsewhere`;

  it.each([
    ['where', () => ({ id: 'late', transform: 'filter', where: `TRUE), FALSE); ${copy()}; SELECT coalesce((TRUE` })],
    ['expr', () => ({ id: 'hours', transform: 'derive', column: 'hours', expr: `1) AS hours FROM flights; ${copy()}; SELECT (1` })],
    ['predicate', () => ({ id: 'ordered', check: 'sql', predicate: `TRUE), FALSE); ${copy()}; SELECT coalesce((TRUE` })],
    ['query', () => ({ id: 'free', transform: 'sql', query: `SELECT * FROM input; ${copy()}` })],
    ['where', () => ({ id: 'attach', transform: 'filter', where: `TRUE), FALSE); ${attach()}; SELECT coalesce((TRUE` })],
  ])('refuses a second statement through "%s", at validate and at run, and writes nothing', async (field, step) => {
    const made = step();
    const path = await specWith(`breakout-${made.id}`, made);
    for (const command of [
      ['validate', path],
      ['validate', path, '--no-data'],
      ['run', path, '--out', join(folder, `out-${made.id}`)],
    ]) {
      const result = await winnow(...command);
      expect(result.code, command.join(' ')).toBe(2);
      const [line, ...more] = result.err.trim().split('\n');
      expect(more).toEqual([]);
      expect(
        line!.startsWith(`${path}, step "${made.id}", field "${field}": not one ${field === 'query' ? 'SELECT statement' : 'SQL expression'}: `),
        line,
      ).toBe(true);
    }
    expect(await exists(target())).toBe(false);
    expect(await exists(join(folder, 'attached.duckdb'))).toBe(false);
    // The run stopped before reading anything: no manifest, no outputs.
    expect(await readdir(join(folder, `out-${made.id}`)).catch(() => [])).toEqual([]);
  });

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", 'it calls the table function read_csv()'],
    ["FROM '/etc/hosts'", 'it reads "/etc/hosts"'],
  ])('refuses a sql transform that reads a file (%s) at validate and at run', async (query, problem) => {
    const path = await specWith('reads-a-file', { id: 'free', transform: 'sql', query });
    for (const command of [
      ['validate', path, '--no-data'],
      ['run', path, '--out', join(folder, 'out-reads')],
    ]) {
      const result = await winnow(...command);
      expect(result.code).toBe(2);
      expect(result.err.trim()).toBe(
        `${path}, step "free", field "query": ${problem}: the query of a sql transform reads only input (and its own WITH tables)`,
      );
    }
  });

  // The baseline is read before DuckDB is confined to --out; a later read would be refused.
  it('still runs ordinary SQL fragments and a drift baseline, confined, writing every file of the run', async () => {
    const path = join(folder, 'ordinary.winnow.yaml');
    await writeFile(
      path,
      `version: 1
name: ordinary
sources:
  flights:
    uri: data/flights.csv
  last_month:
    uri: data/flights.csv
steps:
  - { id: stable, check: drift, column: delay, baseline: last_month, on_fail: warn }
  - { id: moved, check: sql, predicate: "origin <> destination -- a round trip is a data error", on_fail: reject }
  - { id: hours, transform: derive, column: hours, expr: "round(delay / 60.0, 4)" }
  - { id: late, transform: filter, where: "delay > 0 OR origin IN ('LIM', ';)')" }
  - { id: free, transform: sql, query: "SELECT *, CASE WHEN delay > 15 THEN 'late' ELSE 'on time' END AS status FROM input;" }
outputs:
  - { name: kept, shards: 2 }
  - { name: kept-csv, format: csv }
`,
    );
    const out = join(folder, 'out-ordinary');
    const result = await winnow('run', path, '--out', out);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'kept-00000-of-00002.parquet',
      'kept-00001-of-00002.parquet',
      'kept-csv.csv',
      'manifest.json',
      'rejects.parquet',
      'report.html',
      'report.json',
    ]);
    expect(result.out).toContain('rows: read 3 = kept 2 + rejected 1 + dropped 0');
  });
});
