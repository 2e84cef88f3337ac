/**
 * A baseline and a current dataset made from one table: the rows where a column (a split, a
 * month, a source name) has one value against the rows where it has another. Each side is a
 * temporary view in the engine, so the drift statistics read it like any table; the column that
 * tells the sides apart is left out of the comparison (it differs by construction).
 */
import type { Engine, Value } from '../../pipelines/engine/engine';
import { ident, literal } from '../../pipelines/sql';
import type { Relation } from '../../pipelines/stats/drift/types';
import type { Column } from '../../pipelines/table/column';

export interface SplitValue {
  /** The value as text; null for missing values. */
  value: string | null;
  rows: number;
}

/** The most frequent values of `column` (as text), most frequent first; ties in text order. */
export async function splitValues(engine: Engine, table: string, column: string, limit = 50): Promise<SplitValue[]> {
  const rows = await engine.query(
    `SELECT CAST(${ident(column)} AS VARCHAR) AS value, count(*) AS n FROM ${table} GROUP BY 1 ORDER BY n DESC, value NULLS LAST LIMIT ${Math.floor(limit)}`,
  );
  return rows.map((row) => ({ value: row.value === null ? null : String(row.value), rows: Number(row.n) }));
}

/** The predicate selecting one side's rows. */
export function sidePredicate(column: string, value: string | null): string {
  return value === null ? `${ident(column)} IS NULL` : `CAST(${ident(column)} AS VARCHAR) = ${literal(value)}`;
}

/**
 * Creates (or replaces) the two sides as temporary views over `source.table` (a quoted table
 * name) and returns them as drift relations, without `column`.
 */
export async function splitRelations(
  engine: Engine,
  source: { table: string; columns: readonly Column[] },
  column: string,
  baselineValue: string | null,
  currentValue: string | null,
): Promise<{ baseline: Relation; current: Relation }> {
  const columns = source.columns.filter((candidate) => candidate.name !== column);
  const view = async (side: string, value: string | null): Promise<Relation> => {
    const name = ident(`__winnow_split_${side}`);
    await engine.run(`CREATE OR REPLACE TEMP VIEW ${name} AS SELECT * FROM ${source.table} WHERE ${sidePredicate(column, value)}`);
    return { table: name, columns };
  };
  return { baseline: await view('baseline', baselineValue), current: await view('current', currentValue) };
}

/** The text a split value is shown as. */
export function describeValue(value: Value | undefined): string {
  return value === null || value === undefined ? '(missing)' : String(value);
}
