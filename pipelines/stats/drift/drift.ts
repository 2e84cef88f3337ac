/**
 * Drift between a baseline and a current dataset, column by column, and a verdict on the
 * dataset: the core API behind the `drift` and `drift_share` checks and `winnow drift`.
 *
 * Each column gets every statistic that applies to its kind (numeric: KS, Wasserstein, PSI, JS;
 * categorical: chi-square, PSI, JS, L∞); one method decides whether it drifted. By default that
 * method depends on the kind and the sample size (see `defaultMethod`): tests while samples are
 * small, effect sizes once they are large enough for a test to flag shifts too small to matter.
 * docs/statistics.md#drift-between-a-baseline-and-a-current-dataset documents every rule here.
 *
 * @example
 * const drift = await detectDrift(engine, baseline, current);
 * drift.columns.filter((column) => column.drifted).map((column) => column.column);
 */
import type { Engine } from '../../engine/engine';
import { queryOne } from '../../table/column';
import { categoryCounts, DEFAULT_MAX_CATEGORIES } from './categories';
import { chiSquareTest } from './chi-square';
import { jensenShannonDistance } from './jensen-shannon';
import { kolmogorovSmirnov } from './ks';
import { linfDistance } from './linf';
import { populationStabilityIndex } from './psi';
import { DEFAULT_BINS, quantileBins } from './quantile-bins';
import { columnKind, columnSamples, sampleSizesSql } from './samples';
import type { ColumnDrift, ColumnKind, DatasetDrift, DriftMethod, DriftMetrics, Relation, SkippedColumn } from './types';
import { wasserstein } from './wasserstein';

export const NUMERIC_METHODS: readonly DriftMethod[] = ['ks', 'wasserstein', 'psi', 'js'];
export const CATEGORICAL_METHODS: readonly DriftMethod[] = ['chi2', 'psi', 'js', 'linf'];
export const DRIFT_METHODS: readonly DriftMethod[] = ['ks', 'chi2', 'wasserstein', 'psi', 'js', 'linf'];

/**
 * Default thresholds. ks, chi2: the significance level (drifted when p < 0.05). wasserstein (the
 * normalised distance): 0.1 standard deviations. psi: 0.2, the customary "significant shift".
 * js: 0.1. linf: 0.1, a category's share moved by 10 points.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftMethod, number>> = { ks: 0.05, chi2: 0.05, wasserstein: 0.1, psi: 0.2, js: 0.1, linf: 0.1 };

/** Up to this many values in the smaller sample, the default method is a test. */
export const SMALL_SAMPLE = 1000;

/** The dataset drifted when more than this share of its compared columns drifted. */
export const DEFAULT_MAX_SHARE = 0.5;

/** Whether a method is a test (decides by p-value) rather than a distance. */
export function isTestMethod(method: DriftMethod): method is 'ks' | 'chi2' {
  return method === 'ks' || method === 'chi2';
}

export function methodsFor(kind: ColumnKind): readonly DriftMethod[] {
  return kind === 'numeric' ? NUMERIC_METHODS : CATEGORICAL_METHODS;
}

/**
 * The method that decides a column when none is given. A test's power grows with the effective
 * sample size n1·n2/(n1 + n2), which the smaller sample bounds: while it has at most 1,000 values
 * a test's p-value is a fair judge (numeric: ks, categorical: chi2); beyond, even shifts too small
 * to matter become "significant", so an effect size decides (numeric: normalised wasserstein,
 * categorical: js).
 */
export function defaultMethod(kind: ColumnKind, baselineCount: number, currentCount: number): DriftMethod {
  const small = Math.min(baselineCount, currentCount) <= SMALL_SAMPLE;
  if (kind === 'numeric') return small ? 'ks' : 'wasserstein';
  return small ? 'chi2' : 'js';
}

/** A column that cannot be compared: missing on a side, of a type drift does not compare, ... */
export class NotComparedError extends Error {
  constructor(
    readonly column: string,
    readonly reason: string,
  ) {
    super(`column "${column}" is not compared: ${reason}`);
    this.name = 'NotComparedError';
  }
}

/** A column asked for by name that neither side has. */
export class UnknownColumnError extends Error {
  constructor(readonly column: string) {
    super(`no column "${column}" in the baseline or the current data`);
    this.name = 'UnknownColumnError';
  }
}

/** How `column` can be compared between the two sides, or why it cannot. */
export function comparedKind(baseline: Relation, current: Relation, column: string): ColumnKind {
  const before = baseline.columns.find((candidate) => candidate.name === column);
  const after = current.columns.find((candidate) => candidate.name === column);
  if (!before) throw new NotComparedError(column, 'not in the baseline');
  if (!after) throw new NotComparedError(column, 'not in the current data');
  const kind = columnKind(before.type);
  const currentKind = columnKind(after.type);
  if (!kind) throw new NotComparedError(column, `drift does not compare ${before.type} columns`);
  if (kind !== currentKind) {
    throw new NotComparedError(column, `${kind} in the baseline (${before.type}) but ${currentKind ?? 'not comparable'} in the current data (${after.type})`);
  }
  return kind;
}

export interface ColumnDriftOptions {
  /** The deciding method; default: `defaultMethod`. Must apply to the column's kind. */
  method?: DriftMethod;
  /** The deciding method's threshold; default: DEFAULT_THRESHOLDS. */
  threshold?: number;
  /** Thresholds by method, for when the method is chosen by default. */
  thresholds?: Partial<Record<DriftMethod, number>>;
  /** Bins for PSI and JS on numeric columns (default 10). */
  bins?: number;
  /** Categorical columns with more categories than this are not compared (default 10,000). */
  maxCategories?: number;
}

/**
 * Compares one column. Throws NotComparedError when it cannot be compared, and an Error when
 * `method` does not apply to its kind.
 */
export async function columnDrift(
  engine: Engine,
  baseline: Relation,
  current: Relation,
  column: string,
  options: ColumnDriftOptions = {},
): Promise<ColumnDrift> {
  const kind = comparedKind(baseline, current, column);
  if (options.method && !methodsFor(kind).includes(options.method)) {
    throw new Error(`method ${options.method} does not apply to the ${kind} column "${column}" (use one of ${methodsFor(kind).join(', ')})`);
  }
  const samples = columnSamples(baseline, current, column, kind);
  const sizes = await queryOne(engine, sampleSizesSql(samples));
  const baselineCount = Number(sizes.baseline_count);
  const currentCount = Number(sizes.current_count);
  const method = options.method ?? defaultMethod(kind, baselineCount, currentCount);
  const threshold = options.threshold ?? options.thresholds?.[method] ?? DEFAULT_THRESHOLDS[method];
  const counts = { baselineCount, currentCount };

  if (baselineCount === 0 || currentCount === 0) {
    const note =
      baselineCount === currentCount ? 'no values on either side' : baselineCount === 0 ? 'no values in the baseline' : 'no values in the current data';
    // Values appearing or vanishing altogether is drift; two empty sides are alike.
    const drifted = baselineCount !== currentCount;
    return { column, type: kind, method, statistic: null, pValue: null, threshold, drifted, score: null, ...counts, note, metrics: {} };
  }

  let metrics: DriftMetrics;
  if (kind === 'numeric') {
    const ks = await kolmogorovSmirnov(engine, samples);
    const distance = await wasserstein(engine, samples);
    const bins = await quantileBins(engine, samples, options.bins ?? DEFAULT_BINS);
    metrics = {
      ks: { statistic: ks.statistic, pValue: ks.pValue },
      psi: populationStabilityIndex(bins.baseline, bins.current),
      js: jensenShannonDistance(bins.baseline, bins.current),
      wasserstein: distance.distance,
      wassersteinNormalized: distance.normalized,
    };
  } else {
    const maxCategories = options.maxCategories ?? DEFAULT_MAX_CATEGORIES;
    const categories = await categoryCounts(engine, samples, maxCategories);
    if (!categories) throw new NotComparedError(column, `more than ${maxCategories} categories`);
    const chi2 = chiSquareTest(categories.baseline, categories.current);
    metrics = {
      chi2: { statistic: chi2.statistic, pValue: chi2.pValue },
      psi: populationStabilityIndex(categories.baseline, categories.current),
      js: jensenShannonDistance(categories.baseline, categories.current),
      linf: linfDistance(categories.baseline, categories.current),
    };
  }
  return { column, type: kind, method, ...decide(method, metrics, threshold), ...counts, metrics };
}

/** The deciding statistic, p-value, verdict and score of `method`. */
function decide(method: DriftMethod, metrics: DriftMetrics, threshold: number): Pick<ColumnDrift, 'statistic' | 'pValue' | 'threshold' | 'drifted' | 'score'> {
  if (isTestMethod(method)) {
    const { statistic, pValue } = metrics[method]!;
    // A p-value of 0 (underflow) scores as the smallest positive double.
    const score = Math.log(Math.max(pValue, Number.MIN_VALUE)) / Math.log(threshold);
    return { statistic, pValue, threshold, drifted: pValue < threshold, score };
  }
  const statistic = (method === 'wasserstein' ? metrics.wassersteinNormalized : metrics[method])!;
  const score = threshold > 0 ? statistic / threshold : statistic > 0 ? Number.POSITIVE_INFINITY : 0;
  return { statistic, pValue: null, threshold, drifted: statistic > threshold, score };
}

export interface DriftOptions extends Omit<ColumnDriftOptions, 'method' | 'threshold'> {
  /** Columns to compare; default: every column of either side (those on one side only are skipped). */
  columns?: string[];
  /** The dataset drifted when more than this share of compared columns drifted (default 0.5). */
  maxShare?: number;
}

/**
 * Compares every column (or `options.columns`) and gives the dataset's verdict. Columns that
 * cannot be compared are listed in `skipped` and do not count in the share.
 */
export async function detectDrift(engine: Engine, baseline: Relation, current: Relation, options: DriftOptions = {}): Promise<DatasetDrift> {
  const names = options.columns ?? unionOfColumns(baseline, current);
  for (const name of names) {
    if (!baseline.columns.some((column) => column.name === name) && !current.columns.some((column) => column.name === name)) {
      throw new UnknownColumnError(name);
    }
  }
  const columns: ColumnDrift[] = [];
  const skipped: SkippedColumn[] = [];
  for (const name of names) {
    try {
      columns.push(await columnDrift(engine, baseline, current, name, options));
    } catch (error) {
      if (!(error instanceof NotComparedError)) throw error;
      skipped.push({ column: name, reason: error.reason });
    }
  }
  const maxShare = options.maxShare ?? DEFAULT_MAX_SHARE;
  const driftShare = columns.length === 0 ? 0 : columns.filter((column) => column.drifted).length / columns.length;
  return { drifted: driftShare > maxShare, driftShare, maxShare, columns, skipped };
}

/** Reasons a column on one side only is skipped with (comparedKind). */
const ONE_SIDE_ONLY = new Set(['not in the baseline', 'not in the current data']);

/**
 * Why a comparison measured nothing, one line, or null when it measured something: no column
 * compared (none on both sides; or every shared one skipped, each named with its reason), or
 * every compared column without a value on either side. A verdict on such a comparison would
 * be an all-clear about nothing (docs/statistics.md#nothing-to-compare).
 */
export function nothingCompared(drift: Pick<DatasetDrift, 'columns' | 'skipped'>): string | null {
  if (drift.columns.some((column) => column.baselineCount > 0 || column.currentCount > 0)) return null;
  if (drift.columns.length) return `no compared column has a value on either side (${drift.columns.map((column) => column.column).join(', ')})`;
  const shared = drift.skipped.filter((skipped) => !ONE_SIDE_ONLY.has(skipped.reason));
  if (shared.length === 0) return 'no column is in both the baseline and the current data';
  const named = shared.slice(0, 3).map((skipped) => `"${skipped.column}" (${skipped.reason})`);
  const more = shared.length > 3 ? ` and ${shared.length - 3} more` : '';
  return `no shared column can be compared: ${named.join(', ')}${more}`;
}

/** The current data's columns in order, then the baseline's that the current data lacks. */
function unionOfColumns(baseline: Relation, current: Relation): string[] {
  const names = current.columns.map((column) => column.name);
  return [...names, ...baseline.columns.map((column) => column.name).filter((name) => !names.includes(name))];
}

/**
 * Columns in order of how far they drifted: drifted first, then by score; a column with no
 * values on one side first among the drifted.
 */
export function byDriftScore(columns: readonly ColumnDrift[]): ColumnDrift[] {
  const key = (column: ColumnDrift) => column.score ?? (column.drifted ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY);
  return [...columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || key(b) - key(a) || a.column.localeCompare(b.column));
}
