/**
 * Issue 18's types and transforms, on each engine: casts and of_type read values by one set of
 * rules (steps/conversion.ts), in_set compares in a stated type, NaN counts as missing in every
 * value check, fills skip non-finite values, column names never clash silently, and ordinal
 * codes follow numeric order. Reference values: stats/reference/transforms.py and .json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../pipelines/engine/engine';
import type { StepSpec } from '../pipelines/spec/types';
import type { Column } from '../pipelines/table/column';
import reference from '../pipelines/stats/reference/transforms.json';
import { REJECTS_TABLE } from '../pipelines/table/rejects';
import type { PipelineResult } from '../pipelines/run/execute';
import { outputRows, runOnRows } from './rows-kit';

function step(result: PipelineResult, id: string) {
  const found = result.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

export function testTypesAndTransforms(label: string, create: () => Promise<Engine>): void {
  describe(`types and transforms on ${label}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });
    const run = (steps: StepSpec[], columns: Column[], rows: unknown[][]) => runOnRows(engine, { seed: 7, steps, outputs: [] }, columns, rows);

    /** Text and whether each type holds it unchanged: the rules of steps/conversion.ts. */
    const textCases: Record<string, [string, boolean][]> = {
      BIGINT: [
        ['12', true],
        [' -3 ', true],
        ['+7', true],
        ['1.5', false],
        ['1.0', false],
        ['1e3', false],
        ['0x10', false],
        ['1_000', false],
        ['abc', false],
        ['99999999999999999999', false],
      ],
      INTEGER: [
        ['2147483647', true],
        ['2147483648', false],
        ['-0.5', false],
      ],
      DOUBLE: [
        ['1.5', true],
        ['-.5', true],
        ['2e-3', true],
        ['12', true],
        ['NaN', true],
        ['-inf', true],
        ['Infinity', true],
        ['1_000', false],
        ['0x10', false],
        ['1e400', false],
        ['abc', false],
        ['1.5.2', false],
      ],
      'DECIMAL(10,2)': [
        ['1.25', true],
        ['-7', true],
        ['1_000', false],
        ['0x10', false],
        ['inf', false],
      ],
    };

    it.each(Object.entries(textCases))('of_type %s and cast to it accept and refuse the same text', async (type, cases) => {
      const columns = [{ name: 'x', type: 'VARCHAR' }];
      const rows = cases.map(([text]) => [text]);
      const refused = cases.filter(([, accepted]) => !accepted).map(([text]) => text);
      const checked = await run([{ id: 'typed', check: 'of_type', column: 'x', type, on_fail: 'warn' }], columns, rows);
      expect(step(checked, 'typed')).toMatchObject({ elementCount: cases.length, unexpectedCount: refused.length });
      expect(step(checked, 'typed').examples.map((example) => example.value)).toEqual(refused);
      const cast = await run([{ id: 'to_type', transform: 'cast', columns: { x: type } }], columns, rows);
      expect(step(cast, 'to_type')).toMatchObject({ rejected: refused.length, rowsOut: cases.length - refused.length });
      const rejects = await engine.query(`SELECT step, field, reason FROM ${REJECTS_TABLE} ORDER BY "row"`);
      expect(rejects).toEqual(refused.map((text) => ({ step: 'to_type', field: 'x', reason: `cannot cast to ${type}: ${text}` })));
    });

    it('cast from DOUBLE to an integer type rejects non-integral values instead of rounding them', async () => {
      const columns = [{ name: 'x', type: 'DOUBLE' }];
      const rows = [[1.5], [2.5], [-0.5], [2], [-3], [null]];
      const result = await runOnRows(
        engine,
        { seed: 7, steps: [{ id: 'whole', transform: 'cast', columns: { x: 'BIGINT' } }], outputs: [{ name: 'out' }] },
        columns,
        rows,
      );
      expect(step(result, 'whole')).toMatchObject({ rejected: 3, rowsOut: 3, status: 'rejected' });
      expect(await engine.query(`SELECT step, reason FROM ${REJECTS_TABLE} ORDER BY "row"`)).toEqual(
        ['1.5', '2.5', '-0.5'].map((value) => ({ step: 'whole', reason: `cannot cast to BIGINT: ${value}` })),
      );
      expect((await outputRows(engine, result.outputs[0]!.select)).map(([value]) => value)).toEqual([2, -3, null]);
    });

    it('of_type BIGINT on a DOUBLE column fails its non-integral values', async () => {
      const result = await run(
        [{ id: 'whole', check: 'of_type', column: 'x', type: 'BIGINT', on_fail: 'warn' }],
        [{ name: 'x', type: 'DOUBLE' }],
        [[1.5], [2.7], [3]],
      );
      expect(step(result, 'whole')).toMatchObject({ success: false, elementCount: 3, unexpectedCount: 2 });
    });

    it('in_set on a text column compares text, says so, and never stops on data', async () => {
      const columns = [{ name: 'code', type: 'VARCHAR' }];
      const rows = [['1'], ['01'], ['1.0'], ['abc'], ['2'], [null]];
      const result = await run(
        [
          { id: 'numbers', check: 'in_set', column: 'code', values: [1, 2], on_fail: 'warn' },
          { id: 'mixed', check: 'in_set', column: 'code', values: [1, 'a'], on_fail: 'warn' },
        ],
        columns,
        rows,
      );
      expect(step(result, 'numbers')).toMatchObject({ observed: { comparedAs: 'VARCHAR' }, elementCount: 5, unexpectedCount: 3 });
      expect(step(result, 'numbers').examples.map((example) => example.value)).toEqual(['01', '1.0', 'abc']);
      expect(step(result, 'mixed')).toMatchObject({ observed: { comparedAs: 'VARCHAR' }, elementCount: 5, unexpectedCount: 4 });
    });

    it('in_set on a number or date column compares in its type when every set value converts, else as text', async () => {
      const columns = [{ name: 'n', type: 'BIGINT' }];
      const rows = [[1], [2], [3], [null]];
      const result = await run(
        [
          { id: 'typed', check: 'in_set', column: 'n', values: ['1', 2], on_fail: 'warn' },
          { id: 'mixed', check: 'in_set', column: 'n', values: [1, 'a'], on_fail: 'warn' },
          { id: 'fraction', check: 'in_set', column: 'n', values: [1, 2.5], on_fail: 'warn' },
          { id: 'huge', check: 'in_set', column: 'n', values: ['99999999999999999999', 1], on_fail: 'warn' },
        ],
        columns,
        rows,
      );
      expect(step(result, 'typed')).toMatchObject({ observed: { comparedAs: 'BIGINT' }, elementCount: 3, unexpectedCount: 1 });
      expect(step(result, 'mixed')).toMatchObject({ observed: { comparedAs: 'VARCHAR' }, unexpectedCount: 2 });
      expect(step(result, 'fraction')).toMatchObject({ observed: { comparedAs: 'VARCHAR' }, unexpectedCount: 2 });
      expect(step(result, 'huge')).toMatchObject({ observed: { comparedAs: 'BIGINT' }, unexpectedCount: 2 });
      const days = await run(
        [{ id: 'days', check: 'in_set', column: 'd', values: ['2024-01-02', 'not a day'], on_fail: 'warn' }],
        [{ name: 'd', type: 'DATE' }],
        [['2024-01-02'], ['2024-01-03']],
      );
      expect(step(days, 'days')).toMatchObject({ observed: { comparedAs: 'DATE' }, elementCount: 2, unexpectedCount: 1 });
    });

    it("NaN counts as missing in every value check, as pandas' isna() (pandas reference)", async () => {
      const { x, isna, nullFraction } = reference.nan;
      const columns = [{ name: 'x', type: 'DOUBLE' }];
      // As text, so the VALUES list is not typed INTEGER from its first row.
      const rows = x.map((value) => [value === null ? null : String(value)]);
      const counted = isna.filter((missing) => !missing).length;
      const result = await run(
        [
          { id: 'low', check: 'between', column: 'x', min: 0, on_fail: 'warn' },
          { id: 'high', check: 'between', column: 'x', max: 10, on_fail: 'warn' },
          { id: 'set', check: 'in_set', column: 'x', values: [1, 5], on_fail: 'warn' },
          { id: 'once', check: 'unique', column: 'x', on_fail: 'warn' },
          { id: 'typed', check: 'of_type', column: 'x', type: 'BIGINT', on_fail: 'warn' },
          { id: 'present', check: 'not_null', column: 'x', on_fail: 'warn' },
          { id: 'nulls', check: 'null_fraction', column: 'x', max: 0.1, on_fail: 'warn' },
          { id: 'distinct', check: 'unique_proportion_between', column: 'x', min: 1, on_fail: 'warn' },
        ],
        columns,
        rows,
      );
      for (const id of ['low', 'high', 'set', 'once', 'typed']) expect(step(result, id), id).toMatchObject({ elementCount: counted, unexpectedCount: 0 });
      expect(step(result, 'present')).toMatchObject({ elementCount: x.length, unexpectedCount: isna.filter(Boolean).length });
      expect(step(result, 'nulls').observed).toEqual({ nullFraction });
      expect(step(result, 'distinct')).toMatchObject({ success: true, observed: { uniqueProportion: 1, distinct: counted } });
    });

    it('fill_null median, mean and mode skip non-finite values and fill NaN too, as pandas', async () => {
      const { x, median, mean, mode, filledWithMedian } = reference.fillNull;
      const columns = [{ name: 'x', type: 'DOUBLE' }];
      // As text, so the VALUES list is not typed INTEGER from its first row.
      const rows = x.map((value) => [value === null ? null : String(value)]);
      for (const [strategy, value] of Object.entries({ median, mean, mode })) {
        const result = await runOnRows(
          engine,
          { seed: 7, steps: [{ id: 'fill', transform: 'fill_null', column: 'x', strategy }], outputs: [{ name: 'out' }] },
          columns,
          rows,
        );
        expect(step(result, 'fill').fitted, strategy).toEqual({ strategy, value });
        if (strategy === 'median') expect((await outputRows(engine, result.outputs[0]!.select)).map(([filled]) => filled)).toEqual(filledWithMedian);
      }
      const infinite = await run([{ id: 'fill', transform: 'fill_null', column: 'x', strategy: 'median' }], columns, [['1'], ['inf'], ['2'], ['-inf'], [null]]);
      expect(step(infinite, 'fill').fitted).toEqual({ strategy: 'median', value: 1.5 });
    });

    it('encode ordinal orders numbers numerically and text by code point, as scikit-learn, and records the order', async () => {
      const { numbers, numberCategories, numberCodes, texts, textCategories, textCodes } = reference.ordinal;
      const cases = [
        { type: 'BIGINT', values: numbers, categories: numberCategories.map(String), codes: numberCodes, order: 'numeric' },
        { type: 'VARCHAR', values: texts, categories: textCategories, codes: textCodes, order: 'code point' },
      ];
      for (const { type, values, categories, codes, order } of cases) {
        const result = await runOnRows(
          engine,
          { seed: 7, steps: [{ id: 'enc', transform: 'encode', column: 'c', method: 'ordinal' }], outputs: [{ name: 'out' }] },
          [{ name: 'c', type }],
          values.map((value) => [value]),
        );
        expect(step(result, 'enc').fitted, type).toEqual({ method: 'ordinal', order, vocabulary: categories });
        expect(
          (await outputRows(engine, result.outputs[0]!.select)).map(([code]) => code),
          type,
        ).toEqual(codes);
      }
    });

    it('in_set values and column names with quotes are values and names, never SQL', async () => {
      const hostile = ["it's", "1') OR TRUE OR ('", '"; DROP TABLE x; --'];
      const text = await run(
        [{ id: 'set', check: 'in_set', column: 'c"; --', values: hostile, on_fail: 'warn' }],
        [{ name: 'c"; --', type: 'VARCHAR' }],
        [["it's"], ['other'], [hostile[2]]],
      );
      expect(step(text, 'set')).toMatchObject({ observed: { comparedAs: 'VARCHAR' }, elementCount: 3, unexpectedCount: 1 });
      const numbers = await run(
        [{ id: 'set', check: 'in_set', column: 'n', values: [1, ...hostile], on_fail: 'warn' }],
        [{ name: 'n', type: 'BIGINT' }],
        [[1], [2]],
      );
      expect(step(numbers, 'set')).toMatchObject({ observed: { comparedAs: 'VARCHAR' }, elementCount: 2, unexpectedCount: 1 });
      const error = await run([{ id: 'der', transform: 'derive', column: 'X"; --', expr: '1' }], [{ name: 'x"; --', type: 'INTEGER' }], [[1]]).catch(
        (caught: unknown) => caught,
      );
      expect((error as Error).message).toMatch(/column "X"; --" clashes with the existing column "x"; --"/);
    });

    describe('a new column name that clashes with another, ignoring case, is an error naming the step, field and both columns', () => {
      const columns = [
        { name: 'a', type: 'INTEGER' },
        { name: 'b', type: 'INTEGER' },
        { name: 'x', type: 'INTEGER' },
        { name: 's', type: 'VARCHAR' },
        { name: 's_b', type: 'INTEGER' },
      ];
      const rows = [
        [1, 2, 3, 'A', 0],
        [4, 5, 6, 'a', 0],
        [7, 8, 9, 'b', 1],
      ];
      it.each([
        [
          'rename onto an existing name',
          { id: 'ren', transform: 'rename', columns: { a: 'b' } },
          'columns.a',
          /renaming "a" to "b" clashes: column "b" already exists/,
        ],
        [
          'rename onto an existing name in other case',
          { id: 'ren', transform: 'rename', columns: { a: 'B' } },
          'columns.a',
          /renaming "a" to "B" clashes: column "b" already exists/,
        ],
        [
          'rename two columns onto one name',
          { id: 'ren', transform: 'rename', columns: { a: 'c', b: 'C' } },
          'columns.a',
          /renaming "a" to "c" clashes: "b" is renamed to "C" too/,
        ],
        [
          'derive a name an existing column has in other case',
          { id: 'der', transform: 'derive', column: 'X', expr: 'a + 1' },
          'column',
          /column "X" clashes with the existing column "x"/,
        ],
        [
          'one-hot columns onto an existing column',
          { id: 'enc', transform: 'encode', column: 's', method: 'onehot' },
          'column',
          /the one-hot column "s_a" \(value "a"\) clashes with the one-hot column "s_A"/,
        ],
      ])('%s', async (_name, spec, field, message) => {
        const error = await run([spec as StepSpec], columns, rows).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ place: { stepId: spec.id, field } });
        expect((error as Error).message).toMatch(message);
      });

      it('one-hot columns onto an existing column name', async () => {
        const error = await run([{ id: 'enc', transform: 'encode', column: 's', method: 'onehot' }], columns, [[1, 2, 3, 'b', 0]]).catch(
          (caught: unknown) => caught,
        );
        expect((error as Error).message).toMatch(/the one-hot column "s_b" \(value "b"\) clashes with the existing column "s_b"/);
      });

      it('a swap, a change of case alone and an exact derive replacement are not clashes', async () => {
        const result = await run(
          [
            { id: 'swap', transform: 'rename', columns: { a: 'b', b: 'a' } },
            { id: 'case', transform: 'rename', columns: { x: 'X' } },
            { id: 'replace', transform: 'derive', column: 'X', expr: '"X" * 2' },
          ],
          columns,
          rows,
        );
        expect(result.columns.map((column) => column.name)).toEqual(['b', 'a', 'X', 's', 's_b']);
      });
    });
  });
}
