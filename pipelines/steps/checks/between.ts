import { ident, literal } from '../../sql';
import { presentSql } from '../missing';
import { boundParam, columnParam } from '../params';
import type { CheckDefinition, ParamProblem } from '../step';

export interface BetweenParams {
  column: string;
  min?: number | string;
  max?: number | string;
  /** Exclude the minimum itself; default false. */
  strict_min?: boolean;
  strict_max?: boolean;
}

/** The condition a value must meet, e.g. `x >= 0 AND x <= 5000` (shared with mean_between). */
export function withinBounds(value: string, { min, max, strict_min = false, strict_max = false }: Omit<BetweenParams, 'column'>): string {
  const parts: string[] = [];
  if (min !== undefined) parts.push(`${value} ${strict_min ? '>' : '>='} ${literal(min)}`);
  if (max !== undefined) parts.push(`${value} ${strict_max ? '<' : '<='} ${literal(max)}`);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** min above max can never hold: refused at the max field (numbers, and dates or times written as text). */
export function boundsInOrder({ min, max }: { min?: number | string; max?: number | string }): ParamProblem[] {
  if (min === undefined || max === undefined || typeof min !== typeof max) return [];
  const above = typeof min === 'number' ? min > (max as number) : Date.parse(min) > Date.parse(max as string);
  return above ? [{ field: 'max', message: `max ${JSON.stringify(max)} is below min ${JSON.stringify(min)}: no value could pass` }] : [];
}

/**
 * A range with neither bound holds for any measured value: Great Expectations' aggregate range
 * expectations (mean, row count, unique proportion, quantiles) are vacuously true then, and so is
 * the check, with this warning. Only a missing measurement (a mean of no values) still fails.
 */
export function noBounds({ min, max }: { min?: unknown; max?: unknown }): ParamProblem[] {
  return min === undefined && max === undefined ? [{ field: 'min', message: 'neither min nor max is set: the check holds for any value' }] : [];
}

/** The condition on a measured value: present (a mean of no values is NULL and fails) and within the bounds. */
export function measuredWithinBounds(value: string, bounds: Omit<BetweenParams, 'column'>): string {
  return `coalesce(${value} IS NOT NULL AND (${withinBounds(value, bounds)}), FALSE)`;
}

export const boundsParams = {
  min: { ...boundParam, description: 'Lowest allowed value (inclusive unless strict_min).' },
  max: { ...boundParam, description: 'Highest allowed value (inclusive unless strict_max).' },
  strict_min: { type: 'boolean' },
  strict_max: { type: 'boolean' },
};

/**
 * Values lie within [min, max]; either bound may be omitted, not both. Missing values (NULL, NaN:
 * steps/missing.ts) are not counted; infinities are compared. Great Expectations refuses
 * expect_column_values_to_be_between with neither bound ("min_value and max_value cannot both be
 * None"), unlike its aggregate range expectations, and so does Winnow.
 */
export const between: CheckDefinition<BetweenParams> = {
  kind: 'check',
  name: 'between',
  summary: 'Values of a column lie between min and max.',
  params: {
    properties: { column: columnParam, ...boundsParams },
    required: ['column'],
    extra: { anyOf: [{ required: ['min'] }, { required: ['max'] }] },
  },
  validate: boundsInOrder,
  reads: ({ column }) => [column],
  rows: ({ column, ...bounds }, ctx) => ({
    domain: presentSql(column, ctx.columns),
    failing: `NOT (${withinBounds(ident(column), bounds)})`,
    value: ident(column),
  }),
};
