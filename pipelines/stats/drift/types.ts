/**
 * The shapes of drift results: per column (ColumnDrift) and for a dataset (DatasetDrift). The
 * JSON of `winnow drift --json` is DatasetDrift as it is; docs/statistics.md#drift-between-a-baseline-and-a-current-dataset defines every
 * number in it.
 */
import type { Column } from '../../table/column';

/** A table to compare: its quoted name and data columns (as `ctx.source()` and `openDataset` give). */
export interface Relation {
  table: string;
  columns: Column[];
}

/** How a column is compared: numbers (and dates, as epoch seconds) or categories. */
export type ColumnKind = 'numeric' | 'categorical';

/** Methods for numeric columns. */
export type NumericMethod = 'ks' | 'wasserstein' | 'psi' | 'js';
/** Methods for categorical columns. */
export type CategoricalMethod = 'chi2' | 'psi' | 'js' | 'linf';
/**
 * What decides whether a column drifted. ks and chi2 are tests: the column drifted when the
 * p-value is below the threshold. The others are distances: it drifted when the distance is above
 * the threshold (wasserstein means the normalised Wasserstein distance).
 */
export type DriftMethod = NumericMethod | CategoricalMethod;

/** A test's statistic and p-value. */
export interface TestResult {
  statistic: number;
  pValue: number;
}

/** Every statistic computed for a column; one that does not apply to its kind is absent. */
export interface DriftMetrics {
  /** Two-sample Kolmogorov–Smirnov (numeric). */
  ks?: TestResult;
  /** Pearson's chi-square on the 2 × k table of baseline and current counts (categorical). */
  chi2?: TestResult;
  /** Population stability index: on baseline-quantile bins (numeric) or categories. */
  psi?: number;
  /** Jensen–Shannon distance, base 2, on the same bins or categories. */
  js?: number;
  /** Largest difference in a category's share (categorical). */
  linf?: number;
  /** Wasserstein-1 distance, in the column's units (numeric). */
  wasserstein?: number;
  /** Wasserstein-1 divided by the baseline's standard deviation (numeric). */
  wassersteinNormalized?: number;
}

export interface ColumnDrift {
  column: string;
  type: ColumnKind;
  /** The method that decided `drifted`. */
  method: DriftMethod;
  /** The deciding statistic (for wasserstein, the normalised distance); null when a side has no values. */
  statistic: number | null;
  /** The deciding p-value for ks and chi2; null for distances. */
  pValue: number | null;
  /** For ks and chi2 the significance level (drifted when pValue < threshold); else the largest distance that has not drifted. */
  threshold: number;
  drifted: boolean;
  /**
   * How far past its threshold the column is, comparable across methods: statistic / threshold
   * for distances, log(pValue) / log(threshold) for tests. Above 1 exactly when drifted; null
   * when a side has no values.
   */
  score: number | null;
  /** Values compared on each side (nulls, NaN and infinities are not values). */
  baselineCount: number;
  currentCount: number;
  /** Why there is no statistic, when a side has no values. */
  note?: string;
  metrics: DriftMetrics;
}

/** A column that was not compared, and why. */
export interface SkippedColumn {
  column: string;
  reason: string;
}

export interface DatasetDrift {
  /** Whether the share of drifted columns is above maxShare. */
  drifted: boolean;
  /** Drifted columns / compared columns (0 when none was compared). */
  driftShare: number;
  maxShare: number;
  columns: ColumnDrift[];
  skipped: SkippedColumn[];
}
