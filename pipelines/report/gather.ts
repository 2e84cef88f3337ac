/**
 * What the report needs from the engine, asked while the run's tables still exist: the kept
 * rows' profile, the drift checks' distributions and a few rejected rows per reason. A handful
 * of aggregate queries; no rows reach JavaScript.
 */
import type { Engine } from '../engine/engine';
import { REJECTS_TABLE, ROW } from '../table/rejects';
import type { PipelineResult } from '../run/execute';
import { ident, literal } from '../sql';
import type { Spec } from '../spec/types';
import { profileTable } from '../stats/profile/profile';
import { driftViews } from './drift-views';
import type { RejectExample, ReportInput } from './types';

/**
 * Above this many kept rows the report profiles a deterministic sample: the report stays cheap next
 * to the run. 50,000 rows put a histogram's bars and the quantiles within about half a percent; on
 * the bench's 5M rows the report's queries took 0.64 s, against 1.0 s at 100,000.
 */
export const PROFILE_SAMPLE_ROWS = 50_000;

/** The kept rows' profile, on a seeded-hash sample when there are many (the report says so). */
async function keptProfile(engine: Engine, result: PipelineResult, kept: number, beside?: Engine): Promise<Pick<ReportInput, 'profile' | 'profileSample'>> {
  if (kept === 0) return { profile: null, profileSample: null };
  if (kept <= PROFILE_SAMPLE_ROWS) return { profile: await profileTable(engine, result.finalTable, result.columns, { beside }), profileSample: null };
  const sample = '__winnow_report_sample';
  // By row number with DuckDB's own hash: md5 of every row's text cost 2.5 s on 5M rows, this
  // 0.11-0.14 s. A row is in when its hash is below PROFILE_SAMPLE_ROWS / kept of the hash range.
  // The same input gives the same sample for a DuckDB version, which is pinned. Only the columns
  // profiled are kept: Winnow's own (__winnow_file's text above all) cost a fifth more.
  const threshold = (BigInt(PROFILE_SAMPLE_ROWS) << 64n) / BigInt(kept);
  // Not TEMP: a connection `beside` sees it too.
  await engine.run(
    `CREATE OR REPLACE TABLE ${ident(sample)} AS SELECT ${result.columns.map((column) => ident(column.name)).join(', ') || ident(ROW)} FROM ${result.finalTable}
     WHERE hash(${ident(ROW)}, 'report-profile') < CAST(${threshold} AS UBIGINT)`,
  );
  try {
    const profile = await profileTable(engine, ident(sample), result.columns, { beside });
    return { profile, profileSample: { rows: profile.dataset.rows, of: kept } };
  } finally {
    await engine.run(`DROP TABLE IF EXISTS ${ident(sample)}`);
  }
}

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

/**
 * Everything of ReportInput but the manifest, for a run that has just executed on `engine`.
 * `beside`, another connection to its database, lets the profile run two queries at once (see
 * ProfileOptions.beside); the report is the same without it.
 */
export async function gatherReport(
  engine: Engine,
  spec: Spec,
  result: PipelineResult,
  { beside }: { beside?: Engine } = {},
): Promise<Omit<ReportInput, 'manifest'>> {
  const kept = result.rowCounts.kept;
  return {
    stepNotes: Object.fromEntries(
      spec.steps.map((step) => [
        step.id,
        {
          ...(step.description ? { description: String(step.description) } : {}),
          ...(step.check ? { onFail: step.on_fail ?? 'fail' } : {}),
          ...(step.mostly !== undefined ? { mostly: step.mostly } : {}),
        },
      ]),
    ),
    durations: Object.fromEntries(result.steps.map((step) => [step.id, step.durationMs])),
    ...(await keptProfile(engine, result, kept, beside)),
    drift: await driftViews(engine, result.steps, { table: result.finalTable, columns: result.columns, rows: kept }),
    rejectExamples: result.rejects.rows > 0 ? await rejectExamples(engine, result.input.source) : [],
  };
}
