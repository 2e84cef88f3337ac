/**
 * "Add as check": what a view shows, as a spec step with the parameters of its check kind
 * (pipelines/steps/checks/drift.ts, slice-metric.ts, class-balance.ts, label-conflicts.ts,
 * agreement.ts). Steps are data: the views build these objects and hand them to the app, which
 * adds them to the pipeline; nothing here knows the store.
 */
import type { OnFail, StepSpec } from '../../pipelines/spec/types';
import { isTestMethod } from '../../pipelines/stats/drift/drift';
import type { DriftMethod } from '../../pipelines/stats/drift/types';
import type { RatingsInput } from '../../pipelines/stats/labels/agreement/agreement';
import { DEFAULT_SLICE_BINS } from '../../pipelines/stats/slices/binning';
import { DEFAULT_MIN_ROWS } from '../../pipelines/stats/slices/slices';
import type { SliceMetricName } from '../../pipelines/steps/checks/slice-metric';

/** Spec ids are letters, digits, `_` and `-`, starting with a letter or `_`. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A step id made of `words`, with a number appended when `taken` already has it. */
export function stepId(words: readonly string[], taken: readonly string[] = []): string {
  const joined = words.map(slug).filter(Boolean).join('_') || 'check';
  const base = /^[A-Za-z_]/.test(joined) ? joined : `_${joined}`;
  let id = base;
  for (let suffix = 2; taken.includes(id); suffix += 1) id = `${base}_${suffix}`;
  return id;
}

/** A spec source name for a baseline opened from a file: `flights-baseline.parquet` → `flights_baseline`. */
export function sourceName(label: string): string {
  const file = label.split(/[\\/]/).pop() ?? label;
  return slug(file.replace(/\.(csv|tsv|json|ndjson|jsonl|parquet|arrow|feather)(\.gz|\.zst)?$/i, '').replaceAll('-', '_')) || 'baseline';
}

/** `value` rounded down (toward the failing side of a minimum) to `digits` decimals. */
export function floorTo(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.floor(value * scale + 1e-9) / scale;
}

/** `value` rounded up to `digits` decimals. */
export function ceilTo(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.ceil(value * scale - 1e-9) / scale;
}

export interface DriftCheckInput {
  column: string;
  /** The spec source the step compares with. */
  baseline: string;
  method: DriftMethod;
  /** A test's significance level or a distance's largest passing value. */
  threshold: number;
  /** Bins for PSI and JS on a numeric column, when not the default. */
  bins?: number;
}

/** `{check: drift}` with the method and its threshold pinned: `alpha` for ks and chi2, `max` for the distances. */
export function driftStep({ column, baseline, method, threshold, bins }: DriftCheckInput, taken: readonly string[] = []): StepSpec {
  return {
    id: stepId(['drift', column], taken),
    check: 'drift',
    column,
    baseline,
    method,
    ...(isTestMethod(method) ? { alpha: threshold } : { max: threshold }),
    ...(bins !== undefined && bins !== 10 ? { bins } : {}),
    // As every other check a view adds: a person reads what it found before it fails a run.
    on_fail: 'warn',
  };
}

export interface SliceCheckInput {
  by: readonly string[];
  metric: SliceMetricName;
  label: string;
  prediction?: string;
  score?: string;
  positive?: string;
  bound: { side: 'min' | 'max'; value: number };
  minRows?: number;
  bins?: number;
}

/** `{check: slice_metric}`; options at their defaults are left out. */
export function sliceMetricStep(input: SliceCheckInput, taken: readonly string[] = []): StepSpec {
  const { by, metric, label, prediction, score, positive, bound, minRows = DEFAULT_MIN_ROWS, bins = DEFAULT_SLICE_BINS } = input;
  return {
    id: stepId(['slice', metric, 'by', ...by], taken),
    check: 'slice_metric',
    by: by.length === 1 ? by[0] : [...by],
    metric,
    label,
    ...(prediction ? { prediction } : {}),
    ...(score ? { score } : {}),
    ...(positive !== undefined && positive !== '' ? { positive } : {}),
    [bound.side]: bound.value,
    ...(minRows !== DEFAULT_MIN_ROWS ? { min_rows: minRows } : {}),
    ...(bins !== DEFAULT_SLICE_BINS ? { bins } : {}),
  };
}

/** `{check: class_balance}` with a largest / smallest ratio and/or a normalised entropy. */
export function classBalanceStep(
  { label, maxRatio, minNormalizedEntropy }: { label: string; maxRatio?: number; minNormalizedEntropy?: number },
  taken: readonly string[] = [],
): StepSpec {
  return {
    id: stepId(['class_balance', label], taken),
    check: 'class_balance',
    label,
    ...(maxRatio !== undefined ? { max_ratio: maxRatio } : {}),
    ...(minNormalizedEntropy !== undefined ? { min_normalized_entropy: minNormalizedEntropy } : {}),
  };
}

/** `{check: label_conflicts}`: identical features, one label, and what a conflict does (as chosen in the view). */
export function labelConflictsStep(
  { features, label, onFail = 'warn' }: { features: readonly string[]; label: string; onFail?: OnFail },
  taken: readonly string[] = [],
): StepSpec {
  return { id: stepId(['label_conflicts', label], taken), check: 'label_conflicts', features: [...features], label, on_fail: onFail };
}

/** `{check: agreement}` for wide (annotator columns) or long (item, annotator, label) ratings. */
export function agreementStep(
  ratings: RatingsInput,
  { minKappa, minAlpha }: { minKappa?: number; minAlpha?: number },
  taken: readonly string[] = [],
): StepSpec {
  const input =
    'annotators' in ratings
      ? { annotators: [...ratings.annotators], ...(ratings.item ? { item: ratings.item } : {}) }
      : { item: ratings.item, annotator: ratings.annotator, label: ratings.label };
  return {
    id: stepId(['agreement', ...('annotators' in ratings ? [] : [ratings.label])], taken),
    check: 'agreement',
    ...input,
    ...(minKappa !== undefined ? { min_kappa: minKappa } : {}),
    ...(minAlpha !== undefined ? { min_alpha: minAlpha } : {}),
  };
}
