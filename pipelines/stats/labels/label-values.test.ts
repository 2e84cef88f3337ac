/**
 * Labels compared by value (issue 19), on both engines: the annotators pandas writes with one
 * missing rating agree perfectly (scikit-learn's kappa 1.0), a true/false label against a 0/1
 * prediction scores as scikit-learn does (accuracy 0.679), and every pairing of column types
 * either compares by value or stops with one line naming the columns and a value.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { WinnowError } from '../../errors';
import { literal } from '../../sql';
import { closeTo, engines, loadFixture, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { computeSlices, SliceOptionError } from '../slices/slices';
import { runOnRows } from '../../../testing/rows-kit';
import { agreement } from './agreement/agreement';

interface Metrics {
  rows: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}
const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}label-values.json`, 'utf8')) as {
  annotators: { fixture: string; columns: string[]; cohenKappa: number; items: number; krippendorffAlpha: number };
  slices: { fixture: string; overall: Metrics; groups: Record<string, Metrics> };
};

for (const [engineLabel, create] of engines) {
  describe(`labels compared by value on ${engineLabel}`, () => {
    let engine: Engine;
    let tables = 0;

    async function table(columns: string, rows: unknown[][]): Promise<string> {
      const name = `lv_${++tables}`;
      await engine.run(`CREATE TABLE ${name} (__winnow_row BIGINT, ${columns})`);
      if (rows.length)
        await engine.run(`INSERT INTO ${name} VALUES ${rows.map((row, index) => `(${[index + 1, ...row].map(literal).join(', ')})`).join(', ')}`);
      return name;
    }
    const pair = (typeA: string, typeB: string, rows: unknown[][]) => table(`a ${typeA}, b ${typeB}`, rows);

    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });

    it('integer annotator against the float column pandas writes with a missing rating: kappa 1, as scikit-learn', async () => {
      const { fixture, columns, cohenKappa, items } = reference.annotators;
      const ratings = await loadFixture(engine, fixture, 'lv_annotators', { a: 'BIGINT', b: 'DOUBLE' });
      const result = await agreement(engine, ratings, { annotators: columns });
      expect(result.cohen).toMatchObject({ value: cohenKappa, items });
      expect(result.krippendorffAlpha.value).toBe(1);
      expect(result.perClass.map((entry) => entry.label)).toEqual(['1', '2']);
    });

    it('a true/false label against a 0/1 prediction: the metrics scikit-learn gives, overall and per slice', async () => {
      const { fixture, overall, groups } = reference.slices;
      const data = await loadFixture(engine, fixture, 'lv_slices', { yb: 'BOOLEAN', p: 'BIGINT' });
      const report = await computeSlices(engine, data, { by: ['g'], label: 'yb', prediction: 'p', bootstrap: 0 });
      expect(report.classes).toEqual(['0', '1']);
      expect(report.task).toBe('binary');
      const expected: [string, Metrics][] = [['all', overall], ...Object.entries(groups).map(([name, metrics]): [string, Metrics] => [`g=${name}`, metrics])];
      const slices = [report.overall, ...report.slices];
      for (const [name, metrics] of expected) {
        const slice = slices.find((candidate) => candidate.name === name);
        expect(slice?.rows, name).toBe(metrics.rows);
        for (const metric of ['accuracy', 'precision', 'recall', 'f1'] as const) {
          expect(closeTo(slice?.metrics?.[metric]?.value ?? null, metrics[metric]), `${name} ${metric}`).toBe(true);
        }
      }
    });

    it('pairings that compare by value: integer/whole decimal, decimal/decimal, boolean/0-1, boolean/boolean, text/text', async () => {
      const agreeing: [string, string, unknown[][], string[]][] = [
        [
          'INTEGER',
          'DOUBLE',
          [
            [1, 1.0],
            [2, 2.0],
            [-3, -3.0],
          ],
          ['-3', '1', '2'],
        ],
        [
          'DOUBLE',
          'DECIMAL(4,2)',
          [
            [1.5, 1.5],
            [2, 2],
          ],
          ['1.5', '2'],
        ],
        [
          'BOOLEAN',
          'DOUBLE',
          [
            [true, 1.0],
            [false, 0.0],
          ],
          ['0', '1'],
        ],
        [
          'TINYINT',
          'BOOLEAN',
          [
            [1, true],
            [0, false],
          ],
          ['0', '1'],
        ],
        [
          'BOOLEAN',
          'BOOLEAN',
          [
            [true, true],
            [false, false],
          ],
          ['false', 'true'],
        ],
        [
          "ENUM('x', 'y')",
          'VARCHAR',
          [
            ['x', 'x'],
            ['y', 'y'],
          ],
          ['x', 'y'],
        ],
      ];
      for (const [typeA, typeB, rows, classes] of agreeing) {
        const result = await agreement(engine, await pair(typeA, typeB, rows), { annotators: ['a', 'b'] });
        expect(result.cohen?.observedAgreement, `${typeA} ${typeB}`).toBe(1);
        expect(result.perClass.map((entry) => entry.label)).toEqual(classes);
      }
    });

    it('pairings that cannot be reconciled stop with one line naming the columns and a value', async () => {
      const refused: [string, string, unknown[][], RegExp][] = [
        ['INTEGER', 'VARCHAR', [[1, '1']], /"a" is INTEGER \("1"\) while "b" is VARCHAR \("1"\): text equals only text/],
        ['VARCHAR', 'BOOLEAN', [['yes', true]], /"a" is VARCHAR \("yes"\) while "b" is BOOLEAN \("true"\)/],
        [
          'INTEGER',
          'DOUBLE',
          [
            [1, 1.0],
            [0, 0.5],
          ],
          /"b" holds 0\.5, which no integer of "a" equals/,
        ],
        [
          'BOOLEAN',
          'INTEGER',
          [
            [true, 1],
            [false, 2],
          ],
          /"b" holds 2 where the boolean "a" can only equal 0 or 1/,
        ],
        ['DATE', 'VARCHAR', [['2024-01-01', '2024-01-01']], /"a" is DATE \("2024-01-01"\) while "b" is VARCHAR/],
      ];
      for (const [typeA, typeB, rows, message] of refused) {
        const run = agreement(engine, await pair(typeA, typeB, rows), { annotators: ['a', 'b'] });
        await expect(run, `${typeA} ${typeB}`).rejects.toThrow(WinnowError);
        await expect(run).rejects.toThrow(message);
      }
      const slices = await pair('BOOLEAN', 'VARCHAR', [[true, 'true']]);
      const error = await computeSlices(engine, slices, { by: ['a'], label: 'a', prediction: 'b' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SliceOptionError);
      expect(error).toMatchObject({
        field: 'prediction',
        message: expect.stringMatching(/"a" is BOOLEAN \("true"\) while "b" is VARCHAR \("true"\)/) as unknown,
      });
    });

    it('the agreement and slice_metric checks read labels by the same rule: the issue’s data pass, a mismatch stops the step by name', async () => {
      const annotators = await loadFixture(engine, reference.annotators.fixture, 'lv_check_annotators', { a: 'BIGINT', b: 'DOUBLE' });
      const slices = await loadFixture(engine, reference.slices.fixture, 'lv_check_slices', { yb: 'BOOLEAN', p: 'BIGINT' });
      const rowsOf = async (name: string, columns: string[]) =>
        (await engine.query(`SELECT ${columns.join(', ')} FROM ${name} ORDER BY __winnow_row`)).map((row) => columns.map((column) => row[column]));
      const ratings = await runOnRows(
        engine,
        { seed: 1, steps: [{ id: 'agree', check: 'agreement', annotators: ['a', 'b'], min_kappa: 0.99 }], outputs: [] },
        [
          { name: 'a', type: 'BIGINT' },
          { name: 'b', type: 'DOUBLE' },
        ],
        await rowsOf(annotators, ['a', 'b']),
      );
      expect(ratings.steps[0]).toMatchObject({
        success: true,
        observed: { kappa: reference.annotators.cohenKappa, alpha: reference.annotators.krippendorffAlpha },
      });
      const sliceColumns = [
        { name: 'g', type: 'VARCHAR' },
        { name: 'yb', type: 'BOOLEAN' },
        { name: 'p', type: 'BIGINT' },
      ];
      const judged = await runOnRows(
        engine,
        {
          seed: 1,
          steps: [{ id: 'acc', check: 'slice_metric', by: 'g', metric: 'accuracy', label: 'yb', prediction: 'p', min: 0.5, min_rows: 10 }],
          outputs: [],
        },
        sliceColumns,
        await rowsOf(slices, ['g', 'yb', 'p']),
      );
      // Slices of 14 rows: north 0.857, south 0.5 (scikit-learn), both at least 0.5.
      expect(judged.steps[0]).toMatchObject({ success: true, observed: { judged: 2, failing: [] } });
      expect(closeTo((judged.steps[0]!.observed as { overall: number }).overall, reference.slices.overall.accuracy)).toBe(true);
      const refused = await runOnRows(
        engine,
        {
          seed: 1,
          steps: [{ id: 'acc', check: 'slice_metric', by: 'g', metric: 'accuracy', label: 'yb', prediction: 'p', min: 0.5, min_rows: 10 }],
          outputs: [],
        },
        sliceColumns,
        [
          ['x', true, 1],
          ['x', false, 2],
        ],
      ).catch((caught: unknown) => caught);
      expect(refused).toMatchObject({ message: expect.stringMatching(/"p" holds 2 where the boolean "yb" can only equal 0 or 1/) as unknown });
      expect(String((refused as WinnowError).oneLine())).toMatch(/^test\.json, step "acc", field "prediction": labels compare by value and "p" holds 2/);
    });

    it('a hostile column name and value reach the message quoted, never the SQL; an empty column equals nothing and stops nothing', async () => {
      const hostile = await table(`"we""ird'); DROP TABLE x; --" INTEGER, b VARCHAR`, [[1, `o'k"); --`]]);
      await expect(agreement(engine, hostile, { annotators: [`we"ird'); DROP TABLE x; --`, 'b'] })).rejects.toThrow(`while "b" is VARCHAR ("o'k\\"); --")`);
      const empty = await pair('VARCHAR', 'INTEGER', [
        ['x', null],
        ['y', null],
      ]);
      expect((await agreement(engine, empty, { annotators: ['a', 'b'] })).perClass.map((entry) => entry.label)).toEqual(['x', 'y']);
    });
  });
}
