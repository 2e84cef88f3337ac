/**
 * Issue 11: `winnow validate` binds every step's SQL against the input's columns and types, so
 * "valid" means the run cannot fail with a binder error; and every error, at validate or at run
 * time, is one line naming the file, the step and the field, never DuckDB's own text.
 *
 * The data is made the ways real files go wrong: numbers with thousands separators and decimal
 * commas, and a repeated header row, all of which make a column text.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STEPS } from '../../../spec/schema';
import { winnow } from '../../../../testing/cli-kit';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-binds-'));
  // amount has a thousands separator, price a decimal comma, and qty a repeated header row: all three read as text.
  await writeFile(
    join(folder, 'sales.csv'),
    'id,amount,price,qty,code\n1,"1,234","2,5",3,AB-1\n2,17,"3,75",4,CD-2\nid,amount,price,qty,code\n3,40,"1,0",5,EF-3\n',
  );
  await writeFile(join(folder, 'clean.csv'), 'id,amount,name\n1,10,ana\n2,20,bo\n3,30,cy\n');
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function specFile(name: string, data: string, steps: string[], outputs = '[]'): Promise<string> {
  const path = join(folder, `${name}.winnow.yaml`);
  await writeFile(
    path,
    ['version: 1', `name: ${name}`, 'sources:', '  data:', `    uri: ${data}`, 'steps:', ...steps.map((step) => `  - ${step}`), `outputs: ${outputs}`, ''].join(
      '\n',
    ),
  );
  return path;
}

/** The one line an error is, checked for its place and that no DuckDB text leaks. */
function expectOneLine(err: string, path: string, stepId: string, field: string): string {
  const line = err.trim();
  expect(line.split('\n')).toHaveLength(1);
  expect(line.startsWith(`${path}, step "${stepId}", field "${field}": `)).toBe(true);
  expect(line).not.toMatch(/Binder Error|Catalog Error|Conversion Error|Invalid Input Error|Parser Error|LINE 1|\^|winnow: /);
  return line;
}

describe('winnow validate binds each step', () => {
  it.each([
    [
      'between on a text column (thousands separators)',
      'sales.csv',
      '{ id: amount, check: between, column: amount, min: 0, max: 5000 }',
      'amount',
      'column',
      /column "amount" is text \(VARCHAR\) here, compared with a number/,
    ],
    ['between on a column with a repeated header', 'sales.csv', '{ id: qty, check: between, column: qty, min: 1 }', 'qty', 'column', /column "qty" is text/],
    [
      'a column typo in SQL',
      'clean.csv',
      "{ id: per, transform: derive, column: per, expr: 'amout / 2' }",
      'per',
      'expr',
      /no column "amout" here \(did you mean "amount"\?\)/,
    ],
    ['an unknown SQL function', 'clean.csv', "{ id: keep, transform: filter, where: 'floorr(amount) > 1' }", 'keep', 'where', /no SQL function "floorr"/],
    ['a bad regular expression', 'clean.csv', "{ id: names, check: regex, column: name, pattern: '(' }", 'names', 'pattern', /not a valid regular expression/],
    ['an unknown cast type', 'clean.csv', '{ id: types, transform: cast, columns: { amount: INTEGR } }', 'types', 'columns', /no type "INTEGR"/],
    [
      'a text value compared with a number column',
      'clean.csv',
      "{ id: big, check: sql, predicate: 'amount > ''x''' }",
      'big',
      'predicate',
      /the value "x" cannot be read as BIGINT/,
    ],
    [
      'a rename onto another column, ignoring case',
      'clean.csv',
      '{ id: ren, transform: rename, columns: { id: NAME } }',
      'ren',
      'columns.id',
      /renaming "id" to "NAME" clashes: column "name" already exists/,
    ],
    [
      'a derived column named as another in other case',
      'clean.csv',
      "{ id: der, transform: derive, column: AMOUNT, expr: 'amount * 2' }",
      'der',
      'column',
      /column "AMOUNT" clashes with the existing column "amount"/,
    ],
  ])('refuses %s, at run time too, in one line at its field', async (_name, data, step, stepId, field, message) => {
    const path = await specFile(`bind-${stepId}`, data, [step]);
    const validated = await winnow('validate', path);
    expect(validated.code).toBe(2);
    expect(expectOneLine(validated.err, path, stepId, field)).toMatch(message);
    const ran = await winnow('run', path, '--out', join(folder, `out-${stepId}`));
    expect(ran.code).toBe(2);
    expect(expectOneLine(ran.err, path, stepId, field)).toMatch(message);
  });

  it('binds each step against the columns and types the steps before it leave', async () => {
    const derived = await specFile('derived', 'clean.csv', [
      "{ id: label, transform: derive, column: label, expr: 'name' }",
      '{ id: range, check: between, column: label, min: 0 }',
    ]);
    expect(expectOneLine((await winnow('validate', derived)).err, derived, 'range', 'column')).toMatch(/column "label" is text/);
    const cast = await specFile('cast-first', 'sales.csv', [
      "{ id: digits, transform: derive, column: amount, expr: 'replace(amount, '','', '''')' }",
      '{ id: number, transform: cast, columns: { amount: BIGINT } }',
      '{ id: amount, check: between, column: amount, min: 0, max: 5000, on_fail: warn }',
    ]);
    const valid = await winnow('validate', cast);
    expect(valid.err).toBe('');
    expect(valid.out).toMatch(/: valid \(3 steps; input "data": 5 columns/);
    expect((await winnow('run', cast, '--out', join(folder, 'out-cast'))).code).toBe(0);
  });

  it('passes the example specs', async () => {
    for (const example of ['examples/flights/flights.winnow.yaml', 'examples/penguins/penguins.winnow.yaml']) {
      const result = await winnow('validate', example);
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
    }
  });

  it('refuses names too long for a file and integers that are infinite, when the spec is read', async () => {
    const long = await specFile('long', 'clean.csv', ['{ id: ids, check: not_null, column: id }'], `[{ name: ${'x'.repeat(300)} }]`);
    const named = await winnow('validate', long);
    expect(named.code).toBe(2);
    expect(named.err.trim()).toMatch(
      new RegExp(`^${long.replaceAll('.', '\\.')}:\\d+, field "name": a name becomes a file name: at most 200 characters, got 300$`),
    );
    const infinite = await specFile('infinite', 'clean.csv', ['{ id: some, transform: sample, count: .inf }']);
    expect((await winnow('validate', infinite)).err.trim()).toMatch(/, step "some", field "count": expected an integer, got Infinity$/);
  });

  it(`refuses a spec of more than ${MAX_STEPS} steps in one line naming the field, before reading any data`, async () => {
    const steps = Array.from({ length: MAX_STEPS + 1 }, (_, index) => `{ id: n${index}, check: not_null, column: id }`);
    const path = await specFile('too-many', 'missing.csv', steps);
    const result = await winnow('validate', path);
    expect(result.code).toBe(2);
    expect(result.err.trim()).toMatch(
      new RegExp(
        `^${path.replaceAll('.', '\\.')}:\\d+, field "steps": a spec has at most ${MAX_STEPS} steps, this one has ${MAX_STEPS + 1}: split it into several specs$`,
      ),
    );
    const fits = await specFile('fits', 'clean.csv', steps.slice(0, MAX_STEPS));
    expect((await winnow('validate', fits)).code).toBe(0);
  });
});
