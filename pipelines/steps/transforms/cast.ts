import { ROW } from '../../rejects';
import { ident, literal, typeName } from '../../sql';
import { typeParam } from '../params';
import type { TransformDefinition } from '../step';

export interface CastParams {
  /** Column -> DuckDB type. */
  columns: Record<string, string>;
}

/**
 * Changes column types. A value that cannot be cast is never turned into NULL: its row goes
 * to the rejects (field: the first column that failed, reason: "cannot cast to TYPE").
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
    const entries = Object.entries(columns).map(([name, type]) => ({ column: ident(name), name, type: typeName(type) }));
    const fails = ({ column, type }: (typeof entries)[number]) => `(${column} IS NOT NULL AND TRY_CAST(${column} AS ${type}) IS NULL)`;
    const firstFailure = (pick: (entry: (typeof entries)[number]) => string) =>
      `CASE ${entries.map((entry) => `WHEN ${fails(entry)} THEN ${pick(entry)}`).join(' ')} END`;
    return {
      select: `SELECT * REPLACE (${entries.map(({ column, type }) => `TRY_CAST(${column} AS ${type}) AS ${column}`).join(', ')}) FROM ${ctx.table}`,
      rejects: `SELECT ${ident(ROW)},
                  ${firstFailure((entry) => literal(entry.name))} AS field,
                  ${firstFailure((entry) => `CAST(${entry.column} AS VARCHAR)`)} AS value,
                  ${firstFailure((entry) => literal(`cannot cast to ${entry.type}`))} AS reason
                FROM ${ctx.table} WHERE ${entries.map(fails).join(' OR ')}`,
    };
  },
};
