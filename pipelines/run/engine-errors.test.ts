/** DuckDB's own error texts (taken from the engine, so a change in its wording shows here) read as one line at a step's field. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepSpec } from '../spec/types';
import { stepProblem } from './engine-errors';

let connection: DuckDBConnection;

beforeAll(async () => {
  connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run("CREATE TABLE t AS SELECT 1 AS delay, 'ORD' AS origin");
});
afterAll(() => connection.closeSync());

async function errorOf(sql: string): Promise<string> {
  try {
    await connection.run(sql);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`no error from ${sql}`);
}

describe('stepProblem', () => {
  it('a missing column names the field that holds it, with the nearest column', async () => {
    const step: StepSpec = { id: 'd', transform: 'derive', column: 'h', expr: 'delya / 60' };
    expect(stepProblem(await errorOf('SELECT delya / 60 FROM t'), step)).toEqual({ field: 'expr', message: 'no column "delya" here (did you mean "delay"?)' });
    const check: StepSpec = { id: 'c', check: 'not_null', column: 'orgin' };
    expect(stepProblem(await errorOf('SELECT orgin FROM t'), check)).toEqual({ field: 'column', message: 'no column "orgin" here (did you mean "origin"?)' });
  });

  it('a comparison of text with a number says so at the column', async () => {
    const step: StepSpec = { id: 'b', check: 'between', column: 'origin', min: 5 };
    const problem = stepProblem(await errorOf('SELECT * FROM t WHERE origin > 5'), step);
    expect(problem.field).toBe('column');
    expect(problem.message).toMatch(/^column "origin" is text \(VARCHAR\) here, compared with a number: read it as a number/);
    const date: StepSpec = { id: 'b', check: 'between', column: 'when', min: 5 };
    expect(stepProblem(await errorOf("SELECT DATE '2024-01-01' > 5"), date)).toEqual({
      field: 'column',
      message: "compares DATE with a number: the column's type and the value's differ; cast one of them",
    });
  });

  it('a value that cannot be read names the field that holds it', async () => {
    const inSet: StepSpec = { id: 's', check: 'in_set', column: 'delay', values: ['a', 'b'] };
    expect(stepProblem(await errorOf("SELECT delay IN ('a', 'b') FROM t"), inSet)).toEqual({
      field: 'values',
      message: 'the value "a" cannot be read as INTEGER',
    });
    const text: StepSpec = { id: 's', check: 'in_set', column: 'origin', values: [1, 2] };
    expect(stepProblem(await errorOf('SELECT origin IN (1, 2) FROM t'), text)).toEqual({
      field: 'column',
      message: 'the value "ORD" cannot be read as INTEGER (column "origin")',
    });
    const day: StepSpec = { id: 'b', check: 'between', column: 'when', min: '2024-13-01' };
    expect(stepProblem(await errorOf("SELECT DATE '2024-01-01' >= '2024-13-01'"), day)).toEqual({ field: 'min', message: '"2024-13-01" is not a valid date' });
  });

  it('an unknown function, a syntax error, a bad cast and an unknown type', async () => {
    const step: StepSpec = { id: 'f', transform: 'filter', where: 'floorr(delay) > 1' };
    expect(stepProblem(await errorOf('SELECT floorr(delay) FROM t'), step)).toEqual({
      field: 'where',
      message: 'no SQL function "floorr" (did you mean "floor"?)',
    });
    expect(stepProblem(await errorOf('SELECT * FROM t WHERE delay >'), step)).toEqual({
      field: 'where',
      message: 'SQL syntax error: the expression ends too early',
    });
    expect(stepProblem(await errorOf("SELECT CAST('abc' AS INTEGER)"), step).message).toBe('the value "abc" cannot be read as INTEGER');
    const cast: StepSpec = { id: 'c', transform: 'cast', columns: { delay: 'INTEGR' } };
    expect(stepProblem(await errorOf('SELECT CAST(delay AS INTEGR) FROM t'), cast)).toMatchObject({
      field: 'columns',
      message: expect.stringMatching(/^no type "INTEGR"/),
    });
  });

  it('a bad regular expression is the pattern field’s problem', async () => {
    const step: StepSpec = { id: 'r', check: 'regex', column: 'origin', pattern: '(' };
    const problem = stepProblem(await errorOf("SELECT regexp_matches(origin, '(') FROM t"), step);
    expect(problem.field).toBe('pattern');
    expect(problem.message).toMatch(/^not a valid regular expression/);
  });

  it('never shows DuckDB’s error class or the caret lines', async () => {
    const problem = stepProblem(await errorOf('SELECT nope FROM t'), { id: 'x', check: 'sql', predicate: 'nope' });
    expect(problem.message).not.toMatch(/Binder Error|LINE 1|\^|\n/);
  });
});
