import { ident, literal } from '../../sql';
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

export const boundsParams = {
  min: { ...boundParam, description: 'Lowest allowed value (inclusive unless strict_min).' },
  max: { ...boundParam, description: 'Highest allowed value (inclusive unless strict_max).' },
  strict_min: { type: 'boolean' },
  strict_max: { type: 'boolean' },
};

/** Values lie within [min, max]; either bound may be omitted. Nulls are ignored. */
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
  rows: ({ column, ...bounds }) => ({
    domain: `${ident(column)} IS NOT NULL`,
    failing: `NOT (${withinBounds(ident(column), bounds)})`,
    value: ident(column),
  }),
};
