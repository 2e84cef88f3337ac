import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseSpec } from '../../pipelines/spec/parse';
import type { StepSpec } from '../../pipelines/spec/types';
import { agreementStep, ceilTo, classBalanceStep, driftStep, floorTo, labelConflictsStep, sliceMetricStep, sourceName, stepId } from './check-steps';

/** Parses a spec holding the steps: the steps the views build must be valid spec steps. */
function parsesAsSpec(steps: StepSpec[]) {
  const spec = { version: 1, name: 'views', sources: { data: { uri: 'data.csv' }, flights_baseline: { uri: 'flights-baseline.parquet' } }, steps };
  return parseSpec(stringify(spec), 'views.winnow.yaml');
}

describe('add as check', () => {
  it('pins a drift step’s method with alpha for tests and max for distances, on_fail warn as every view’s check', () => {
    const test = driftStep({ column: 'origin', baseline: 'flights_baseline', method: 'chi2', threshold: 0.05 });
    const distance = driftStep({ column: 'delay', baseline: 'flights_baseline', method: 'wasserstein', threshold: 0.1 });
    expect(test).toEqual({ id: 'drift_origin', check: 'drift', column: 'origin', baseline: 'flights_baseline', method: 'chi2', alpha: 0.05, on_fail: 'warn' });
    expect(distance).toEqual({
      id: 'drift_delay',
      check: 'drift',
      column: 'delay',
      baseline: 'flights_baseline',
      method: 'wasserstein',
      max: 0.1,
      on_fail: 'warn',
    });
    expect(driftStep({ column: 'delay', baseline: 'b', method: 'psi', threshold: 0.2, bins: 20 })).toMatchObject({ max: 0.2, bins: 20 });
    expect(parsesAsSpec([test, distance]).steps).toHaveLength(2);
  });

  it('writes slice_metric with one by column as a string, two as a list, defaults left out', () => {
    const one = sliceMetricStep({ by: ['origin'], metric: 'accuracy', label: 'late', prediction: 'predicted_late', bound: { side: 'min', value: 0.8 } });
    expect(one).toEqual({
      id: 'slice_accuracy_by_origin',
      check: 'slice_metric',
      by: 'origin',
      metric: 'accuracy',
      label: 'late',
      prediction: 'predicted_late',
      min: 0.8,
    });
    const two = sliceMetricStep({
      by: ['island', 'sex'],
      metric: 'positive_rate',
      label: 'sex',
      positive: 'MALE',
      bound: { side: 'max', value: 0.7 },
      minRows: 10,
      bins: 4,
    });
    expect(two).toEqual({
      id: 'slice_positive_rate_by_island_sex',
      check: 'slice_metric',
      by: ['island', 'sex'],
      metric: 'positive_rate',
      label: 'sex',
      positive: 'MALE',
      max: 0.7,
      min_rows: 10,
      bins: 4,
    });
    expect(parsesAsSpec([one, two]).steps).toHaveLength(2);
  });

  it('writes the label checks', () => {
    const steps = [
      classBalanceStep({ label: 'species', maxRatio: 2.3 }),
      classBalanceStep({ label: 'species', minNormalizedEntropy: 0.9 }, ['class_balance_species']),
      labelConflictsStep({ features: ['island', 'sex'], label: 'species', onFail: 'reject' }),
      agreementStep({ annotators: ['ann', 'bob', 'cy'] }, { minKappa: 0.6 }),
      agreementStep({ item: 'text_id', annotator: 'worker', label: 'sentiment' }, { minAlpha: 0.667 }),
    ];
    expect(steps.map((step) => step.id)).toEqual([
      'class_balance_species',
      'class_balance_species_2',
      'label_conflicts_species',
      'agreement',
      'agreement_sentiment',
    ]);
    expect(steps[2]).toEqual({ id: 'label_conflicts_species', check: 'label_conflicts', features: ['island', 'sex'], label: 'species', on_fail: 'reject' });
    expect(steps[3]).toEqual({ id: 'agreement', check: 'agreement', annotators: ['ann', 'bob', 'cy'], min_kappa: 0.6 });
    expect(parsesAsSpec(steps).steps).toHaveLength(5);
  });

  it('makes ids and source names that the spec accepts from any column or file name', () => {
    expect(stepId(['drift', 'Ankunft (min) ö'])).toBe('drift_Ankunft_min_o');
    expect(stepId(['1st'])).toBe('_1st');
    expect(stepId(['drift', 'a'], ['drift_a', 'drift_a_2'])).toBe('drift_a_3');
    expect(sourceName('/data/flights-baseline.parquet')).toBe('flights_baseline');
    expect(sourceName('2024 Q1.csv.gz')).toBe('2024_Q1');
    expect(sourceName('…')).toBe('baseline');
  });

  it('rounds a bound outward so what is seen passes', () => {
    expect(floorTo(0.8149)).toBe(0.81);
    expect(floorTo(0.82)).toBe(0.82);
    expect(ceilTo(2.2353, 1)).toBe(2.3);
    expect(ceilTo(0.3)).toBe(0.3);
  });
});
