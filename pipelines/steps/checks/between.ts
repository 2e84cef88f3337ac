import { ident, literal } from '../../sql';
import { boundParam, columnParam } from '../params';
import type { CheckDefinition } from '../step';

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
  reads: ({ column }) => [column],
  rows: ({ column, ...bounds }) => ({
    domain: `${ident(column)} IS NOT NULL`,
    failing: `NOT (${withinBounds(ident(column), bounds)})`,
    value: ident(column),
  }),
};
