import { WinnowError } from '../../errors';
import { DEFAULT_SLICE_BINS } from '../../stats/slices/binning';
import { DEFAULT_ECE_BINS } from '../../stats/slices/calibration';
import { computeSlices, DEFAULT_MIN_ROWS, SliceOptionError } from '../../stats/slices/slices';
import { CORRECTION_NAMES, TEST_NAMES, type Slice, type SliceOptions, type TestedMetric } from '../../stats/slices/types';
import { columnListParam, columnParam, maybeList } from '../params';
import type { ClassValue, ColumnRoles } from '../../spec/types';
import type { CheckDefinition, ParamProblem } from '../step';

export type SliceMetricName = 'accuracy' | 'precision' | 'recall' | 'f1' | 'ece' | 'positive_rate';

export interface SliceMetricParams {
  /** One column or two to slice by; numeric ones in quantile bins. */
  by: string | string[];
  metric: SliceMetricName;
  /** Default: the spec's columns.label. */
  label?: string;
  /** Default: the spec's columns.prediction. */
  prediction?: string;
  /** A score in [0, 1], for ece. Default: the spec's columns.score. */
  score?: string;
  /** The positive class; default the spec's columns.score positive, else 1 or true when the labels are 0/1, -1/1 or false/true. */
  positive?: string | number | boolean;
  /** Lowest allowed value in every slice (accuracy, precision, recall, f1, positive_rate). */
  min?: number;
  /** Highest allowed value in every slice (ece, positive_rate). */
  max?: number;
  /** Slices with fewer rows are not judged; default 30. */
  min_rows?: number;
  /** Quantile bins for a numeric `by` column; default 5. */
  bins?: number;
  /** Equal-width score bins for ece; default 10. */
  ece_bins?: number;
}

/** Which parameter each slice option comes from, for errors that name the field. */
const FIELDS: Partial<Record<keyof SliceOptions, string>> = { minRows: 'min_rows', eceBins: 'ece_bins' };

function valueOf(slice: Slice, metric: SliceMetricName): number | null {
  return (metric === 'positive_rate' ? slice.positiveRate?.value : slice.metrics?.[metric]?.value) ?? null;
}

/**
 * What the spec's roles say for the fields the step leaves out: the label, the prediction, and the
 * score with the class it is the probability of. The declared positive class applies only to the
 * declared label (a step naming another label column names its own classes); of a score given per
 * class, the column of the step's positive class.
 */
function fromRoles(params: SliceMetricParams, roles: ColumnRoles): Partial<SliceMetricParams> {
  const filled: Partial<SliceMetricParams> = { label: roles.label, prediction: roles.prediction };
  const ownLabel = params.label === undefined || params.label === roles.label;
  const score = roles.score;
  if (score && 'column' in score && typeof score.column === 'string') {
    const { positive } = score as { column: string; positive: ClassValue };
    if (ownLabel) filled.positive = positive;
    if (params.score === undefined && (params.positive === undefined || params.positive === positive)) filled.score = score.column;
  } else if (score && params.positive !== undefined && Object.hasOwn(score, String(params.positive))) {
    filled.score = (score as Record<string, string>)[String(params.positive)];
  }
  return filled;
}

/** The statistic the check's metric is tested as; ECE is not tested. */
function testedAs(metric: SliceMetricName): TestedMetric | null {
  return metric === 'positive_rate' ? 'positiveRate' : metric === 'ece' ? null : metric;
}

/**
 * In every slice of at least `min_rows` rows, `metric` lies within [min, max]: the model (or the
 * labels) is good enough for each group, not only on average. Precision, recall and F1 are of the
 * positive class for binary labels, macro averages otherwise (docs/statistics.md#slices). Slices
 * without a value (no labelled, predicted rows) and smaller slices are not judged; with none left
 * the check is not evaluated. `observed` lists the failing slices, and each judged slice's test against
 * the rest of the rows on the metric, its p-value raw and Holm-adjusted over the judged slices
 * (Fisher's exact test for accuracy, binary precision and recall, one-sided, and for the positive
 * rate, two-sided; the check draws no bootstrap, so F1, macro averages and ECE are not tested),
 * with the slices it flags: significantly worse, or for the positive rate significantly different.
 *
 * @example
 * { id: fair_accuracy, check: slice_metric, by: [region], metric: accuracy, label: churned, prediction: predicted, min: 0.8 }
 */
export const sliceMetric: CheckDefinition<SliceMetricParams> = {
  kind: 'check',
  name: 'slice_metric',
  summary: 'A model metric (accuracy, precision, recall, F1, ECE) or the positive rate stays within bounds in every slice.',
  params: {
    properties: {
      by: { oneOf: [columnParam, { ...columnListParam, maxItems: 2 }], description: 'One column or two to slice by; numeric columns in quantile bins.' },
      metric: { enum: ['accuracy', 'precision', 'recall', 'f1', 'ece', 'positive_rate'] },
      label: columnParam,
      prediction: columnParam,
      score: {
        ...columnParam,
        description: 'A score in [0, 1]: the probability of the positive class (binary) or the confidence of the prediction (multiclass).',
      },
      positive: { type: ['string', 'number', 'boolean'], description: 'The positive class; default 1 or true for 0/1, -1/1 or false/true labels.' },
      min: { type: 'number', description: 'Lowest allowed value in every judged slice.' },
      max: { type: 'number', description: 'Highest allowed value in every judged slice.' },
      min_rows: { type: 'integer', minimum: 1, description: `Slices with fewer rows are not judged. Default ${DEFAULT_MIN_ROWS}.` },
      bins: { type: 'integer', minimum: 2, maximum: 1000, description: `Quantile bins for a numeric by column. Default ${DEFAULT_SLICE_BINS}.` },
      ece_bins: { type: 'integer', minimum: 1, maximum: 1000, description: `Equal-width score bins for ece. Default ${DEFAULT_ECE_BINS}.` },
    },
    required: ['by', 'metric'],
    extra: { anyOf: [{ required: ['min'] }, { required: ['max'] }] },
  },
  reads: ({ by, label, prediction, score }) => [...maybeList(by), ...(label ? [label] : []), ...(prediction ? [prediction] : []), ...(score ? [score] : [])],
  fromRoles,
  validate: ({ metric, label, prediction, score, min, max }) => {
    const problems: ParamProblem[] = [];
    if (!label) problems.push({ field: 'label', message: 'needs the label column: name it here or declare columns.label' });
    if (['accuracy', 'precision', 'recall', 'f1'].includes(metric) && !prediction)
      problems.push({ field: 'prediction', message: `${metric} needs the prediction column: name it here or declare columns.prediction` });
    if (metric === 'ece' && !score) problems.push({ field: 'score', message: 'ece needs the score column: name it here or declare columns.score' });
    if (min !== undefined && max !== undefined && min > max) problems.push({ field: 'min', message: `min (${min}) is above max (${max})` });
    return problems;
  },
  dataset: async ({ by, metric, label, prediction, score, positive, min, max, min_rows = DEFAULT_MIN_ROWS, bins, ece_bins }, ctx) => {
    if (!label) throw new WinnowError('needs the label column: name it here or declare columns.label', { stepId: ctx.stepId, field: 'label' }, 'spec');
    const tested = testedAs(metric);
    // The family is this metric across the judged slices: the check asks about one metric.
    const options: SliceOptions = {
      by: maybeList(by),
      label,
      prediction,
      score: metric === 'ece' ? score : undefined,
      positive,
      minRows: min_rows,
      bins,
      eceBins: ece_bins,
      bootstrap: 0,
      seed: ctx.seed,
      tests: tested ? [tested] : [],
    };
    const report = await computeSlices(ctx.engine, ctx.table, options).catch((error: unknown) => {
      if (error instanceof SliceOptionError) throw new WinnowError(error.message, { stepId: ctx.stepId, field: FIELDS[error.field] ?? error.field }, 'spec');
      throw error;
    });
    if (metric === 'positive_rate' && report.task !== 'binary') {
      throw new WinnowError(
        `positive_rate needs binary labels: set positive (the labels of "${label}" are ${report.classes.slice(0, 5).join(', ')})`,
        { stepId: ctx.stepId, field: 'positive' },
        'spec',
      );
    }
    const judged = report.slices
      .filter((slice) => slice.rows >= min_rows && valueOf(slice, metric) !== null)
      .map((slice) => ({ slice: slice.name, rows: slice.rows, value: valueOf(slice, metric)! }));
    const failing = judged.filter(({ value }) => (min !== undefined && value < min) || (max !== undefined && value > max));
    const worstFirst = [...judged].sort((a, b) => (metric === 'ece' ? b.value - a.value : a.value - b.value));
    const testedSlices = tested ? report.slices.flatMap((slice) => (slice.tests[tested] ? [{ slice, test: slice.tests[tested] }] : [])) : [];
    const tests = testedSlices
      .map(({ slice, test }) => ({
        slice: slice.name,
        rows: slice.rows,
        value: valueOf(slice, metric),
        rest: test.rest,
        pValue: test.pValue,
        adjustedPValue: test.adjustedPValue,
        flagged: test.flagged,
      }))
      .sort((a, b) => a.pValue - b.pValue);
    const flagged = tests.filter((test) => test.flagged).map((test) => test.slice);
    const first = testedSlices[0]?.test;
    const significance = first
      ? {
          test: `${TEST_NAMES[first.test]}, ${first.alternative === 'different' ? 'two-sided' : 'one-sided'}, against the rest of the rows`,
          correction: `${CORRECTION_NAMES[report.settings.correction]} over ${report.familySize} slice${report.familySize === 1 ? '' : 's'}, alpha ${report.settings.alpha}`,
          tests,
        }
      : {};
    return {
      success: failing.length === 0,
      ...(judged.length ? {} : { notEvaluated: `no slice by ${maybeList(by).join(', ')} has ${min_rows} rows or more with a value of ${metric}` }),
      observed: {
        metric,
        overall: valueOf(report.overall, metric),
        judged: judged.length,
        skipped: report.slices.length - judged.length,
        worst: worstFirst[0] ?? null,
        failing,
        ...(metric === 'positive_rate' ? { significantlyDifferent: flagged } : { significantlyWorse: flagged }),
        ...significance,
      },
    };
  },
};
