/**
 * The `drift` and `drift_share` checks in a spec, run through the executor on both engines with a
 * baseline source, and the same observations from each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { WasmEngine } from '../../engine/wasm-engine';
import { WinnowError } from '../../errors';
import type { StepResult } from '../../run/results';
import { runOnRows } from '../../../testing/rows-kit';
import { NativeEngine } from '../../node/engine/native-engine';
import { parseSpec } from '../../spec/parse';
import type { StepSpec } from '../../spec/types';
import type { Column } from '../../table/column';

const columns: Column[] = [
  { name: 'amount', type: 'DOUBLE' },
  { name: 'city', type: 'VARCHAR' },
  { name: 'note', type: 'VARCHAR' },
];
const cities = ['Oslo', 'Rome', 'Lima', 'Kyiv'];
/** 400 rows; `shift` moves amount, `tilt` makes Lima the most common city. */
const rows = (shift: number, tilt: boolean): unknown[][] =>
  Array.from({ length: 400 }, (_, index) => [((index * 37) % 101) / 10 + shift, cities[tilt && index % 2 === 0 ? 2 : index % 4], index % 5 === 0 ? null : 'n']);

const baseline = { columns, rows: rows(0, false) };

function step(steps: StepResult[], id: string): StepResult {
  const found = steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

function testDriftChecks(label: string, create: () => Promise<Engine>, observations: Record<string, unknown>[]): void {
  describe(`drift checks on ${label}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine?.close();
    });
    const run = async (steps: StepSpec[], current = rows(0, false)) => {
      // The executor reads a source into this table once per run, and does not drop it after.
      await engine.run('DROP TABLE IF EXISTS "__winnow_source_baseline"');
      return runOnRows(engine, { seed: 1, steps, outputs: [] }, columns, current, { sources: { baseline } });
    };

    it('drift passes on the same distribution and fails on a shifted one, with the default method', async () => {
      const same = await run([{ id: 'amount', check: 'drift', column: 'amount', baseline: 'baseline' }]);
      expect(step(same.steps, 'amount')).toMatchObject({
        success: true,
        status: 'passed',
        observed: { drifted: false, type: 'numeric', method: 'ks', statistic: 0, pValue: 1, threshold: 0.05, baselineCount: 400, currentCount: 400 },
      });
      const shifted = await run(
        [
          { id: 'amount', check: 'drift', column: 'amount', baseline: 'baseline', on_fail: 'warn' },
          { id: 'city', check: 'drift', column: 'city', baseline: 'baseline', method: 'linf', max: 0.2 },
        ],
        rows(1.5, true),
      );
      const amount = step(shifted.steps, 'amount');
      expect(amount).toMatchObject({ success: false, status: 'warned', observed: { drifted: true, method: 'ks' } });
      expect(amount.observed.pValue).toBeLessThan(0.001);
      expect(Object.keys(amount.observed.metrics as object).sort()).toEqual(['js', 'ks', 'psi', 'wasserstein', 'wassersteinNormalized']);
      // Lima goes from a quarter of the rows to half, Oslo from a quarter to none: 25-point moves.
      expect(step(shifted.steps, 'city')).toMatchObject({ success: false, status: 'failed', observed: { method: 'linf', statistic: 0.25, threshold: 0.2 } });
      expect(shifted.status).toBe('failed');
      observations.push(amount.observed, step(shifted.steps, 'city').observed);
    });

    it('drift takes a method and its threshold', async () => {
      const result = await run(
        [
          { id: 'psi', check: 'drift', column: 'amount', baseline: 'baseline', method: 'psi', max: 100 },
          { id: 'chi2', check: 'drift', column: 'city', baseline: 'baseline', method: 'chi2', alpha: 1e-300 },
          { id: 'bins', check: 'drift', column: 'amount', baseline: 'baseline', method: 'js', max: 0.5, bins: 4 },
        ],
        rows(1.5, true),
      );
      expect(step(result.steps, 'psi')).toMatchObject({ success: true, observed: { method: 'psi', threshold: 100, pValue: null } });
      expect(step(result.steps, 'chi2')).toMatchObject({ success: true, observed: { method: 'chi2', threshold: 1e-300 } });
      expect(step(result.steps, 'bins').observed.statistic).not.toBe((step(result.steps, 'psi').observed.metrics as { js: number }).js);
      observations.push(...result.steps.map((found) => found.observed));
    });

    it('drift_share judges every column by its default method', async () => {
      const result = await run(
        [
          { id: 'half', check: 'drift_share', baseline: 'baseline', on_fail: 'warn' },
          { id: 'loose', check: 'drift_share', baseline: 'baseline', max: 0.7 },
          { id: 'one', check: 'drift_share', baseline: 'baseline', columns: ['note'], max: 0 },
        ],
        rows(1.5, true),
      );
      // amount and city drifted, note did not: 2 of 3.
      expect(step(result.steps, 'half')).toMatchObject({
        success: false,
        status: 'warned',
        observed: { driftShare: 2 / 3, max: 0.5, drifted: ['amount', 'city'], compared: 3, skipped: [] },
        unexpectedCount: 2,
        elementCount: 3,
      });
      expect(step(result.steps, 'loose')).toMatchObject({ success: true });
      expect(step(result.steps, 'one')).toMatchObject({ success: true, observed: { driftShare: 0, compared: 1 } });
      observations.push(...result.steps.map((found) => found.observed));
    });

    it('drift_share skips columns the baseline lacks', async () => {
      const result = await run([
        { id: 'derived', transform: 'derive', column: 'double_amount', expr: 'amount * 2' },
        { id: 'share', check: 'drift_share', baseline: 'baseline' },
      ]);
      expect(step(result.steps, 'share').observed).toMatchObject({ compared: 3, skipped: [{ column: 'double_amount', reason: 'not in the baseline' }] });
    });

    it('names the step and field when the baseline or column is wrong', async () => {
      const failure = async (steps: StepSpec[]) =>
        run(steps).then(
          () => null,
          (error: unknown) => error,
        );
      const unknownSource = await failure([{ id: 'a', check: 'drift', column: 'amount', baseline: 'baselin' }]);
      expect(unknownSource).toBeInstanceOf(WinnowError);
      expect((unknownSource as WinnowError).place).toMatchObject({ stepId: 'a', field: 'baseline' });
      expect((unknownSource as WinnowError).message).toMatch(/no source named "baselin".*baseline/);
      const wrongMethod = await failure([{ id: 'b', check: 'drift', column: 'city', baseline: 'baseline', method: 'ks', alpha: 0.01 }]);
      expect((wrongMethod as WinnowError).place).toMatchObject({ stepId: 'b', field: 'method' });
      expect((wrongMethod as WinnowError).message).toBe('ks does not apply to the categorical column "city" (use one of chi2, psi, js, linf)');
    });

    it('drift over a column the baseline lacks is not evaluated, not an error', async () => {
      const renamed = await run([
        { id: 'r', transform: 'rename', columns: { amount: 'total' } },
        { id: 'c', check: 'drift', column: 'total', baseline: 'baseline' },
      ]);
      expect(step(renamed.steps, 'c')).toMatchObject({
        status: 'not_evaluated',
        failsRun: true,
        reason: 'column "total" is not compared with baseline "baseline": not in the baseline',
      });
      expect(renamed.status).toBe('failed');
    });
  });
}

const fromNative: Record<string, unknown>[] = [];
const fromWasm: Record<string, unknown>[] = [];
testDriftChecks('native', () => NativeEngine.create({ threads: 2 }), fromNative);
testDriftChecks('wasm', () => WasmEngine.createForNode(), fromWasm);

describe('drift checks on both engines', () => {
  it('observe the same numbers', () => {
    expect(fromNative.length).toBeGreaterThan(5);
    expect(fromWasm).toEqual(fromNative);
  });
});

describe('drift check parameters', () => {
  const problems = (step: object): string[] => {
    try {
      parseSpec(
        JSON.stringify({ version: 1, name: 't', sources: { data: { uri: 'd.csv' }, old: { uri: 'o.csv' } }, steps: [{ id: 's', ...step }] }),
        'spec.json',
      );
      return [];
    } catch (error) {
      return ((error as { errors?: WinnowError[] }).errors ?? [error as WinnowError]).map((found) => found.oneLine());
    }
  };

  it('accept a method with its own kind of threshold', () => {
    expect(problems({ check: 'drift', column: 'a', baseline: 'old', method: 'ks', alpha: 0.01 })).toEqual([]);
    expect(problems({ check: 'drift', column: 'a', baseline: 'old', method: 'psi', max: 0.25, bins: 20 })).toEqual([]);
    expect(problems({ check: 'drift_share', baseline: 'old', max: 0.3, columns: ['a', 'b'] })).toEqual([]);
  });

  it('reject thresholds that do not fit the method', () => {
    expect(problems({ check: 'drift', column: 'a', baseline: 'old', method: 'ks', max: 0.1 })).toEqual([
      'spec.json:1, step "s", field "max": ks is a test: set alpha (the check fails when the p-value is below it), not max',
    ]);
    expect(problems({ check: 'drift', column: 'a', baseline: 'old', method: 'js', alpha: 0.1 })[0]).toMatch(/field "alpha": js is a distance: set max/);
    expect(problems({ check: 'drift', column: 'a', baseline: 'old', max: 0.1 })[0]).toMatch(/field "max": max needs a method/);
    expect(problems({ check: 'drift', column: 'a', baseline: 'old', method: 'kl' }).join('\n')).toMatch(/method/);
    expect(problems({ check: 'drift', column: 'a' }).join('\n')).toMatch(/baseline/);
    expect(problems({ check: 'drift_share', baseline: 'old', max: 1.5 }).join('\n')).toMatch(/max/);
  });
});
