/** The shapes of slice analysis: its options and its report (pipelines/stats/slices/slices.ts). */
import type { SliceKey } from './binning';
import type { CalibrationBin } from './calibration';

export type MetricName = 'accuracy' | 'precision' | 'recall' | 'f1' | 'ece';
export const METRIC_NAMES: readonly MetricName[] = ['accuracy', 'precision', 'recall', 'f1', 'ece'];

/**
 * The statistics a slice can be tested on against the rest of the rows. ECE is not one: the ECE of
 * fewer rows is larger by chance alone, so a small slice would look worse calibrated than the rest
 * for its size (docs/statistics.md#slices).
 */
export type TestedMetric = 'accuracy' | 'precision' | 'recall' | 'f1' | 'positiveRate';
export const TESTED_METRICS: readonly TestedMetric[] = ['accuracy', 'precision', 'recall', 'f1', 'positiveRate'];
/** Tested by default: the model metrics. The positive rate is tested when asked. */
export const DEFAULT_TESTS: readonly TestedMetric[] = ['accuracy', 'precision', 'recall', 'f1'];

/**
 * How the family of tests is corrected: holm (Holm's step-down: the chance of any false flag at
 * most alpha), bh (Benjamini–Hochberg: the expected share of false flags among the flags at most
 * alpha), or none (each test at alpha alone).
 */
export type Correction = 'holm' | 'bh' | 'none';
export const CORRECTIONS: readonly Correction[] = ['holm', 'bh', 'none'];

/** The correction as people name it. */
export const CORRECTION_NAMES: Record<Correction, string> = { holm: 'Holm', bh: 'Benjamini–Hochberg', none: 'no correction' };

/** The test as people name it. */
export const TEST_NAMES: Record<SliceTest['test'], string> = { 'fisher-exact': 'Fisher’s exact test', 'bootstrap-z': 'bootstrap z test' };

/**
 * none: no label column; binary: a positive class (given, or labels that are 0/1, -1/1 or
 * false/true); multiclass: any other labels (precision, recall and F1 are macro averages).
 */
export type Task = 'none' | 'binary' | 'multiclass';

export interface SliceOptions {
  /** One or two columns to slice by. */
  by: string[];
  /** The true class. */
  label?: string;
  /** The predicted class; with `label`, gives accuracy, precision, recall and F1. */
  prediction?: string;
  /**
   * A score in [0, 1]; gives the expected calibration error. Binary: the probability of the
   * positive class. Multiclass: the confidence of the prediction (needs `prediction`).
   */
  score?: string;
  /** The positive class (compared as text); default: 1 or true when the labels are 0/1, -1/1 or false/true. */
  positive?: string | number | boolean;
  /** Quantile bins for a numeric `by` column; default 5. */
  bins?: number;
  /** Slices smaller than this are not tested, so never flagged; default 30. */
  minRows?: number;
  /** Equal-width score bins for ECE; default 10. */
  eceBins?: number;
  /** Poisson bootstrap replicates for the intervals of F1, macro averages and ECE; default 200, 0 for none. */
  bootstrap?: number;
  /** Seeds the bootstrap; default 0. */
  seed?: number;
  /** Interval of the proportions (accuracy, binary precision and recall): wilson (default) or bootstrap. */
  interval?: 'wilson' | 'bootstrap';
  /**
   * The statistics each slice of at least `minRows` rows is tested on against the rest of the
   * rows; every such test is one of the family the correction is over. Default: accuracy,
   * precision, recall and F1 (those the report has; F1 and macro averages need `bootstrap`).
   */
  tests?: TestedMetric[];
  /** The correction over the family of tests; default holm. */
  correction?: Correction;
  /** A test flags its slice when its adjusted p-value is at most this; default 0.05. */
  alpha?: number;
}

/** A statistic with its 95% confidence interval. */
export interface Estimate {
  /** null when no row counts (n = 0); a zero denominator otherwise gives 0, as sklearn's zero_division=0. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** The rows the estimate rests on (its denominator, for a proportion). */
  n: number;
  /** How the interval was made; null when there is none. */
  interval: 'wilson' | 'bootstrap' | null;
}

/**
 * A slice against the rest of the rows on one statistic.
 *
 * @example
 * { test: 'fisher-exact', alternative: 'worse', rest: 0.887, pValue: 0.020, adjustedPValue: 0.080, flagged: false }
 */
export interface SliceTest {
  /**
   * fisher-exact: Fisher's exact test of the slice and the rest by successes and failures (the
   * proportions: accuracy, binary precision and recall, the positive rate). bootstrap-z: the
   * slice's value minus the rest's over its bootstrap standard deviation (F1, macro averages).
   */
  test: 'fisher-exact' | 'bootstrap-z';
  /** worse: one-sided, the slice's value lower than the rest's; different: two-sided (the positive rate). */
  alternative: 'worse' | 'different';
  /** The statistic on the rest of the rows. */
  rest: number;
  /** The test's own p-value. */
  pValue: number;
  /** The p-value after the report's correction over its family of tests (equal to pValue without one). */
  adjustedPValue: number;
  /** adjustedPValue ≤ alpha. */
  flagged: boolean;
}

export interface LabelShare {
  value: string;
  rows: number;
  /** Of the slice's rows with a label. */
  share: number;
}

export interface Slice {
  /** `island=Biscoe, flipper_length_mm=(190, 197]`; `all` for the whole table. */
  name: string;
  /** Empty for the whole table. */
  keys: SliceKey[];
  rows: number;
  /** Of all rows. */
  share: number;
  /** Share of NULLs per data column. */
  nullRates: Record<string, number>;
  /** Label distribution (rows with a label), by label. */
  labels?: LabelShare[];
  /** Binary: the share of positive labels among rows with a label (Wilson interval). */
  positiveRate?: Estimate;
  metrics?: Partial<Record<MetricName, Estimate>>;
  /** ECE's reliability diagram: the non-empty score bins. */
  calibration?: CalibrationBin[];
  /** Per tested statistic, the test against the rest of the rows; empty for the whole table and slices under minRows. */
  tests: Partial<Record<TestedMetric, SliceTest>>;
  /** Metrics on which this slice is significantly worse than the rest of the rows: its flagged tests but the positive rate's. */
  worse: MetricName[];
}

export interface SliceReport {
  by: string[];
  rows: number;
  task: Task;
  label: string | null;
  prediction: string | null;
  score: string | null;
  /** The positive class as text (binary). */
  positive: string | null;
  /** Every label and prediction value, as text, sorted. */
  classes: string[];
  /** Precision, recall and F1: of the positive class (binary) or macro averages (multiclass). */
  average: 'binary' | 'macro' | null;
  /** The quantile-bin edges of each numeric `by` column that was binned. */
  binned: Record<string, number[]>;
  settings: {
    bins: number;
    minRows: number;
    eceBins: number;
    bootstrap: number;
    seed: number;
    interval: 'wilson' | 'bootstrap';
    confidence: number;
    tests: TestedMetric[];
    correction: Correction;
    alpha: number;
  };
  /** How many tests the correction is over: every test of every slice of at least minRows rows. */
  familySize: number;
  overall: Slice;
  slices: Slice[];
}
