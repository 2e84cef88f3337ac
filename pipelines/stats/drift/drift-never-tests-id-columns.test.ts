/**
 * Issue 14: with column roles declared, drift_share and the report's drift views never test the
 * id, the timestamp or ignored columns. Every patient_id differs between baseline and current by
 * design; without roles the check flags it, with `columns: { id: patient_id }` it does not. A
 * `drift` check that names such a column is not evaluated, with the role as its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { driftViews } from '../../report/drift-views';
import type { PipelineResult } from '../../run/execute';
import { runOnRows } from '../../../testing/rows-kit';
import { NativeEngine } from '../../node/engine/native-engine';
import type { ColumnRoles, StepSpec } from '../../spec/types';
import type { Column } from '../../table/column';

const columns: Column[] = [
  { name: 'patient_id', type: 'BIGINT' },
  { name: 'amount', type: 'DOUBLE' },
  { name: 'seen', type: 'DATE' },
  { name: 'site', type: 'VARCHAR' },
];

/** 300 rows; ids, dates and sites start at `offset`, amounts are the same on every side. */
const rows = (offset: number): unknown[][] =>
  Array.from({ length: 300 }, (_, index) => [
    offset + index,
    ((index * 37) % 101) / 10,
    `20${20 + Math.floor(offset / 10_000)}-01-${String((index % 28) + 1).padStart(2, '0')}`,
    `site-${offset + (index % 7)}`,
  ]);

const baseline = { columns, rows: rows(10_000) };

describe('drift never tests the columns whose role says not to', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await NativeEngine.create();
  });
  afterAll(async () => {
    await engine?.close();
  });

  const run = async (steps: StepSpec[], roles?: ColumnRoles): Promise<PipelineResult> => {
    await engine.run('DROP TABLE IF EXISTS "__winnow_source_baseline"');
    return runOnRows(engine, { seed: 1, steps, outputs: [], ...(roles ? { columns: roles } : {}) }, columns, rows(0), { sources: { baseline } });
  };
  const share: StepSpec = { id: 'stable', check: 'drift_share', baseline: 'baseline', max: 0.2 };

  it('without roles, drift_share flags the ids (the failure roles exist to prevent)', async () => {
    const result = await run([share]);
    expect(result.steps[0]!.success).toBe(false);
    expect(result.steps[0]!.observed.drifted).toEqual(expect.arrayContaining(['patient_id']));
  });

  it('with columns: { id: patient_id }, patient_id is not tested, and says why', async () => {
    const result = await run([share], { id: 'patient_id' });
    const observed = result.steps[0]!.observed;
    expect(observed.drifted).not.toContain('patient_id');
    expect(observed.compared).toBe(3);
    expect(observed.skipped).toContainEqual({ column: 'patient_id', reason: 'columns.id: never tested for drift' });
  });

  it('a drift check naming an id, the timestamp or an ignored column is not evaluated, saying why', async () => {
    const named = (column: string): StepSpec => ({ id: `stable_${column}`, check: 'drift', column, baseline: 'baseline' });
    // Without roles the id is tested, and drifts: every id differs.
    expect((await run([named('patient_id')])).steps[0]).toMatchObject({ status: 'failed' });
    const roles: ColumnRoles = { id: 'patient_id', timestamp: 'seen', ignore: ['site'] };
    const result = await run([named('patient_id'), named('seen'), named('site'), named('amount')], roles);
    expect(result.steps.map((step) => [step.status, step.reason])).toEqual([
      ['not_evaluated', 'column "patient_id" is not compared with baseline "baseline": columns.id: never tested for drift'],
      ['not_evaluated', 'column "seen" is not compared with baseline "baseline": columns.timestamp: never tested for drift'],
      ['not_evaluated', 'column "site" is not compared with baseline "baseline": columns.ignore: never tested for drift'],
      ['passed', undefined],
    ]);
    expect(result.steps[0]!.observed).toEqual({});
  });

  it('drift_share listing only such columns is not evaluated, naming each role', async () => {
    const roles: ColumnRoles = { id: 'patient_id', timestamp: 'seen' };
    const [step] = (await run([{ ...share, columns: ['patient_id', 'seen'] }], roles)).steps;
    expect(step).toMatchObject({
      status: 'not_evaluated',
      reason:
        'baseline "baseline": no shared column can be compared: "patient_id" (columns.id: never tested for drift), "seen" (columns.timestamp: never tested for drift)',
    });
  });

  it('leaves out the timestamp and ignored columns too, even when the step lists them', async () => {
    const roles: ColumnRoles = { id: 'patient_id', timestamp: 'seen', ignore: ['site'] };
    const result = await run([share, { ...share, id: 'listed', columns: ['patient_id', 'amount', 'site'] }], roles);
    for (const step of result.steps) {
      expect(step).toMatchObject({ success: true, observed: { drifted: [], compared: 1 } });
    }
    expect(result.steps[0]!.observed.skipped).toEqual([
      { column: 'patient_id', reason: 'columns.id: never tested for drift' },
      { column: 'seen', reason: 'columns.timestamp: never tested for drift' },
      { column: 'site', reason: 'columns.ignore: never tested for drift' },
    ]);
    // The report draws what the check compared: amount, and none of the columns roles leave out.
    const views = await driftViews(engine, result.steps, { table: result.finalTable, columns: result.columns, rows: result.rowCounts.kept });
    expect(views.map((view) => view.columns.map((column) => column.column))).toEqual([['amount'], ['amount']]);
  });
});
