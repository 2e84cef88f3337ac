import { notDriftTested, notDriftTestedReason } from '../../spec/column-roles';
import { DEFAULT_MAX_SHARE, detectDrift, nothingCompared } from '../../stats/drift/drift';
import { columnListParam, fractionParam } from '../params';
import type { CheckDefinition } from '../step';
import { baselineParam } from './drift';

export interface DriftShareParams {
  /** The spec source to compare against. */
  baseline: string;
  /** The largest share of drifted columns that passes (default 0.5). */
  max?: number;
  /** The columns to compare; default: every column of either side. */
  columns?: string[];
}

/**
 * At most `max` of the compared columns drifted from the baseline source, each judged by its
 * default method and threshold (docs/statistics.md#drift-between-a-baseline-and-a-current-dataset). Columns on one side only, or of types
 * drift does not compare, are listed as skipped and do not count; so are the spec's id, timestamp
 * and ignored columns (its `columns` roles), which are never tested, even when listed in `columns`.
 * With no column compared, or none with a value on either side, the check is not evaluated.
 *
 * @example
 * { id: stable, check: drift_share, baseline: last_month, max: 0.3 }
 */
export const driftShare: CheckDefinition<DriftShareParams> = {
  kind: 'check',
  name: 'drift_share',
  summary: 'At most a share max of the columns drifted from a baseline source.',
  params: {
    properties: {
      baseline: baselineParam,
      max: { ...fractionParam, description: 'The largest share of drifted columns that passes. Default 0.5.' },
      columns: columnListParam,
    },
    required: ['baseline'],
  },
  reads: ({ columns }) => columns ?? [],
  dataset: async ({ baseline, max = DEFAULT_MAX_SHARE, columns }, ctx) => {
    const source = await ctx.source(baseline);
    const untested = notDriftTested(ctx.roles);
    const requested = columns ?? [...new Set([...ctx.columns, ...source.columns].map((column) => column.name))];
    const excluded = requested.filter((name) => untested.has(name));
    // The executor has checked that `columns` exist here; one missing from the baseline is skipped.
    const compared = excluded.length ? requested.filter((name) => !untested.has(name)) : columns;
    const result = await detectDrift(ctx.engine, source, { table: ctx.table, columns: ctx.columns }, { columns: compared, maxShare: max });
    const byRole = excluded.map((column) => ({ column, reason: notDriftTestedReason(untested.get(column)!) }));
    const skipped = [...result.skipped, ...byRole];
    const nothing = nothingCompared({ columns: result.columns, skipped });
    return {
      success: !result.drifted,
      ...(nothing === null ? {} : { notEvaluated: `baseline "${baseline}": ${nothing}` }),
      observed: {
        driftShare: result.driftShare,
        max,
        drifted: result.columns.filter((column) => column.drifted).map((column) => column.column),
        compared: result.columns.length,
        skipped,
      },
      unexpectedCount: result.columns.filter((column) => column.drifted).length,
      elementCount: result.columns.length,
    };
  },
};
