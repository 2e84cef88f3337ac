/**
 * The slice_metric check in a spec, run by the executor on both engines over the penguins
 * fixture (a body-mass "model" of the penguins' sex, a flipper-and-bill "model" of their species):
 * per-slice values as scikit-learn computes them (slices.json), bounds, min_rows, each slice
 * tested against the rest of the rows with SciPy's and statsmodels' p-values, and errors that name
 * the field.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import type { PipelineResult } from '../../run/execute';
import { runOnRows } from '../../../testing/rows-kit';
import type { StepSpec } from '../../spec/types';
import { closeTo, engines, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { fixtureRows } from '../../../testing/slice-fixtures';
import type { Slice, TestedMetric } from './types';

const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}slices.json`, 'utf8')) as {
  fixtures: Record<string, Record<string, string>>;
  cases: { name: string; report: { overall: Slice; slices: (Slice & { keys: { column: string; value: string | null }[] })[] } }[];
};
const bySpecies = reference.cases.find((item) => item.name === 'penguins-sex-by-species')!.report;
const speciesByIsland = reference.cases.find((item) => item.name === 'penguins-species-by-island')!.report;
/** The check's family: one metric across the slices, no bootstrap. */
const precisionBySpecies = reference.cases.find((item) => item.name === 'penguins-sex-precision-by-species')!.report;
const rateByIsland = reference.cases.find((item) => item.name === 'penguins-sex-rate-by-island')!.report;
const penguins = fixtureRows('slices-penguins.csv', reference.fixtures['slices-penguins.csv']!);
const sex = { label: 'sex', prediction: 'sex_pred', positive: 'MALE' };

function observed(result: PipelineResult, id: string) {
  return result.steps.find((candidate) => candidate.id === id)!;
}

for (const [label, create] of engines) {
  describe(`slice_metric on ${label}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });
    const run = (steps: StepSpec[]) => runOnRows(engine, { seed: 3, steps, outputs: [] }, penguins.columns, penguins.rows);

    it('judges every slice by scikit-learn’s value of the metric, and names the failing ones', async () => {
      const recall = bySpecies.slices.map((slice) => ({ slice: `species=${slice.keys[0]!.value}`, rows: slice.rows, value: slice.metrics!.recall!.value! }));
      const lowest = Math.min(...recall.map((slice) => slice.value));
      const result = await run([
        { id: 'recall', check: 'slice_metric', by: 'species', metric: 'recall', ...sex, min: lowest + 1e-9, on_fail: 'warn' },
        { id: 'recall_ok', check: 'slice_metric', by: ['species'], metric: 'recall', ...sex, min: lowest },
      ]);
      const failing = observed(result, 'recall');
      expect(failing).toMatchObject({ success: false, status: 'warned' });
      expect(failing.observed).toMatchObject({ metric: 'recall', judged: 3, skipped: 0 });
      const worst = recall.find((slice) => slice.value === lowest)!;
      expect(failing.observed.failing).toEqual([worst]);
      expect(failing.observed.worst).toEqual(worst);
      expect(closeTo(failing.observed.overall as number, bySpecies.overall.metrics!.recall!.value)).toBe(true);
      expect(observed(result, 'recall_ok')).toMatchObject({ success: true, status: 'passed' });
    });

    it('bounds ECE from above and the positive rate on both sides; macro F1 for a multiclass label', async () => {
      const highestEce = Math.max(...bySpecies.slices.map((slice) => slice.metrics!.ece!.value!));
      const lowestF1 = Math.min(...speciesByIsland.slices.map((slice) => slice.metrics!.f1!.value!));
      const result = await run([
        { id: 'ece', check: 'slice_metric', by: 'species', metric: 'ece', ...sex, score: 'sex_score', max: highestEce },
        { id: 'ece_low', check: 'slice_metric', by: 'species', metric: 'ece', ...sex, score: 'sex_score', max: highestEce - 1e-9, on_fail: 'warn' },
        { id: 'balance', check: 'slice_metric', by: 'island', metric: 'positive_rate', label: 'sex', positive: 'MALE', min: 0.4, max: 0.6 },
        { id: 'species_f1', check: 'slice_metric', by: 'island', metric: 'f1', label: 'species', prediction: 'species_pred', min: lowestF1 },
      ]);
      expect(observed(result, 'ece')).toMatchObject({ success: true });
      expect(observed(result, 'ece_low')).toMatchObject({ success: false });
      expect((observed(result, 'ece_low').observed.failing as unknown[]).length).toBe(1);
      expect(observed(result, 'balance')).toMatchObject({ success: true, observed: { metric: 'positive_rate', judged: 3 } });
      expect(observed(result, 'species_f1')).toMatchObject({ success: true, observed: { metric: 'f1', judged: 3 } });
    });

    it('does not judge slices under min_rows, nor lists them as failing', async () => {
      // Island and species: Biscoe's 124 Gentoos and Dream's 68 Chinstraps reach 60 rows; three Adelie slices do not.
      const sizes = reference.cases.find((item) => item.name === 'penguins-sex-by-island-species')!.report.slices.map((slice) => slice.rows);
      expect(sizes.filter((rows) => rows >= 60)).toHaveLength(2);
      const result = await run([
        { id: 'small', check: 'slice_metric', by: ['island', 'species'], metric: 'accuracy', ...sex, min: 0.99, min_rows: 60, on_fail: 'warn' },
      ]);
      const { observed: seen } = observed(result, 'small');
      expect(seen).toMatchObject({ judged: 2, skipped: 3 });
      expect((seen.failing as { rows: number }[]).map((slice) => slice.rows).sort()).toEqual([124, 68].sort());
    });

    const expectTests = (seen: Record<string, unknown>, expected: typeof precisionBySpecies, metric: TestedMetric, column: string) => {
      const tests = expected.slices
        .filter((slice) => slice.tests[metric])
        .map((slice) => ({ slice: `${column}=${slice.keys[0]!.value}`, ...slice.tests[metric]! }))
        .sort((a, b) => a.pValue - b.pValue);
      const mine = seen.tests as { slice: string; pValue: number; adjustedPValue: number; rest: number; flagged: boolean }[];
      expect(mine.map((test) => [test.slice, test.flagged])).toEqual(tests.map((test) => [test.slice, test.flagged]));
      mine.forEach((test, index) => {
        for (const field of ['pValue', 'adjustedPValue', 'rest'] as const)
          expect(closeTo(test[field], tests[index]![field]), `${test.slice} ${field}`).toBe(true);
      });
      return tests.filter((test) => test.flagged).map((test) => test.slice);
    };

    it('tests each judged slice against the rest of the rows, Holm over the slices, and lists those significantly worse', async () => {
      const result = await run([{ id: 'precision', check: 'slice_metric', by: 'species', metric: 'precision', ...sex, min: 0 }]);
      const seen = observed(result, 'precision').observed;
      expect(seen).toMatchObject({ test: 'Fisher’s exact test, one-sided, against the rest of the rows', correction: 'Holm over 3 slices, alpha 0.05' });
      const flagged = expectTests(seen, precisionBySpecies, 'precision', 'species');
      expect(flagged).toEqual(['species=Gentoo']);
      expect(seen.significantlyWorse).toEqual(flagged);
    });

    it('tests the positive rate two-sided and lists the slices significantly different', async () => {
      const result = await run([
        { id: 'balance', check: 'slice_metric', by: 'island', metric: 'positive_rate', label: 'sex', positive: 'MALE', min: 0.4, max: 0.6 },
      ]);
      const seen = observed(result, 'balance').observed;
      expect(seen.test).toBe('Fisher’s exact test, two-sided, against the rest of the rows');
      expect(seen.significantlyDifferent).toEqual(expectTests(seen, rateByIsland, 'positiveRate', 'island'));
      expect(seen).not.toHaveProperty('significantlyWorse');
    });

    it('tests nothing it has no test for: F1 without a bootstrap', async () => {
      const result = await run([{ id: 'f1', check: 'slice_metric', by: 'species', metric: 'f1', ...sex, min: 0 }]);
      const seen = observed(result, 'f1').observed;
      expect(seen.significantlyWorse).toEqual([]);
      expect(seen).not.toHaveProperty('tests');
    });

    it('explains what cannot work, naming the field', async () => {
      await expect(run([{ id: 'a', check: 'slice_metric', by: 'species', metric: 'accuracy', label: 'sex', min: 0.5 }])).rejects.toThrow(
        /accuracy needs the prediction column/,
      );
      await expect(run([{ id: 'b', check: 'slice_metric', by: 'species', metric: 'accuracy', label: 'sex', prediction: 'sex_pred' }])).rejects.toThrow();
      await expect(run([{ id: 'c', check: 'slice_metric', by: 'island', metric: 'positive_rate', label: 'species', min: 0.1 }])).rejects.toThrow(
        expect.objectContaining({ place: expect.objectContaining({ stepId: 'c', field: 'positive' }) }),
      );
      await expect(run([{ id: 'd', check: 'slice_metric', by: 'species', metric: 'accuracy', ...sex, min: 0.5, bins: 1 }])).rejects.toThrow(/bins/);
      await expect(run([{ id: 'e', check: 'slice_metric', by: 'specie', metric: 'accuracy', ...sex, min: 0.5 }])).rejects.toThrow(/no column "specie"/);
    });
  });
}
