/**
 * How a column divides rows into slices. A numeric column with more distinct finite values than
 * `bins` is cut into quantile bins, as pandas.qcut(x, bins, duplicates='drop') cuts it: edges at
 * the quantiles k / bins (k = 0 … bins, linear interpolation between order statistics, DuckDB's
 * `quantile_cont`), repeated edges merged, each bin (lower, upper] and the first one [lower, upper].
 * Every other column (text, boolean, dates, a numeric column with few values) slices by value.
 * NULL and NaN form a slice of their own; −∞ joins the first bin and +∞ the last.
 */
import type { Engine, Value } from '../../engine/engine';
import { ident } from '../../sql';
import { doubleSql } from '../profile/double';
import { isNumericType } from '../outliers/outliers';

/** Quantile bins for numeric columns by default (quintiles). */
export const DEFAULT_SLICE_BINS = 5;

/** A column slices are made of, and how. */
export type SliceColumn =
  | { column: string; type: string; kind: 'values' }
  /** `edges` ascending and distinct, one more than the bins. */
  | { column: string; type: string; kind: 'bins'; edges: number[] };

/** One column's part of a slice's identity. */
export interface SliceKey {
  column: string;
  /** The value, or for a bin its interval as text, e.g. "(39.2, 44.5]"; null for missing values. */
  value: string | number | boolean | null;
  /** For a quantile bin: its index (0 = lowest) and its edges. */
  bin?: { index: number; lower: number; upper: number };
}

/** The edges of a numeric column's quantile bins, or null when it should slice by value. */
async function quantileEdges(engine: Engine, table: string, column: string, bins: number): Promise<number[] | null> {
  const value = `CAST(${ident(column)} AS DOUBLE)`;
  // numpy.linspace's fractions, k · (1 / bins), so the edges are those pandas.qcut interpolates.
  const fractions = Array.from({ length: bins + 1 }, (_, index) => doubleSql(index === bins ? 1 : index * (1 / bins))).join(', ');
  const rows = await engine.query(
    `SELECT distinct_values, position, edges[position] AS edge
     FROM (SELECT count(DISTINCT v) AS distinct_values, quantile_cont(v, [${fractions}]) AS edges FROM (SELECT ${value} AS v FROM ${table} WHERE isfinite(${value}))),
          range(1, ${bins + 2}) AS positions(position)
     ORDER BY position`,
  );
  if (Number(rows[0]?.distinct_values ?? 0) <= bins) return null;
  return [...new Set(rows.map((row) => Number(row.edge)))];
}

/** Decides, for each `by` column, whether it slices by quantile bins or by value. */
export async function planSliceColumns(engine: Engine, table: string, by: readonly { name: string; type: string }[], bins: number): Promise<SliceColumn[]> {
  const planned: SliceColumn[] = [];
  for (const { name, type } of by) {
    const edges = isNumericType(type) ? await quantileEdges(engine, table, name, bins) : null;
    planned.push(edges ? { column: name, type, kind: 'bins', edges } : { column: name, type, kind: 'values' });
  }
  return planned;
}

/** The SQL of a row's key on this column: the bin index (INTEGER), or the value itself. */
export function sliceKeySql(slice: SliceColumn): string {
  if (slice.kind === 'values') return ident(slice.column);
  const value = `CAST(${ident(slice.column)} AS DOUBLE)`;
  const inner = slice.edges.slice(1, -1).map((edge, index) => `WHEN ${value} <= ${doubleSql(edge)} THEN ${index}`);
  return `CASE WHEN ${value} IS NULL OR isnan(${value}) THEN NULL ${inner.join(' ')} ELSE ${Math.max(slice.edges.length - 2, 0)} END`;
}

/** An edge for people: six significant digits. */
function formatEdge(edge: number): string {
  return String(Number(edge.toPrecision(6)));
}

/** The key of a slice on this column, from the value sliceKeySql gave. */
export function describeKey(slice: SliceColumn, value: Value): SliceKey {
  if (value === null) return { column: slice.column, value: null };
  if (slice.kind === 'values') return { column: slice.column, value: typeof value === 'bigint' ? value.toString() : value };
  const index = Number(value);
  const lower = slice.edges[index]!;
  const upper = slice.edges[Math.min(index + 1, slice.edges.length - 1)]!;
  const text = `${index === 0 ? '[' : '('}${formatEdge(lower)}, ${formatEdge(upper)}]`;
  return { column: slice.column, value: text, bin: { index, lower, upper } };
}

/** How a slice reads: `island=Biscoe, flipper_length_mm=(190, 197]`. */
export function sliceName(keys: readonly SliceKey[]): string {
  return keys.map((key) => `${key.column}=${key.value === null ? 'null' : String(key.value)}`).join(', ');
}
