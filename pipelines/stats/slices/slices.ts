/**
 * Slice analysis: how a dataset, and a model's predictions on it, differ between groups of rows.
 * Rows are grouped by one or two columns (numeric ones in quantile bins, binning.ts); each slice
 * gets its size, null rates, label distribution or positive rate, and, given prediction and label
 * columns, accuracy, precision, recall, F1 and the expected calibration error, each with a 95%
 * confidence interval: Wilson's for proportions (wilson.ts), a seeded Poisson bootstrap for the
 * rest (bootstrap.ts).
 *
 * Each slice of at least `minRows` rows is tested against the rest of the rows (not the whole
 * table, which contains it): a proportion by Fisher's exact test (fisher-exact.ts), one-sided for
 * "worse", two-sided for the positive rate; F1 and the macro averages by a z test on the
 * bootstrap (bootstrap.ts). Those tests are one family, corrected by Holm's method or
 * Benjamini–Hochberg (multiple-testing.ts), and a slice is flagged on a statistic when its
 * adjusted p-value is at most `alpha`. ECE is not tested: the ECE of fewer rows is larger by
 * chance alone.
 *
 * DuckDB does the grouping, binning and counting, replicates included, in three queries: rows and
 * nulls per slice, rows per label per slice, and per slice, replicate, label, prediction and score
 * bin a weight and an integer sum of scores. JavaScript adds those up into confusion tables and
 * ECE bins (the whole table's too) and does the small arithmetic. Everything it receives is an
 * exact count or an exact integer sum, so the report is identical on the native and the wasm
 * engine. Definitions, defaults and edge cases: docs/statistics.md#slices.
 */
import type { Engine, Row, Value } from '../../engine/engine';
import { isInternalColumn, ROW } from '../../table/rejects';
import { ident, literal, typeName } from '../../sql';
import { DEFAULT_SLICE_BINS, describeKey, planSliceColumns, sliceKeySql, sliceName, type SliceColumn } from './binning';
import { bootstrapZTest, DEFAULT_REPLICATES, percentileInterval, replicatesSql, rowHashSql } from './bootstrap';
import { DEFAULT_ECE_BINS, expectedCalibrationError, reliabilityBins, SCORE_UNITS, scoreBinSql, scoreUnitsSql, type CalibrationCounts } from './calibration';
import { binaryMetrics, macroMetrics, type ClassificationMetrics, type ConfusionCell, type MetricValue } from './metrics';
import { fisherExact } from './fisher-exact';
import { adjustPValues } from './multiple-testing';
import {
  CORRECTIONS,
  DEFAULT_TESTS,
  METRIC_NAMES,
  TESTED_METRICS,
  type Estimate,
  type MetricName,
  type Slice,
  type SliceOptions,
  type SliceReport,
  type SliceTest,
  type Task,
  type TestedMetric,
} from './types';
import { wilsonInterval } from './wilson';
import { LabelMismatch, labelReader, type LabelRead } from '../labels/label-values';

/** Slices smaller than this are not tested, so never flagged. */
export const DEFAULT_MIN_ROWS = 30;
/** A test flags its slice when its adjusted p-value is at most this. */
export const DEFAULT_ALPHA = 0.05;
/** More distinct labels than this is not a class column. */
export const MAX_CLASSES = 1000;

/** Label sets that make a task binary without a `positive`, and the positive class they imply (as sklearn's pos_label=1). */
const BINARY_LABELS: [values: string[], positive: string][] = [
  [['0', '1'], '1'],
  [['0.0', '1.0'], '1.0'],
  [['-1', '1'], '1'],
  [['false', 'true'], 'true'],
];

/** Options that cannot work on this table; `field` names the option. */
export class SliceOptionError extends Error {
  constructor(
    message: string,
    readonly field: keyof SliceOptions,
  ) {
    super(message);
    this.name = 'SliceOptionError';
  }
}

type Settings = SliceReport['settings'];

function settle(options: SliceOptions): Settings {
  const {
    bins = DEFAULT_SLICE_BINS,
    minRows = DEFAULT_MIN_ROWS,
    eceBins = DEFAULT_ECE_BINS,
    bootstrap = DEFAULT_REPLICATES,
    seed = 0,
    interval = 'wilson',
    tests = DEFAULT_TESTS,
    correction = 'holm',
    alpha = DEFAULT_ALPHA,
  } = options;
  const integer = (value: number, field: keyof SliceOptions, low: number, high: number) => {
    if (!Number.isInteger(value) || value < low || value > high)
      throw new SliceOptionError(`${field} must be an integer from ${low} to ${high}, not ${value}`, field);
  };
  integer(bins, 'bins', 2, 1000);
  integer(minRows, 'minRows', 1, Number.MAX_SAFE_INTEGER);
  integer(eceBins, 'eceBins', 1, 1000);
  integer(bootstrap, 'bootstrap', 0, 10000);
  integer(seed, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (interval !== 'wilson' && interval !== 'bootstrap')
    throw new SliceOptionError(`interval must be wilson or bootstrap, not ${String(interval)}`, 'interval');
  if (!CORRECTIONS.includes(correction)) throw new SliceOptionError(`correction must be holm, bh or none, not ${String(correction)}`, 'correction');
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1))
    throw new SliceOptionError(`alpha must be a number between 0 and 1, not ${String(alpha)}`, 'alpha');
  for (const name of tests) {
    if ((name as string) === 'ece')
      throw new SliceOptionError(
        'ECE is not tested against the rest of the rows: the ECE of fewer rows is larger by chance alone, so a small slice would look worse calibrated for its size',
        'tests',
      );
    if (!TESTED_METRICS.includes(name)) throw new SliceOptionError(`tests are ${TESTED_METRICS.join(', ')}, not ${String(name)}`, 'tests');
  }
  return {
    bins,
    minRows,
    eceBins,
    bootstrap,
    seed,
    interval,
    confidence: 0.95,
    tests: TESTED_METRICS.filter((name) => tests.includes(name)),
    correction,
    alpha,
  };
}

/** A slice's identity within one report: its key values. */
function keyId(values: readonly Value[]): string {
  return values.map((value) => (value === null ? '\u0000' : `${typeof value}:${String(value)}`)).join('\u0001');
}
const OVERALL = '\u0002all';

function estimateFrom(value: number | null, interval: { lower: number; upper: number } | null, n: number, method: Estimate['interval']): Estimate {
  return { value, lower: interval?.lower ?? null, upper: interval?.upper ?? null, n, interval: interval ? method : null };
}

interface Plan {
  table: string;
  settings: Settings;
  task: Task;
  positive: string | null;
  classes: string[];
  /** Reads the label and the prediction by value (stats/labels/label-values.ts). */
  read: LabelRead;
  label: string | null;
  prediction: string | null;
  score: string | null;
  sliceColumns: SliceColumn[];
  dataColumns: string[];
  /** Columns the bootstrap hashes to tell rows apart. */
  rowKey: string[];
}

const keyNames = (plan: Plan) => plan.sliceColumns.map((_, index) => `__k${index}`);
const keySelect = (plan: Plan) => plan.sliceColumns.map((slice, index) => `${sliceKeySql(slice)} AS __k${index}`).join(', ');
const overallFlag = '(grouping(__k0) = 1) AS __overall';

/** Rows and null counts per slice and overall, the slices in key order. */
function basicsSql(plan: Plan): string {
  const keys = keyNames(plan).join(', ');
  const nulls = plan.dataColumns.map((column, index) => `count(*) - count(${ident(column)}) AS __nulls_${index}`);
  return `SELECT ${overallFlag}, ${keys}, count(*) AS __rows${nulls.map((sql) => `, ${sql}`).join('')}
    FROM (SELECT ${keySelect(plan)}, * FROM ${plan.table})
    GROUP BY GROUPING SETS ((${keys}), ())
    ORDER BY __overall DESC, ${keyNames(plan)
      .map((key) => `${key} ASC NULLS LAST`)
      .join(', ')}`;
}

/** Rows per label (as text), per slice and overall. */
function labelsSql(plan: Plan): string {
  const keys = keyNames(plan).join(', ');
  return `SELECT ${overallFlag}, ${keys}, __label, count(*) AS __rows
    FROM (SELECT ${keySelect(plan)}, ${plan.read.sql(plan.label!)} AS __label FROM ${plan.table})
    WHERE __label IS NOT NULL
    GROUP BY GROUPING SETS ((${keys}, __label), (__label))`;
}

/**
 * Per slice, replicate (0: every row once; 1 … B: Poisson weights), label, prediction and score
 * bin: the weight and the exact sum of the scores in units of 2^-53. The whole table, the
 * confusion tables and the ECE bins are sums of these, made in JavaScript from exact integers.
 */
function evaluationSql(plan: Plan): string {
  const { settings, task, prediction, score } = plan;
  const keys = keyNames(plan).join(', ');
  const eceDomain = score ? `__label IS NOT NULL${task === 'multiclass' ? ' AND __pred IS NOT NULL' : ''}` : 'FALSE';
  const hash = settings.bootstrap > 0 ? `, ${rowHashSql(plan.rowKey, settings.seed)} AS __h` : '';
  // Classes travel as their 1-based position in plan.classes: grouping integers is faster than text.
  const classIndex = (column: string) => `list_position([${plan.classes.map(literal).join(', ')}]::VARCHAR[], ${plan.read.sql(column)})`;
  const read = `SELECT ${keySelect(plan)}, ${classIndex(plan.label!)} AS __label,
      ${prediction ? classIndex(prediction) : 'CAST(NULL AS INTEGER)'} AS __pred,
      ${score ? `CAST(${ident(score)} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)'} AS __score${hash}
    FROM ${plan.table}`;
  const binned = `SELECT *, CASE WHEN ${eceDomain} THEN ${scoreBinSql('__score', settings.eceBins)} END AS __bin FROM (${read})`;
  const base = `SELECT * EXCLUDE (__score), CASE WHEN __bin IS NOT NULL THEN ${scoreUnitsSql('__score')} END AS __units
    FROM (${binned})
    WHERE (__label IS NOT NULL AND __pred IS NOT NULL) OR __bin IS NOT NULL`;
  const weighted =
    settings.bootstrap > 0
      ? `SELECT * EXCLUDE (__h), 0 AS __r, 1 AS __w FROM __base UNION ALL BY NAME ${replicatesSql('__base', settings.bootstrap)}`
      : 'SELECT *, 0 AS __r, 1 AS __w FROM __base';
  return `WITH __base AS MATERIALIZED (${base})
    SELECT ${keys}, __r, __label, __pred, __bin, sum(__w) AS __rows, sum(__w * __units) AS __units
    FROM (${weighted})
    GROUP BY ${keys}, __r, __label, __pred, __bin`;
}

/** The label and prediction values as text, sorted (at most MAX_CLASSES). */
async function classesOf(engine: Engine, table: string, read: LabelRead, label: string, prediction: string | undefined): Promise<string[]> {
  const values = [label, ...(prediction ? [prediction] : [])].map((column) => `SELECT ${read.sql(column)} AS c FROM ${table}`).join(' UNION ALL ');
  const rows = await engine.query(`SELECT DISTINCT c FROM (${values}) WHERE c IS NOT NULL ORDER BY c LIMIT ${MAX_CLASSES + 1}`);
  if (rows.length > MAX_CLASSES) {
    throw new SliceOptionError(
      `"${label}"${prediction ? ` and "${prediction}"` : ''} have more than ${MAX_CLASSES} distinct values: is it a class column?`,
      'label',
    );
  }
  return rows.map((row) => String(row.c));
}

/** The positive class as the label column's values read as text, or null for a multiclass task. */
async function positiveOf(
  engine: Engine,
  read: LabelRead,
  label: string,
  labelType: string,
  classes: string[],
  positive: SliceOptions['positive'],
): Promise<string | null> {
  if (positive !== undefined) {
    let type: string;
    try {
      type = typeName(labelType);
    } catch {
      return String(positive); // ENUM and other composite types: their values are compared as text as given
    }
    // '1' for a DOUBLE label reads '1.0': the positive is the label type's text of the value given.
    const [row] = await engine.query(`SELECT ${read.valueSql(`TRY_CAST(${literal(String(positive))} AS ${type})`, label)} AS p`);
    if (row?.p === null || row?.p === undefined) throw new SliceOptionError(`positive "${String(positive)}" is not a ${labelType} value`, 'positive');
    return String(row.p);
  }
  const found = BINARY_LABELS.find(([values]) => classes.length > 0 && classes.every((value) => values.includes(value)));
  return found ? found[1] : null;
}

/** The label and prediction read by value; a mismatch is the prediction's problem, as the label is the reference. */
async function readLabels(engine: Engine, table: string, columns: string[]): Promise<LabelRead> {
  try {
    return await labelReader(engine, table, columns);
  } catch (error) {
    if (error instanceof LabelMismatch) throw new SliceOptionError(error.message, 'prediction');
    throw error;
  }
}

async function plan(engine: Engine, table: string, options: SliceOptions): Promise<Plan> {
  const settings = settle(options);
  const described = await engine.query(`DESCRIBE ${table}`);
  const columns = described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  const dataColumns = columns.filter((column) => !isInternalColumn(column.name));
  const typeOf = (name: string, field: keyof SliceOptions): string => {
    const column = dataColumns.find((candidate) => candidate.name === name);
    if (!column) throw new SliceOptionError(`no column "${name}" (columns: ${dataColumns.map((candidate) => candidate.name).join(', ')})`, field);
    return column.type;
  };
  const { by, label, prediction, score } = options;
  if (by.length < 1 || by.length > 2 || new Set(by).size !== by.length) throw new SliceOptionError('slice by one column or two different ones', 'by');
  const byColumns = by.map((name) => ({ name, type: typeOf(name, 'by') }));
  const labelType = label === undefined ? null : typeOf(label, 'label');
  if (prediction !== undefined) typeOf(prediction, 'prediction');
  if (score !== undefined) typeOf(score, 'score');
  if (label === undefined && prediction !== undefined) throw new SliceOptionError('a prediction needs the label column it predicts', 'prediction');
  if (label === undefined && score !== undefined) throw new SliceOptionError('a score needs the label column it is about', 'score');
  if (label === undefined && options.positive !== undefined) throw new SliceOptionError('a positive class needs a label column', 'positive');

  const read = await readLabels(engine, table, label === undefined ? [] : [label, ...(prediction === undefined ? [] : [prediction])]);
  const classes = label === undefined ? [] : await classesOf(engine, table, read, label, prediction);
  const positive = labelType === null || label === undefined ? null : await positiveOf(engine, read, label, labelType, classes, options.positive);
  const task: Task = label === undefined ? 'none' : positive !== null ? 'binary' : 'multiclass';
  if (task === 'multiclass' && score !== undefined && prediction === undefined) {
    throw new SliceOptionError(
      'in a multiclass task the score is the confidence of the prediction: name the prediction column too (or the positive class, for a binary task)',
      'score',
    );
  }
  return {
    table,
    settings,
    task,
    positive,
    classes,
    read,
    label: label ?? null,
    prediction: prediction ?? null,
    score: score ?? null,
    sliceColumns: await planSliceColumns(engine, table, byColumns, settings.bins),
    dataColumns: dataColumns.map((column) => column.name),
    rowKey: columns.some((column) => column.name === ROW) ? [ROW] : dataColumns.map((column) => column.name),
  };
}

const keyValues = (plan: Plan, row: Row): Value[] => keyNames(plan).map((key) => row[key] ?? null);
const idOf = (plan: Plan, row: Row): string => (row.__overall === true ? OVERALL : keyId(keyValues(plan, row)));

/** Weights by label and prediction, and by score bin, of one slice (or the whole table) in one replicate. */
interface Tally {
  cells: Map<string, ConfusionCell>;
  bins: Map<number, { rows: number; hits: number; units: bigint }>;
}

/** What the evaluation query says about one slice: per replicate (0 = the data itself), its tally. */
type Evaluation = Map<number, Tally>;

function tallyOf(evaluation: Evaluation, replicate: number): Tally {
  let tally = evaluation.get(replicate);
  if (!tally) evaluation.set(replicate, (tally = { cells: new Map(), bins: new Map() }));
  return tally;
}

/** Adds one group of the evaluation query to a tally: its confusion cell and its score bin. */
function addTo(tally: Tally, plan: Plan, label: string, prediction: string | null, bin: number | null, rows: number, units: bigint): void {
  if (prediction !== null) {
    const key = `${label}\u0000${prediction}`;
    const cell = tally.cells.get(key) ?? { label, prediction, rows: 0 };
    cell.rows += rows;
    tally.cells.set(key, cell);
  }
  if (bin !== null) {
    const hit = plan.task === 'binary' ? label === plan.positive : label === prediction;
    const counts = tally.bins.get(bin) ?? { rows: 0, hits: 0, units: 0n };
    counts.rows += rows;
    counts.hits += hit ? rows : 0;
    counts.units += units;
    tally.bins.set(bin, counts);
  }
}

/** Each slice's tallies per replicate, and the whole table's under OVERALL: all integer sums, so their order does not matter. */
function readEvaluations(plan: Plan, rows: Row[]): Map<string, Evaluation> {
  const evaluations = new Map<string, Evaluation>([[OVERALL, new Map()]]);
  for (const row of rows) {
    const id = keyId(keyValues(plan, row));
    let evaluation = evaluations.get(id);
    if (!evaluation) evaluations.set(id, (evaluation = new Map()));
    const replicate = Number(row.__r);
    const label = plan.classes[Number(row.__label) - 1]!;
    const prediction = row.__pred === null ? null : plan.classes[Number(row.__pred) - 1]!;
    const bin = row.__bin === null ? null : Number(row.__bin);
    const units = row.__units === null ? 0n : BigInt(row.__units as number | bigint);
    for (const tally of [tallyOf(evaluation, replicate), tallyOf(evaluations.get(OVERALL)!, replicate)]) {
      addTo(tally, plan, label, prediction, bin, Number(row.__rows), units);
    }
  }
  return evaluations;
}

/** A tally as the metric functions take it: confusion cells, and ECE bins with their score sums. */
function asCounts(tally: Tally | undefined): { cells: ConfusionCell[]; bins: CalibrationCounts[] } {
  if (!tally) return { cells: [], bins: [] };
  return {
    cells: [...tally.cells.values()],
    bins: [...tally.bins.entries()].map(([bin, counts]) => ({ bin, rows: counts.rows, hits: counts.hits, scoreSum: Number(counts.units) / SCORE_UNITS })),
  };
}

/** Accuracy, and precision, recall and F1 of the positive class (binary) or their macro averages. */
function metricsOf(plan: Plan, cells: ConfusionCell[]): ClassificationMetrics {
  return plan.task === 'binary' ? binaryMetrics(cells, plan.positive!) : macroMetrics(cells);
}

/** Per replicate 1 … B with evaluated rows, the classification metrics of those rows. */
function replicateMetrics(plan: Plan, cellsOf: (replicate: number) => ConfusionCell[]): Map<number, ClassificationMetrics> {
  const result = new Map<number, ClassificationMetrics>();
  for (let replicate = 1; replicate <= plan.settings.bootstrap; replicate += 1) {
    const metrics = metricsOf(plan, cellsOf(replicate));
    if (metrics.rows > 0) result.set(replicate, metrics);
  }
  return result;
}

/** The metrics of one slice, with their intervals. */
function estimates(plan: Plan, evaluation: Evaluation | undefined): Partial<Record<MetricName, Estimate>> {
  const { settings, prediction, score } = plan;
  const point = asCounts(evaluation?.get(0));
  const pointMetrics = metricsOf(plan, point.cells);
  const replicates: Record<MetricName, number[]> = { accuracy: [], precision: [], recall: [], f1: [], ece: [] };
  for (const metrics of replicateMetrics(plan, (replicate) => asCounts(evaluation?.get(replicate)).cells).values()) {
    for (const name of ['accuracy', 'precision', 'recall', 'f1'] as const) replicates[name].push(metrics[name].value!);
  }
  for (let replicate = 1; replicate <= settings.bootstrap; replicate += 1) {
    const ece = expectedCalibrationError(asCounts(evaluation?.get(replicate)).bins);
    if (ece !== null) replicates.ece.push(ece);
  }
  const bootstrapped = (name: MetricName, value: number | null, n: number): Estimate =>
    estimateFrom(value, value === null ? null : percentileInterval(replicates[name]), n, 'bootstrap');
  const proportion = (name: MetricName, metric: MetricValue): Estimate => {
    if (metric.trials === undefined) return bootstrapped(name, metric.value, pointMetrics.rows);
    if (settings.interval === 'bootstrap') return bootstrapped(name, metric.value, metric.trials);
    return estimateFrom(metric.value, wilsonInterval(metric.successes!, metric.trials), metric.trials, 'wilson');
  };
  const result: Partial<Record<MetricName, Estimate>> = {};
  if (prediction) {
    result.accuracy = proportion('accuracy', pointMetrics.accuracy);
    result.precision = proportion('precision', pointMetrics.precision);
    result.recall = proportion('recall', pointMetrics.recall);
    result.f1 = bootstrapped('f1', pointMetrics.f1.value, pointMetrics.rows);
  }
  if (score) {
    const rows = point.bins.reduce((sum, bin) => sum + bin.rows, 0);
    result.ece = bootstrapped('ece', expectedCalibrationError(point.bins), rows);
  }
  return result;
}

/** The confusion cells of the whole table minus the slice's: the rest of the rows (integer counts, so exact). */
function restCells(whole: Tally | undefined, part: Tally | undefined): ConfusionCell[] {
  const rest = new Map<string, ConfusionCell>();
  for (const [key, cell] of whole?.cells ?? []) rest.set(key, { ...cell });
  for (const [key, cell] of part?.cells ?? []) rest.get(key)!.rows -= cell.rows;
  return [...rest.values()];
}

/** A test before the family's correction. */
type RawTest = Omit<SliceTest, 'adjustedPValue' | 'flagged'>;

/** Fisher's exact test of two proportions, slice against rest; null without trials on a side. */
function proportionTest(
  slice: { successes: number; trials: number },
  rest: { successes: number; trials: number },
  alternative: SliceTest['alternative'],
): RawTest | null {
  if (slice.trials === 0 || rest.trials === 0) return null;
  const table = [
    [slice.successes, slice.trials - slice.successes],
    [rest.successes, rest.trials - rest.successes],
  ] as const;
  return { test: 'fisher-exact', alternative, rest: rest.successes / rest.trials, pValue: fisherExact(table, alternative === 'worse' ? 'less' : 'two-sided') };
}

/** Labelled rows and positive labels, of a slice or of the whole table (binary tasks). */
interface PositiveCounts {
  positives: number;
  labelled: number;
}

/** The tests of one slice against the rest of the rows, in the order of TESTED_METRICS. */
function testsAgainstRest(
  plan: Plan,
  slice: Evaluation | undefined,
  whole: Evaluation | undefined,
  labels: { slice: PositiveCounts; whole: PositiveCounts } | null,
): [TestedMetric, RawTest][] {
  const tested = new Set(plan.settings.tests);
  const found: [TestedMetric, RawTest][] = [];
  if (plan.prediction) {
    const mine = metricsOf(plan, asCounts(slice?.get(0)).cells);
    const rest = metricsOf(plan, restCells(whole?.get(0), slice?.get(0)));
    // Replicates are recomputed only when a metric needs them, once for every such metric.
    let replicates: { mine: Map<number, ClassificationMetrics>; rest: Map<number, ClassificationMetrics> } | null = null;
    for (const name of ['accuracy', 'precision', 'recall', 'f1'] as const) {
      if (!tested.has(name) || mine.rows === 0 || rest.rows === 0) continue;
      const [inSlice, inRest] = [mine[name], rest[name]];
      let test: RawTest | null = null;
      if (inSlice.trials !== undefined && inRest.trials !== undefined) {
        test = proportionTest({ successes: inSlice.successes!, trials: inSlice.trials }, { successes: inRest.successes!, trials: inRest.trials }, 'worse');
      } else if (plan.settings.bootstrap > 0) {
        replicates ??= {
          mine: replicateMetrics(plan, (replicate) => asCounts(slice?.get(replicate)).cells),
          rest: replicateMetrics(plan, (replicate) => restCells(whole?.get(replicate), slice?.get(replicate))),
        };
        const differences: number[] = [];
        for (const [replicate, metrics] of replicates.mine) {
          const other = replicates.rest.get(replicate);
          if (other) differences.push(metrics[name].value! - other[name].value!);
        }
        const pValue = bootstrapZTest(inSlice.value! - inRest.value!, differences);
        if (pValue !== null) test = { test: 'bootstrap-z', alternative: 'worse', rest: inRest.value!, pValue };
      }
      if (test) found.push([name, test]);
    }
  }
  if (labels && tested.has('positiveRate')) {
    const rest = { successes: labels.whole.positives - labels.slice.positives, trials: labels.whole.labelled - labels.slice.labelled };
    const test = proportionTest({ successes: labels.slice.positives, trials: labels.slice.labelled }, rest, 'different');
    if (test) found.push(['positiveRate', test]);
  }
  return found;
}

/** Slices `table` (a quoted table or view name) by `options.by`; see the module comment. */
export async function computeSlices(engine: Engine, table: string, options: SliceOptions): Promise<SliceReport> {
  const planned = await plan(engine, table, options);
  const { settings, task, label, positive } = planned;
  const basics = await engine.query(basicsSql(planned));
  const labelRows = label ? await engine.query(labelsSql(planned)) : [];
  const evaluated = planned.prediction || planned.score ? readEvaluations(planned, await engine.query(evaluationSql(planned))) : new Map<string, Evaluation>();

  const labelCounts = new Map<string, { value: string; rows: number }[]>();
  for (const row of labelRows) {
    const id = idOf(planned, row);
    const counts = labelCounts.get(id) ?? [];
    counts.push({ value: String(row.__label), rows: Number(row.__rows) });
    labelCounts.set(id, counts);
  }
  // GROUP BY () gives no row on an empty table: the whole table is then a slice of 0 rows.
  const overallRow: Row = basics.find((row) => row.__overall === true) ?? { __overall: true, __rows: 0 };
  const total = Number(overallRow.__rows);
  const positiveCounts = (id: string): PositiveCounts => {
    const counts = labelCounts.get(id) ?? [];
    return { positives: counts.find((count) => count.value === positive)?.rows ?? 0, labelled: counts.reduce((sum, count) => sum + count.rows, 0) };
  };

  const sliceOf = (row: Row): Slice => {
    const id = idOf(planned, row);
    const rows = Number(row.__rows);
    const keys = id === OVERALL ? [] : keyValues(planned, row).map((value, index) => describeKey(planned.sliceColumns[index]!, value));
    const slice: Slice = {
      name: id === OVERALL ? 'all' : sliceName(keys),
      keys,
      rows,
      share: total === 0 ? 0 : rows / total,
      nullRates: Object.fromEntries(planned.dataColumns.map((column, index) => [column, rows === 0 ? 0 : Number(row[`__nulls_${index}`] ?? 0) / rows])),
      tests: {},
      worse: [],
    };
    if (label) {
      const counts = (labelCounts.get(id) ?? []).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      const labelled = counts.reduce((sum, count) => sum + count.rows, 0);
      slice.labels = counts.map((count) => ({ ...count, share: count.rows / labelled }));
      if (task === 'binary') {
        const { positives } = positiveCounts(id);
        slice.positiveRate = estimateFrom(labelled === 0 ? null : positives / labelled, wilsonInterval(positives, labelled), labelled, 'wilson');
      }
    }
    if (planned.prediction || planned.score) {
      const evaluation = evaluated.get(id);
      slice.metrics = estimates(planned, evaluation);
      if (planned.score) slice.calibration = reliabilityBins(asCounts(evaluation?.get(0)).bins, settings.eceBins);
    }
    return slice;
  };
  const overall = sliceOf(overallRow);
  const partRows = basics.filter((row) => row.__overall !== true);
  const parts = partRows.map(sliceOf);

  // One family: every test of every slice large enough to be tested, corrected together.
  const family: { slice: Slice; metric: TestedMetric; test: RawTest }[] = [];
  partRows.forEach((row, index) => {
    const slice = parts[index]!;
    if (slice.rows < settings.minRows) return;
    const id = idOf(planned, row);
    const labels = task === 'binary' ? { slice: positiveCounts(id), whole: positiveCounts(OVERALL) } : null;
    for (const [metric, test] of testsAgainstRest(planned, evaluated.get(id), evaluated.get(OVERALL), labels)) family.push({ slice, metric, test });
  });
  const adjusted = adjustPValues(
    family.map((entry) => entry.test.pValue),
    settings.correction,
  );
  family.forEach(({ slice, metric, test }, index) => {
    slice.tests[metric] = { ...test, adjustedPValue: adjusted[index]!, flagged: adjusted[index]! <= settings.alpha };
  });
  for (const slice of parts) slice.worse = METRIC_NAMES.filter((name) => name !== 'ece' && slice.tests[name]?.flagged === true);

  return {
    by: [...options.by],
    rows: total,
    task,
    label,
    prediction: planned.prediction,
    score: planned.score,
    positive,
    classes: planned.classes,
    average: planned.prediction ? (task === 'binary' ? 'binary' : 'macro') : null,
    binned: Object.fromEntries(planned.sliceColumns.flatMap((slice) => (slice.kind === 'bins' ? [[slice.column, slice.edges]] : []))),
    settings,
    familySize: family.length,
    overall,
    slices: parts,
  };
}
