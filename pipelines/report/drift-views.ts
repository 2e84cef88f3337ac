/**
 * The distributions behind a drift check's charts: for each column the check compared, both
 * sides' histograms on shared bins (numeric) or category shares (categorical), computed by
 * pipelines/charts/drift-distributions.ts exactly as the app's Drift tab computes them, so a
 * column's drift has the same bins and shares in the app and in report.html. Only counts leave
 * the engine.
 *
 * The executor drops each step's working table once the next exists, so the current side is the
 * rows kept at the end of the run; a note says so when later steps changed them.
 */
import type { Engine } from '../engine/engine';
import { workingRelationExists } from '../ingest/working-table';
import type { StepResult } from '../run/results';
import { isInternalColumn } from '../table/rejects';
import { ident } from '../sql';
import { comparedKind, NotComparedError } from '../stats/drift/drift';
import { columnSamples } from '../stats/drift/samples';
import type { Relation } from '../stats/drift/types';
import { transforms } from '../steps/registry';
import type { Column } from '../table/column';
import { columnDistributions } from '../charts/drift-distributions';
import type { DriftColumnView, DriftView } from './types';

export interface DriftViewOptions {
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

async function columnView(engine: Engine, baseline: Relation, current: Relation, column: string): Promise<Omit<DriftColumnView, 'drifted'>> {
  let kind;
  try {
    kind = comparedKind(baseline, current, column);
  } catch (error) {
    if (error instanceof NotComparedError) return { column, note: `not drawn: ${error.reason}` };
    throw error;
  }
  const samples = columnSamples(baseline, current, column, kind);
  // The same computation the app's Drift tab draws from (renderer/views/use-drift.ts).
  const distributions = await columnDistributions(engine, samples, { ecdf: false });
  if (distributions.kind === 'categorical') return { column, categorical: distributions.categories };
  const { histograms } = distributions;
  if (histograms.baseline.length === 0) return { column, note: 'no values on either side' };
  const type = current.columns.find((candidate) => candidate.name === column)?.type ?? '';
  return { column, numeric: { ...histograms, temporal: TEMPORAL_TYPE.test(type.trim()) } };
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
export async function driftViews(
  engine: Engine,
  steps: StepResult[],
  kept: { table: string; columns: Column[]; rows: number },
  options: DriftViewOptions = {},
): Promise<DriftView[]> {
  const settings: Required<DriftViewOptions> = { maxColumns: 24, ...options };
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
      const skipped = new Set(
        (Array.isArray(step.observed.skipped) ? step.observed.skipped : []).map((entry) => String((entry as { column?: unknown }).column)),
      );
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
      if (!drawn.has(key)) drawn.set(key, await columnView(engine, baseline, current, name));
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
