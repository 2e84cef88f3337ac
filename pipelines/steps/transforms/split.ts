import { ROW } from '../../table/rejects';
import { ident, literal } from '../../sql';
import { unitHash } from '../../table/hashing';
import { columnListParam, columnParam } from '../params';
import type { TransformDefinition } from '../step';

export interface SplitParams {
  /**
   * hash: by the seeded hash of `key` columns (default: the whole row);
   * stratified: within each group of `by`, in seeded-hash order, so each part keeps the groups' shares;
   * time: by `column` against `cutoffs`;
   * group: by the seeded hash of `key`, so a group never spans two parts.
   */
  method: 'hash' | 'stratified' | 'time' | 'group';
  /** Part name -> share of rows (hash, stratified, group); the shares add up to 1. */
  fractions?: Record<string, number>;
  key?: string[];
  by?: string[];
  column?: string;
  /**
   * Part name -> exclusive upper bound, in order; the last part may be null (no bound).
   * `{train: "2024-07-01", valid: "2024-10-01", test: null}`. Rows without a time are rejected.
   * Against a TIMESTAMP WITH TIME ZONE, a cutoff without an offset is a UTC time on every host
   * (sessions run in UTC: engine/time-zone.ts); one with an offset is that instant.
   */
  cutoffs?: Record<string, string | number | null>;
}

/** The column that holds a split step's part for each row. Outputs name it as `<step id>.<part>`. */
export function splitColumn(stepId: string): string {
  return `__winnow_split_${stepId}`;
}

/** CASE expression mapping a position in [0, 1) to the part whose cumulative share covers it. */
function partByPosition(position: string, fractions: Record<string, number>): string {
  const entries = Object.entries(fractions);
  let cumulative = 0;
  const whens = entries.slice(0, -1).map(([name, share]) => {
    cumulative += share;
    return `WHEN ${position} < ${literal(cumulative)} THEN ${literal(name)}`;
  });
  return `CASE ${whens.join(' ')} ELSE ${literal(entries.at(-1)![0])} END`;
}

/** Adds each row's part (train/valid/test...) as a column; outputs pick parts with `from`. */
export const split: TransformDefinition<SplitParams> = {
  kind: 'transform',
  name: 'split',
  summary: 'Assigns rows to parts (train/valid/test) by seeded hash, stratified, by time, or by group.',
  params: {
    properties: {
      method: { enum: ['hash', 'stratified', 'time', 'group'] },
      fractions: { type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: 1 }, minProperties: 1 },
      key: columnListParam,
      by: columnListParam,
      column: columnParam,
      cutoffs: { type: 'object', additionalProperties: { type: ['string', 'number', 'null'] }, minProperties: 1 },
    },
    required: ['method'],
    extra: {
      allOf: [
        { if: { properties: { method: { const: 'time' } } }, then: { required: ['column', 'cutoffs'] }, else: { required: ['fractions'] } },
        { if: { properties: { method: { const: 'stratified' } } }, then: { required: ['by'] } },
        { if: { properties: { method: { const: 'group' } } }, then: { required: ['key'] } },
      ],
    },
  },
  validate: ({ method, fractions, cutoffs }) => {
    if (method !== 'time' && fractions) {
      const total = Object.values(fractions).reduce((sum, share) => sum + share, 0);
      if (Math.abs(total - 1) > 1e-9) return [{ field: 'fractions', message: `the shares add up to ${total}, expected 1` }];
    }
    if (method === 'time' && cutoffs) {
      const bounds = Object.values(cutoffs);
      if (bounds.slice(0, -1).some((bound) => bound === null)) {
        return [{ field: 'cutoffs', message: 'only the last part may have no bound (null)' }];
      }
      const ordered = bounds.filter((bound) => bound !== null);
      const increases = (later: string | number, earlier: string | number) =>
        typeof later === 'number' && typeof earlier === 'number' ? later > earlier : String(later) > String(earlier);
      if (ordered.some((bound, index) => index > 0 && !increases(bound!, ordered[index - 1]!))) {
        return [{ field: 'cutoffs', message: 'cutoffs must increase from one part to the next' }];
      }
    }
    return [];
  },
  reads: ({ key = [], by = [], column }) => [...key, ...by, ...(column ? [column] : [])],
  columnsAfter: (_params, before) => before,
  // Each part's rows, in the order the spec lists the parts: { parts: { train: 16000, valid: 2000, test: 2000 } }.
  observe: async ({ method, fractions = {}, cutoffs = {} }, ctx) => {
    const parts: Record<string, number> = Object.fromEntries(Object.keys(method === 'time' ? cutoffs : fractions).map((name) => [name, 0]));
    const counted = await ctx.engine.query(`SELECT ${ident(splitColumn(ctx.stepId))} AS part, count(*) AS n FROM ${ctx.table} GROUP BY ALL`);
    for (const { part, n } of counted) parts[String(part)] = Number(n);
    return { parts };
  },
  compile: ({ method, fractions = {}, key, by = [], column, cutoffs = {} }, ctx) => {
    const part = ident(splitColumn(ctx.stepId));
    if (method === 'time') {
      const time = ident(column!);
      const bounded = Object.entries(cutoffs).filter(([, bound]) => bound !== null);
      const last = Object.keys(cutoffs).at(-1)!;
      const open = cutoffs[last] === null;
      const cases = bounded.map(([name, bound]) => `WHEN ${time} < ${literal(bound)} THEN ${literal(name)}`).join(' ');
      const assigned = `CASE ${cases} ${open ? `ELSE ${literal(last)}` : ''} END`;
      return {
        select: `SELECT *, ${assigned} AS ${part} FROM ${ctx.table} WHERE ${time} IS NOT NULL AND (${assigned}) IS NOT NULL`,
        rejects: `SELECT ${ident(ROW)}, ${literal(column)} AS field, CAST(${time} AS VARCHAR) AS value,
                    CASE WHEN ${time} IS NULL THEN 'time split: no time value' ELSE 'time split: after the last cutoff' END AS reason
                  FROM ${ctx.table} WHERE ${time} IS NULL OR (${assigned}) IS NULL`,
      };
    }
    const allColumns = ctx.columns;
    const typed = (name: string) =>
      ctx.columns.find((existing) => existing.name === name) ?? ctx.columns.find((existing) => existing.name.toLowerCase() === name.toLowerCase()) ?? name;
    const salt = `split:${ctx.stepId}`;
    if (method === 'stratified') {
      const strata = by.map(ident).join(', ');
      const position = `((row_number() OVER (PARTITION BY ${strata} ORDER BY ${unitHash(allColumns, ctx.seed, salt)}, ${ident(ROW)}) - 0.5) / count(*) OVER (PARTITION BY ${strata}))`;
      return { select: `SELECT *, ${partByPosition(position, fractions)} AS ${part} FROM ${ctx.table}` };
    }
    const hash = unitHash(key ? key.map(typed) : allColumns, ctx.seed, salt);
    return { select: `SELECT *, ${partByPosition(hash, fractions)} AS ${part} FROM ${ctx.table}` };
  },
};
