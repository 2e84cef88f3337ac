/**
 * Issue 14: checks take what the spec's `columns` roles say when the step leaves it out.
 * slice_metric its label, prediction and score with the declared positive class (an ECE of 0.9
 * from a score that is the probability of the other class is the failure roles prevent);
 * label_conflicts its label and features (never the id). A field the step writes wins. Run on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { WasmEngine } from '../../engine/wasm-engine';
import { NativeEngine } from '../../node/engine/native-engine';
import type { ColumnRoles, StepSpec } from '../../spec/types';
import type { Column } from '../../table/column';
import { runOnRows } from '../../../testing/rows-kit';

const scored: Column[] = [
  { name: 'site', type: 'VARCHAR' },
  { name: 'y', type: 'INTEGER' },
  { name: 'predicted', type: 'INTEGER' },
  { name: 'p', type: 'DOUBLE' },
  { name: 'other_label', type: 'INTEGER' },
];
/** 40 rows; p is the probability of class 0 (0.9 for rows labelled 0), other_label is y flipped on every row of site b. */
const scoredRows = Array.from({ length: 40 }, (_, index) => {
  const y = index % 2;
  const site = index < 20 ? 'a' : 'b';
  return [site, y, y, y === 0 ? 0.9 : 0.1, site === 'b' ? 1 - y : y];
});

const texts: Column[] = [
  { name: 'row_id', type: 'INTEGER' },
  { name: 'text', type: 'VARCHAR' },
  { name: 'site', type: 'VARCHAR' },
  { name: 'sentiment', type: 'VARCHAR' },
];
/** "great" twice with two labels (rows 1, 2: same site); "bad" twice with two labels on two sites (rows 3, 4). */
const textRows = [
  [1, 'great', 'a', 'pos'],
  [2, 'great', 'a', 'neg'],
  [3, 'bad', 'a', 'neg'],
  [4, 'bad', 'b', 'pos'],
  [5, 'fine', 'b', 'pos'],
];

const engines: [string, () => Promise<Engine>][] = [
  ['duckdb native', () => NativeEngine.create()],
  ['duckdb-wasm', () => WasmEngine.createForNode()],
];

describe.each(engines)('checks default to the column roles (%s)', (_name, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(async () => {
    await engine?.close();
  });

  const run = (steps: StepSpec[], roles: ColumnRoles | undefined, columns: Column[], rows: unknown[][]) =>
    runOnRows(engine, { seed: 1, steps, outputs: [], ...(roles ? { columns: roles } : {}) }, columns, rows);

  const ece: StepSpec = { id: 'calibrated', check: 'slice_metric', by: 'site', metric: 'ece', max: 0.2, min_rows: 5 };
  const roles: ColumnRoles = { label: 'y', prediction: 'predicted', score: { column: 'p', positive: 0 } };

  it('slice_metric ece takes label, score and the declared positive class from the roles', async () => {
    const [step] = (await run([ece], roles, scored, scoredRows)).steps;
    expect(step).toMatchObject({ status: 'passed', params: { label: 'y', score: 'p', positive: 0 } });
    expect(step!.observed.overall).toBeCloseTo(0.1, 10);
  });

  it("a step's own score and positive class win over the roles (here: the wrong class, ECE 0.9)", async () => {
    const [step] = (await run([{ ...ece, score: 'p', positive: 1 }], roles, scored, scoredRows)).steps;
    expect(step).toMatchObject({ status: 'failed' });
    expect(step!.observed.overall).toBeCloseTo(0.9, 10);
  });

  it('slice_metric accuracy takes label and prediction from the roles; a written label wins', async () => {
    const accuracy: StepSpec = { id: 'accurate', check: 'slice_metric', by: 'site', metric: 'accuracy', min: 0.9, min_rows: 5 };
    const result = await run([accuracy, { ...accuracy, id: 'other', label: 'other_label' }], roles, scored, scoredRows);
    expect(result.steps[0]).toMatchObject({ status: 'passed', params: { label: 'y', prediction: 'predicted' } });
    expect(result.steps[0]!.observed.overall).toBe(1);
    expect(result.steps[1]).toMatchObject({ status: 'failed', params: { label: 'other_label', prediction: 'predicted' } });
    expect(result.steps[1]!.observed.failing).toEqual([expect.objectContaining({ slice: 'site=b', value: 0 })]);
  });

  it('without a label in the step or the roles, the error names the step and the field', async () => {
    await expect(run([ece], undefined, scored, scoredRows)).rejects.toThrow(
      'step "calibrated", field "label": needs the label column: name it here or declare columns.label',
    );
    await expect(run([{ ...ece, metric: 'accuracy', min: 0.5, max: undefined }], { label: 'y' }, scored, scoredRows)).rejects.toThrow(
      'step "calibrated", field "prediction": accuracy needs the prediction column',
    );
    // A score declared for class 0 is not taken as the score of class 1.
    await expect(run([{ ...ece, positive: 1 }], roles, scored, scoredRows)).rejects.toThrow('step "calibrated", field "score": ece needs the score column');
  });

  it('of a score given per class, slice_metric takes the column of its positive class; never an inherited key', async () => {
    const perClass: ColumnRoles = { label: 'y', score: { '0': 'p' } };
    const [step] = (await run([{ ...ece, positive: 0 }], perClass, scored, scoredRows)).steps;
    expect(step).toMatchObject({ status: 'passed', params: { score: 'p', positive: 0 } });
    expect(step!.observed.overall).toBeCloseTo(0.1, 10);
    for (const positive of [1, '__proto__', 'constructor', 'toString']) {
      await expect(run([{ ...ece, positive }], perClass, scored, scoredRows)).rejects.toThrow('step "calibrated", field "score": ece needs the score column');
    }
  });

  const conflicts: StepSpec = { id: 'consistent', check: 'label_conflicts' };

  it('label_conflicts compares rows on the features the roles leave (not the id), with the roles label', async () => {
    const [step] = (await run([conflicts], { id: 'row_id', label: 'sentiment' }, texts, textRows)).steps;
    // Features text and site: rows 1 and 2 conflict; rows 3 and 4 differ in site.
    expect(step).toMatchObject({ status: 'failed', unexpectedCount: 2, elementCount: 5 });
  });

  it('label_conflicts takes declared features; features written in the step win', async () => {
    const declared = { id: 'row_id', label: 'sentiment', features: ['text'] };
    const result = await run([conflicts, { ...conflicts, id: 'by_id', features: ['row_id', 'text'] }], declared, texts, textRows);
    expect(result.steps[0]).toMatchObject({ status: 'failed', unexpectedCount: 4 });
    expect(result.steps[1]).toMatchObject({ status: 'passed', unexpectedCount: 0 });
  });

  it('label_conflicts with no column left as a feature is an error naming the field', async () => {
    const roles = { id: 'row_id', label: 'sentiment', text: 'text', ignore: ['site'] };
    await expect(run([conflicts], roles, texts, textRows)).rejects.toMatchObject({
      message: expect.stringMatching(/^no feature column to compare rows on/),
      place: { stepId: 'consistent', field: 'features' },
    });
    await expect(run([conflicts], undefined, texts, textRows)).rejects.toThrow('step "consistent", field "label": needs the label column');
  });
});
