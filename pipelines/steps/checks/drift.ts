import { WinnowError } from '../../errors';
import { notDriftTested, notDriftTestedReason } from '../../spec/column-roles';
import { columnDrift, comparedKind, DRIFT_METHODS, isTestMethod, methodsFor, NotComparedError } from '../../stats/drift/drift';
import type { DriftMethod } from '../../stats/drift/types';
import { columnParam } from '../params';
import type { CheckDefinition, ParamProblem } from '../step';

export interface DriftParams {
  column: string;
  /** The spec source to compare against (its column of the same name). */
  baseline: string;
  /** The deciding method; default: by the column's kind and sample size (docs/statistics.md#drift-between-a-baseline-and-a-current-dataset). */
  method?: DriftMethod;
  /** For a distance method (wasserstein, psi, js, linf): the largest value that passes. */
  max?: number;
  /** For a test (ks, chi2): the significance level; the check fails when the p-value is below it. */
  alpha?: number;
  /** Bins for PSI and JS on a numeric column (default 10). */
  bins?: number;
}

export const baselineParam = { type: 'string', minLength: 1, description: 'The name of the spec source to compare against.' } as const;

/**
 * The column's distribution has not drifted from the baseline source's: `method` (default by
 * kind and sample size) stays within its threshold. Fails when a side has values and the other
 * none; not evaluated when neither has, or when the column cannot be compared (not in the
 * baseline, of a type drift does not compare, or another kind there), or when the spec's `columns`
 * roles make it an id, the timestamp or ignored: those are never tested for drift, even when named.
 *
 * @example
 * { id: delay_stable, check: drift, column: delay, baseline: last_month, method: psi, max: 0.2 }
 */
export const drift: CheckDefinition<DriftParams> = {
  kind: 'check',
  name: 'drift',
  summary: 'A column’s distribution has not drifted from the same column in a baseline source.',
  params: {
    properties: {
      column: columnParam,
      baseline: baselineParam,
      method: { enum: [...DRIFT_METHODS], description: 'ks, chi2 (tests), wasserstein, psi, js, linf (distances). Default: by kind and sample size.' },
      max: { type: 'number', minimum: 0, description: 'For a distance method: the largest value that passes.' },
      alpha: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'For ks or chi2: fail when the p-value is below alpha. Default 0.05.' },
      bins: { type: 'integer', minimum: 2, maximum: 1000, description: 'Bins for PSI and JS on numeric columns. Default 10.' },
    },
    required: ['column', 'baseline'],
  },
  reads: ({ column }) => [column],
  validate: ({ method, max, alpha }) => {
    const problems: ParamProblem[] = [];
    if (!method) {
      if (max !== undefined)
        problems.push({ field: 'max', message: 'max needs a method: the default method depends on the data, so a threshold without one is ambiguous' });
      if (alpha !== undefined) problems.push({ field: 'alpha', message: 'alpha needs a method (ks or chi2)' });
    } else if (isTestMethod(method) && max !== undefined) {
      problems.push({ field: 'max', message: `${method} is a test: set alpha (the check fails when the p-value is below it), not max` });
    } else if (!isTestMethod(method) && alpha !== undefined) {
      problems.push({ field: 'alpha', message: `${method} is a distance: set max (the largest value that passes), not alpha` });
    }
    return problems;
  },
  dataset: async ({ column, baseline, method, max, alpha, bins }, ctx) => {
    const source = await ctx.source(baseline);
    const current = { table: ctx.table, columns: ctx.columns };
    const notCompared = (reason: string) => ({
      success: false,
      observed: {},
      notEvaluated: `column "${column}" is not compared with baseline "${baseline}": ${reason}`,
    });
    const role = notDriftTested(ctx.roles).get(column);
    if (role) return notCompared(notDriftTestedReason(role));
    let kind;
    try {
      kind = comparedKind(source, current, column);
    } catch (error) {
      if (error instanceof NotComparedError) return notCompared(error.reason);
      throw error;
    }
    if (method && !methodsFor(kind).includes(method)) {
      throw new WinnowError(
        `${method} does not apply to the ${kind} column "${column}" (use one of ${methodsFor(kind).join(', ')})`,
        { stepId: ctx.stepId, field: 'method' },
        'spec',
      );
    }
    let compared;
    try {
      compared = await columnDrift(ctx.engine, source, current, column, { method, threshold: max ?? alpha, bins });
    } catch (error) {
      if (error instanceof NotComparedError) return notCompared(error.reason);
      throw error;
    }
    const { drifted, column: _column, ...observed } = compared;
    const empty = compared.baselineCount === 0 && compared.currentCount === 0;
    return {
      success: !drifted,
      observed: { drifted, ...observed },
      ...(empty ? { notEvaluated: `column "${column}" has no value in baseline "${baseline}" nor in the current data` } : {}),
    };
  },
};
