/**
 * What the report needs from the engine, asked while the run's tables still exist: the kept
 * rows' profile, the drift checks' distributions and a few rejected rows per reason. A handful
 * of aggregate queries; no rows reach JavaScript.
 */
import type { Engine } from '../engine/engine';
import { REJECTS_TABLE } from '../rejects';
import type { PipelineResult } from '../run/execute';
import { literal } from '../sql';
import type { Spec } from '../spec/types';
import { profileTable } from '../stats/profile/profile';
import { driftViews } from './drift-views';
import type { RejectExample, ReportInput } from './types';

/** Rejected rows shown per reason. */
const REJECT_EXAMPLES = 5;
/** Characters of a rejected row's raw text shown. */
const RAW_LIMIT = 240;

async function rejectExamples(engine: Engine, source: string): Promise<RejectExample[]> {
  const rows = await engine.query(
    `SELECT reason_key, file, line, "row", field, reason, raw FROM (
       SELECT CASE WHEN step = 'read' THEN 'read: ' || reason ELSE step END AS reason_key, file, line, "row", field, reason, left(raw, ${RAW_LIMIT}) AS raw,
              row_number() OVER (PARTITION BY reason_key ORDER BY "row" NULLS LAST, file, line) AS n
       FROM ${REJECTS_TABLE} WHERE source = ${literal(source)})
     WHERE n <= ${REJECT_EXAMPLES} ORDER BY reason_key, n`,
  );
  return rows.map((row) => ({
    reason: String(row.reason_key),
    file: row.file === null ? null : String(row.file),
    line: row.line === null ? null : Number(row.line),
    row: row.row === null ? null : Number(row.row),
    field: row.field === null ? null : String(row.field),
    detail: String(row.reason ?? ''),
    raw: row.raw === null ? null : String(row.raw),
  }));
}

/** Everything of ReportInput but the manifest, for a run that has just executed on `engine`. */
export async function gatherReport(engine: Engine, spec: Spec, result: PipelineResult): Promise<Omit<ReportInput, 'manifest'>> {
  const kept = result.rowCounts.kept;
  return {
    stepNotes: Object.fromEntries(
      spec.steps.map((step) => [
        step.id,
        { ...(step.description ? { description: String(step.description) } : {}), ...(step.check ? { onFail: step.on_fail ?? 'fail' } : {}), ...(step.mostly !== undefined ? { mostly: step.mostly } : {}) },
      ]),
    ),
    durations: Object.fromEntries(result.steps.map((step) => [step.id, step.durationMs])),
    profile: kept > 0 ? await profileTable(engine, result.finalTable, result.columns) : null,
    drift: await driftViews(engine, result.steps, { table: result.finalTable, columns: result.columns, rows: kept }),
    rejectExamples: result.rejects.rows > 0 ? await rejectExamples(engine, result.input.source) : [],
  };
}
