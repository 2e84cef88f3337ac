import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { WasmEngine } from '../engine/wasm-engine';
import { NativeEngine } from '../node/engine/native-engine';
import { checks, transforms } from '../steps/registry';
import { parseSpec } from './parse';
import { checkSqlFragments } from './sql-fragments';
import type { StepSpec } from './types';

const BREAKOUT = "TRUE), FALSE); COPY (SELECT 'x' AS x) TO '/some/path.csv'; SELECT coalesce((TRUE";

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create({ threads: 1 });
});

afterAll(async () => {
  await engine?.close();
});

async function problemsOf(steps: StepSpec[], on: Engine = engine): Promise<string[]> {
  const spec = parseSpec(JSON.stringify({ version: 1, name: 'sql', sources: { data: { uri: 'data.csv' } }, steps }), 'sql.winnow.json');
  return (await checkSqlFragments(on, spec, 'sql.winnow.json')).map((error) => error.oneLine());
}

describe('checkSqlFragments', () => {
  // Each step kind lists its SQL parameters; these are all of them today. A new one must be listed too.
  it('knows every SQL parameter of every step kind', () => {
    const declared = [...checks.values(), ...transforms.values()]
      .filter((definition) => definition.sqlFields)
      .map((definition) => [`${definition.kind} ${definition.name}`, definition.sqlFields]);
    expect(Object.fromEntries(declared)).toEqual({
      'check sql': { predicate: 'expression' },
      'transform filter': { where: 'expression' },
      'transform derive': { expr: 'expression' },
      'transform sql': { query: 'query' },
    });
  });

  it('accepts ordinary expressions and queries', async () => {
    expect(
      await problemsOf([
        { id: 'late', transform: 'filter', where: "delay > 15 AND note <> 'a;b)'" },
        { id: 'hours', transform: 'derive', column: 'delay_hours', expr: 'round(delay / 60.0, 4)' },
        { id: 'ordered', check: 'sql', predicate: 'origin <> destination' },
        { id: 'free', transform: 'sql', query: 'SELECT *, CASE WHEN delay > 15 THEN 1 ELSE 0 END AS late FROM input WHERE x IN (1, 2);' },
      ]),
    ).toEqual([]);
  });

  it('refuses a breakout through each SQL parameter, naming file, step and field', async () => {
    expect(
      await problemsOf([
        { id: 'late', transform: 'filter', where: BREAKOUT },
        { id: 'hours', transform: 'derive', column: 'h', expr: BREAKOUT },
        { id: 'ordered', check: 'sql', predicate: BREAKOUT },
        { id: 'free', transform: 'sql', query: "SELECT * FROM input; ATTACH '/tmp/elsewhere.duckdb' AS elsewhere" },
        { id: 'attach', transform: 'filter', where: "1) FROM x; ATTACH '/tmp/elsewhere.duckdb' AS y; SELECT (1" },
      ]),
    ).toEqual([
      'sql.winnow.json, step "late", field "where": not one SQL expression: DuckDB cannot parse it (syntax error at or near ")")',
      'sql.winnow.json, step "hours", field "expr": not one SQL expression: DuckDB cannot parse it (syntax error at or near ")")',
      'sql.winnow.json, step "ordered", field "predicate": not one SQL expression: DuckDB cannot parse it (syntax error at or near ")")',
      'sql.winnow.json, step "free", field "query": not one SELECT statement: it holds another kind of SQL statement',
      'sql.winnow.json, step "attach", field "where": not one SQL expression: DuckDB cannot parse it (syntax error at or near ")")',
    ]);
  });

  it('refuses a sql transform that reads a file or another table', async () => {
    expect(
      await problemsOf([
        { id: 'passwd', transform: 'sql', query: "SELECT * FROM read_csv('/etc/passwd')" },
        { id: 'hosts', transform: 'sql', query: "SELECT * FROM input, '/etc/hosts'" },
        { id: 'rejects', transform: 'sql', query: 'SELECT * FROM input WHERE __winnow_row IN (SELECT "row" FROM __winnow_rejects)' },
      ]),
    ).toEqual([
      'sql.winnow.json, step "passwd", field "query": it calls the table function read_csv(): the query of a sql transform reads only input (and its own WITH tables)',
      'sql.winnow.json, step "hosts", field "query": it reads "/etc/hosts": the query of a sql transform reads only input (and its own WITH tables)',
      'sql.winnow.json, step "rejects", field "query": it reads "__winnow_rejects": the query of a sql transform reads only input (and its own WITH tables)',
    ]);
  });

  it('leaves a disabled step alone: it is never written into SQL', async () => {
    expect(await problemsOf([{ id: 'draft', transform: 'filter', where: 'delay >', enabled: false }])).toEqual([]);
  });

  // duckdb-wasm has no json extension offline: the app checks fragments with DuckDB's lexer.
  it('checks with the lexer where json_serialize_sql is not there (duckdb-wasm)', async () => {
    const wasm = await WasmEngine.createForNode();
    try {
      const problems = await problemsOf([{ id: 'breakout', check: 'sql', predicate: BREAKOUT }], wasm);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^sql\.winnow\.json, step "breakout", field "predicate": /);
    } finally {
      await wasm.close();
    }
  });

  it('fails, rather than check nothing, when asking for the parser fails for another reason', async () => {
    const failing: Engine = {
      ...engine,
      query: async () => {
        throw new Error('INTERRUPT Error: Interrupted!');
      },
      tokenize: undefined,
    } as unknown as Engine;
    await expect(problemsOf([{ id: 'late', transform: 'filter', where: BREAKOUT }], failing)).rejects.toThrow(/Interrupted/);
  });
});
