/**
 * The distributions behind a drift check's charts, in SQL: both sides of a numeric column on
 * shared equal-width bins (as many as numpy's 'auto' rule asks for over both sides, as profile
 * histograms), and the most frequent categories of a categorical one. Two scans per numeric
 * column, one per categorical; only counts leave the engine.
 *
 * The executor drops each step's working table once the next exists, so the current side is the
 * rows kept at the end of the run; a note says so when later steps changed them.
 */
import type { Engine } from '../engine/engine';
import { workingRelationExists } from '../ingest/working-table';
import type { StepResult } from '../run/results';
import { isInternalColumn } from '../rejects';
import { ident } from '../sql';
import { comparedKind, NotComparedError } from '../stats/drift/drift';
import { columnSamples, mergedCountsSql, sampleSizesSql, type Samples } from '../stats/drift/samples';
import type { Relation } from '../stats/drift/types';
import { doubleSql } from '../stats/profile/double';
import { binEdges, planBins } from '../stats/profile/histogram';
import { transforms } from '../steps/registry';
import { queryOne, type Column } from '../steps/step';
import type { BinnedSides, CategorySides, DriftColumnView, DriftView } from './types';

export interface DriftViewOptions {
  /** Most bins of a numeric column's chart. Default 40. */
  maxBins?: number;
  /** Categories drawn before "other". Default 12. */
  topCategories?: number;
  /** Columns drawn for one drift_share step; the rest are listed as not drawn. Default 24. */
  maxColumns?: number;
}

const TEMPORAL_TYPE = /^(DATE|TIMESTAMP.*)$/i;

/** Where the executor keeps another source it read for a step (execute.ts, Executor.source). */
function sourceTable(name: string): string {
  return `__winnow_source_${name}`;
}

async function readRelation(engine: Engine, name: string): Promise<Relation | null> {
  const table = sourceTable(name);
  if (!(await workingRelationExists(engine, table))) return null;
  const described = await engine.query(`DESCRIBE ${ident(table)}`);
  const columns = described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) })).filter((column) => !isInternalColumn(column.name));
  return { table: ident(table), columns };
}

/**
 * Shared bins over both sides. When a few extreme values stretch the range far beyond where
 * nearly all values lie (the central 99% spans less than half of it), the bins cover that
 * central range and the values beyond it are counted per side instead of drawn.
 */
async function binnedSides(engine: Engine, samples: Samples, temporal: boolean, maxBins: number): Promise<BinnedSides | null> {
  const both = `SELECT value, 0 AS side FROM (${samples.baseline}) UNION ALL SELECT value, 1 AS side FROM (${samples.current})`;
  const range = await queryOne(
    engine,
    `SELECT n, low, high, q[1] AS q005, q[2] AS q25, q[3] AS q75, q[4] AS q995 FROM (
       SELECT count(*) AS n, min(value) AS low, max(value) AS high, approx_quantile(value, CAST([0.005, 0.25, 0.75, 0.995] AS FLOAT[])) AS q FROM (${both}))`,
  );
  if (Number(range.n) === 0) return null;
  const [q005, q25, q75, q995] = [range.q005, range.q25, range.q75, range.q995].map(Number) as [number, number, number, number];
  const [low, high] = [Number(range.low), Number(range.high)];
  const cut = q995 > q005 && q995 - q005 < (high - low) / 2;
  const [from, to] = cut ? [q005, q995] : [low, high];
  // The bin rule needs only the rough number of values drawn: about 99% of them when cut.
  const plan = planBins({ count: Math.max(1, Math.round(Number(range.n) * (cut ? 0.99 : 1))), min: from, max: to, q25, q75 }, maxBins);
  if (!plan) return null;
  const baseline = new Array<number>(plan.bins).fill(0);
  const current = new Array<number>(plan.bins).fill(0);
  const below = { baseline: 0, current: 0 };
  const above = { baseline: 0, current: 0 };
  const rows = await engine.query(
    `SELECT side, CASE WHEN value < ${doubleSql(from)} THEN -1 WHEN value > ${doubleSql(to)} THEN ${plan.bins}
       ELSE least(CAST(floor((value - ${doubleSql(plan.low)}) / ${doubleSql((plan.high - plan.low) / plan.bins)}) AS BIGINT), ${plan.bins - 1}) END AS bin, count(*) AS n
     FROM (${both}) GROUP BY ALL`,
  );
  for (const row of rows) {
    const side = Number(row.side) === 0 ? 'baseline' : 'current';
    const bin = Number(row.bin);
    const n = Number(row.n);
    if (bin < 0) below[side] += n;
    else if (bin >= plan.bins) above[side] += n;
    else (side === 'baseline' ? baseline : current)[bin] = n;
  }
  const total = (counts: number[], side: 'baseline' | 'current') => counts.reduce((sum, n) => sum + n, below[side] + above[side]);
  return { edges: binEdges(plan), baseline: { counts: baseline, total: total(baseline, 'baseline') }, current: { counts: current, total: total(current, 'current') }, below, above, temporal };
}

async function categorySides(engine: Engine, samples: Samples, topCategories: number): Promise<CategorySides> {
  const sizes = await queryOne(engine, sampleSizesSql(samples));
  const rows = await engine.query(`SELECT * FROM (${mergedCountsSql(samples)}) ORDER BY baseline_count + current_count DESC, value LIMIT ${topCategories}`);
  const baselineCounts = rows.map((row) => Number(row.baseline_count));
  const currentCounts = rows.map((row) => Number(row.current_count));
  const [baselineTotal, currentTotal] = [Number(sizes.baseline_count), Number(sizes.current_count)];
  const sum = (counts: number[]) => counts.reduce((total, n) => total + n, 0);
  return {
    categories: rows.map((row) => String(row.value)),
    baseline: { counts: baselineCounts, total: baselineTotal },
    current: { counts: currentCounts, total: currentTotal },
    otherBaseline: baselineTotal - sum(baselineCounts),
    otherCurrent: currentTotal - sum(currentCounts),
  };
}

async function columnView(engine: Engine, baseline: Relation, current: Relation, column: string, options: Required<DriftViewOptions>): Promise<Omit<DriftColumnView, 'drifted'>> {
  let kind;
  try {
    kind = comparedKind(baseline, current, column);
  } catch (error) {
    if (error instanceof NotComparedError) return { column, note: `not drawn: ${error.reason}` };
    throw error;
  }
  const samples = columnSamples(baseline, current, column, kind);
  if (kind === 'categorical') return { column, categorical: await categorySides(engine, samples, options.topCategories) };
  const type = current.columns.find((candidate) => candidate.name === column)?.type ?? '';
  const numeric = await binnedSides(engine, samples, TEMPORAL_TYPE.test(type.trim()), options.maxBins);
  return numeric ? { column, numeric } : { column, note: 'no values on either side' };
}

/** Transforms that read columns without rewriting them (what they do to rows shows in their counts). */
const READ_ONLY_TRANSFORMS = new Set(['filter', 'dedupe', 'sample', 'split', 'derive', 'select', 'drop']);

/** Later steps that change which rows, or which values of `columns`, reach the end. */
function laterChanges(steps: StepResult[], index: number, columns: string[]): string[] {
  return steps
    .slice(index + 1)
    .filter((step) => {
      if (step.status === 'skipped') return false;
      if (step.rejected > 0 || step.dropped > 0) return true;
      if (step.kind === 'derive') return columns.includes(String(step.params.column));
      const definition = step.type === 'transform' && !READ_ONLY_TRANSFORMS.has(step.kind) ? transforms.get(step.kind) : undefined;
      return definition !== undefined && definition.reads(step.params as never).some((name) => columns.includes(name));
    })
    .map((step) => step.id);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * A view for each drift and drift_share step that ran: both sides' distributions of every
 * column it compared, the baseline as the step read it and the current side as kept.
 */
export async function driftViews(engine: Engine, steps: StepResult[], kept: { table: string; columns: Column[]; rows: number }, options: DriftViewOptions = {}): Promise<DriftView[]> {
  const settings: Required<DriftViewOptions> = { maxBins: 40, topCategories: 12, maxColumns: 24, ...options };
  const current: Relation = { table: kept.table, columns: kept.columns };
  const views: DriftView[] = [];
  const drawn = new Map<string, Omit<DriftColumnView, 'drifted'>>();
  for (const [index, step] of steps.entries()) {
    if ((step.kind !== 'drift' && step.kind !== 'drift_share') || step.status === 'skipped') continue;
    const baselineName = String(step.params.baseline);
    const view: DriftView = { stepId: step.id, kind: step.kind, baseline: baselineName, columns: [], notes: [] };
    views.push(view);
    const baseline = await readRelation(engine, baselineName);
    if (!baseline) {
      view.notes.push(`the baseline source "${baselineName}" is no longer available to draw`);
      continue;
    }
    let names: string[];
    let driftedNames: string[];
    if (step.kind === 'drift') {
      names = [String(step.params.column)];
      driftedNames = step.observed.drifted === true ? names : [];
    } else {
      const skipped = new Set((Array.isArray(step.observed.skipped) ? step.observed.skipped : []).map((entry) => String((entry as { column?: unknown }).column)));
      // Without a list the check compared every column of either side; one missing from the baseline was skipped.
      const requested = step.params.columns ? stringList(step.params.columns) : baseline.columns.map((column) => column.name);
      driftedNames = stringList(step.observed.drifted);
      // Drifted columns first: they are what a reviewer looks for.
      names = requested.filter((name) => !skipped.has(name)).sort((a, b) => Number(driftedNames.includes(b)) - Number(driftedNames.includes(a)));
    }
    for (const name of names.slice(0, settings.maxColumns)) {
      const drifted = step.kind === 'drift' && typeof step.observed.drifted !== 'boolean' ? null : driftedNames.includes(name);
      // A column compared with the same baseline by several steps is drawn from one computation.
      const key = JSON.stringify([baselineName, name]);
      if (!drawn.has(key)) drawn.set(key, await columnView(engine, baseline, current, name, settings));
      view.columns.push({ ...drawn.get(key)!, drifted });
    }
    if (names.length > settings.maxColumns) view.notes.push(`${names.length - settings.maxColumns} more compared columns are not drawn`);
    const changes = laterChanges(steps, index, names);
    const rowsAtStep = step.rowsIn.toLocaleString('en-US');
    view.notes.push(
      changes.length
        ? `The check compared the ${rowsAtStep} rows at its step; "current" here is the ${kept.rows.toLocaleString('en-US')} rows kept at the end of the run, after ${changes.join(', ')}.`
        : `"current" is the ${kept.rows.toLocaleString('en-US')} rows kept at the end of the run: the same rows and values the check compared.`,
    );
  }
  return views;
}
