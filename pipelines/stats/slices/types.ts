/** The shapes of slice analysis: its options and its report (pipelines/stats/slices/slices.ts). */
import type { SliceKey } from './binning';
import type { CalibrationBin } from './calibration';

export type MetricName = 'accuracy' | 'precision' | 'recall' | 'f1' | 'ece';
export const METRIC_NAMES: readonly MetricName[] = ['accuracy', 'precision', 'recall', 'f1', 'ece'];

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
  /** Slices smaller than this are never flagged; default 30. */
  minRows?: number;
  /** Equal-width score bins for ECE; default 10. */
  eceBins?: number;
  /** Poisson bootstrap replicates for the intervals of F1, macro averages and ECE; default 200, 0 for none. */
  bootstrap?: number;
  /** Seeds the bootstrap; default 0. */
  seed?: number;
  /** Interval of the proportions (accuracy, binary precision and recall): wilson (default) or bootstrap. */
  interval?: 'wilson' | 'bootstrap';
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
  /** Metrics on which this slice is significantly worse than the whole table. */
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
  };
  overall: Slice;
  slices: Slice[];
}
