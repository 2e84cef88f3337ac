import { ROW } from '../../table/rejects';
import { ident, literal, typeName } from '../../sql';
import { convertSql } from '../conversion';
import { typeParam } from '../params';
import type { TransformDefinition } from '../step';

export interface CastParams {
  /** Column -> DuckDB type. */
  columns: Record<string, string>;
}

/**
 * Changes column types. A value that cannot be cast is never turned into NULL or rounded: its row
 * goes to the rejects (field: the first column that failed, reason: "cannot cast to TYPE"). What
 * casts is steps/conversion.ts's rules, the same `of_type` checks: to an integer type, 1.5 and
 * "1.5" are rejected, not rounded.
 */
export const cast: TransformDefinition<CastParams> = {
  kind: 'transform',
  name: 'cast',
  summary: 'Changes column types; rows whose values cannot be cast are rejected.',
  params: {
    properties: { columns: { type: 'object', additionalProperties: typeParam, minProperties: 1 } },
    required: ['columns'],
  },
  reads: ({ columns }) => Object.keys(columns),
  columnsAfter: ({ columns }, before) => before.map((column) => ({ ...column, type: columns[column.name] ? typeName(columns[column.name]!) : column.type })),
  compile: ({ columns }, ctx) => {
    const typeOf = (name: string) => ctx.columns.find((column) => column.name === name)?.type ?? 'VARCHAR';
    const entries = Object.entries(columns).map(([name, type]) => ({
      column: ident(name),
      name,
      type: typeName(type),
      converted: convertSql(ident(name), typeOf(name), typeName(type)),
    }));
    const fails = ({ column, converted }: (typeof entries)[number]) => `(${column} IS NOT NULL AND ${converted} IS NULL)`;
    const firstFailure = (pick: (entry: (typeof entries)[number]) => string) =>
      `CASE ${entries.map((entry) => `WHEN ${fails(entry)} THEN ${pick(entry)}`).join(' ')} END`;
    return {
      select: `SELECT * REPLACE (${entries.map(({ column, converted }) => `${converted} AS ${column}`).join(', ')}) FROM ${ctx.table}`,
      rejects: `SELECT ${ident(ROW)},
                  ${firstFailure((entry) => literal(entry.name))} AS field,
                  ${firstFailure((entry) => `CAST(${entry.column} AS VARCHAR)`)} AS value,
                  ${firstFailure((entry) => literal(`cannot cast to ${entry.type}`))} AS reason
                FROM ${ctx.table} WHERE ${entries.map(fails).join(' OR ')}`,
    };
  },
};
