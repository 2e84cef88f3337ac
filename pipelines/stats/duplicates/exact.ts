/**
 * Exact duplicates: groups of rows identical on every data column, or on chosen key columns.
 * The same semantics as the spec checks that flag them:
 * - whole rows (no columns given): NULL equals NULL, as `duplicates` (steps/checks/duplicates.ts),
 *   which flags every copy after the first: `duplicateRows` here;
 * - key columns: rows whose key columns are all NULL are left out, as `unique`
 *   (steps/checks/unique.ts), which flags every row of a repeated key: `rowsInGroups` here.
 *
 * @example
 * const { groups, duplicateRows, examples } = await duplicateGroups(engine, table, { columns: ['id'] });
 */
import type { Engine, Value } from '../../engine/engine';
import { isInternalColumn, ROW } from '../../table/rejects';
import { ident } from '../../sql';

export interface DuplicateGroupsOptions {
  /** Key columns; default: every data column (whole rows). */
  columns?: string[];
  /** How many groups to list. Default 20. */
  limit?: number;
  /** How many row numbers to list per group. Default 20. */
  rowsPerGroup?: number;
}

export interface DuplicateGroup {
  /** The shared values of the compared columns. */
  values: Record<string, Value>;
  /** Rows in the group (at least two). */
  count: number;
  /** Their row numbers (Winnow's, 1-based, in input order), the first `rowsPerGroup`. */
  rows: number[];
}

export interface DuplicateGroups {
  /** The compared columns. */
  columns: string[];
  /** Rows compared (for keys: rows whose key is not all NULL). */
  rows: number;
  /** Groups of two or more identical rows. */
  groups: number;
  /** Rows in those groups. */
  rowsInGroups: number;
  /** Copies beyond the first of each group: rowsInGroups − groups. */
  duplicateRows: number;
  /** Groups in order of their first row. */
  examples: DuplicateGroup[];
}

/** The data columns of a table (Winnow's own __winnow_* columns left out), in table order. */
export async function dataColumns(engine: Engine, table: string): Promise<string[]> {
  const described = await engine.query(`DESCRIBE ${table}`);
  return described.map((row) => String(row.column_name)).filter((name) => !isInternalColumn(name));
}

export async function duplicateGroups(
  engine: Engine,
  table: string,
  { columns, limit = 20, rowsPerGroup = 20 }: DuplicateGroupsOptions = {},
): Promise<DuplicateGroups> {
  const compared = columns ?? (await dataColumns(engine, table));
  const keys = compared.map((column, index) => `${ident(column)} AS k${index}`).join(', ');
  const keyNames = compared.map((_column, index) => `k${index}`).join(', ');
  const where = columns ? `WHERE NOT (${compared.map((column) => `${ident(column)} IS NULL`).join(' AND ')})` : '';
  const grouped = compared.length
    ? `SELECT ${keyNames}, count(*) AS n, min(row_number) AS first_row, list(row_number ORDER BY row_number) AS row_numbers
       FROM (SELECT ${keys}, ${ident(ROW)} AS row_number FROM ${table} ${where}) GROUP BY ALL`
    : `SELECT count(*) AS n, min(${ident(ROW)}) AS first_row, list(${ident(ROW)} ORDER BY ${ident(ROW)}) AS row_numbers FROM ${table} HAVING count(*) > 0`;
  const [totals] = await engine.query(
    `SELECT coalesce(sum(n), 0) AS rows, count(*) FILTER (WHERE n > 1) AS groups, coalesce(sum(n) FILTER (WHERE n > 1), 0) AS rows_in_groups FROM (${grouped})`,
  );
  // Only when there is something to list: duckdb-wasm 1.32 fails to read an empty result with a
  // LIST column (pipelines/engine/arrow-rows.ts).
  const examples =
    limit > 0 && Number(totals?.groups ?? 0) > 0
      ? await engine.query(
          `SELECT * EXCLUDE (row_numbers), row_numbers[1 : ${Math.floor(rowsPerGroup)}] AS row_numbers
           FROM (${grouped}) WHERE n > 1 ORDER BY first_row LIMIT ${Math.floor(limit)}`,
        )
      : [];
  const groups = Number(totals?.groups ?? 0);
  const rowsInGroups = Number(totals?.rows_in_groups ?? 0);
  return {
    columns: compared,
    rows: Number(totals?.rows ?? 0),
    groups,
    rowsInGroups,
    duplicateRows: rowsInGroups - groups,
    examples: examples.map((row) => ({
      values: Object.fromEntries(compared.map((column, index) => [column, row[`k${index}`] ?? null])),
      count: Number(row.n),
      // BIGINT list items arrive as JSON strings (they may exceed 2^53); row numbers never do.
      rows: (JSON.parse(String(row.row_numbers)) as (string | number)[]).map(Number),
    })),
  };
}
