/**
 * Conflicting labels: rows whose feature columns are identical but whose labels differ. Features
 * compare as DuckDB groups values (NULL equals NULL); labels compare as text (CAST AS VARCHAR),
 * and rows without a label are left out. The spec check `label_conflicts` flags the same rows.
 *
 * @example
 * const found = await labelConflicts(engine, table, { features: ['text'], label: 'sentiment' });
 * found.conflictingRows; // rows in a group of identical inputs with more than one label
 */
import type { Engine, Value } from '../../engine/engine';
import { ROW } from '../../table/rejects';
import { ident } from '../../sql';

export interface LabelConflictsOptions {
  /** The input columns that must be identical. */
  features: string[];
  label: string;
  /** How many conflicting groups to list. Default 20. */
  limit?: number;
}

export interface ConflictGroup {
  /** The shared feature values. */
  features: Record<string, Value>;
  /** The labels given, most frequent first (ties: text order). */
  labels: { label: string; count: number }[];
  rows: number;
  /** The group's first row (Winnow's row number). */
  firstRow: number;
}

export interface LabelConflicts {
  /** Rows with a label. */
  labelledRows: number;
  /** Distinct combinations of feature values among them. */
  groups: number;
  /** Combinations that carry more than one label. */
  conflictingGroups: number;
  /** Rows in those combinations (the rows `label_conflicts` flags). */
  conflictingRows: number;
  /** Conflicting groups in order of their first row. */
  examples: ConflictGroup[];
}

/** SQL text of the label as the conflict checks compare it. */
export function labelText(label: string): string {
  return `CAST(${ident(label)} AS VARCHAR)`;
}

export async function labelConflicts(engine: Engine, table: string, { features, label, limit = 20 }: LabelConflictsOptions): Promise<LabelConflicts> {
  const keys = features.map((feature, index) => `${ident(feature)} AS f${index}`).join(', ');
  const keyNames = features.map((_feature, index) => `f${index}`).join(', ');
  const grouped = `
    WITH labelled AS (SELECT ${keys}, ${labelText(label)} AS label, ${ident(ROW)} AS row_number FROM ${table} WHERE ${ident(label)} IS NOT NULL),
    by_label AS (SELECT ${keyNames}, label, count(*) AS n, min(row_number) AS first_row FROM labelled GROUP BY ALL)
    SELECT ${keyNames}, count(*) AS label_count, sum(n) AS rows, min(first_row) AS first_row,
      list({'label': label, 'count': CAST(n AS INTEGER)} ORDER BY n DESC, label) AS labels
    FROM by_label GROUP BY ${keyNames}`;
  const [totals] = await engine.query(
    `SELECT coalesce(sum(rows), 0) AS labelled, count(*) AS groups, count(*) FILTER (WHERE label_count > 1) AS conflicting_groups,
       coalesce(sum(rows) FILTER (WHERE label_count > 1), 0) AS conflicting_rows FROM (${grouped})`,
  );
  // Only when there is something to list: duckdb-wasm 1.32 fails to read an empty result with a
  // LIST column (pipelines/engine/arrow-rows.ts).
  const examples =
    limit > 0 && Number(totals?.conflicting_groups ?? 0) > 0
      ? await engine.query(`SELECT * FROM (${grouped}) WHERE label_count > 1 ORDER BY first_row LIMIT ${Math.floor(limit)}`)
      : [];
  return {
    labelledRows: Number(totals?.labelled ?? 0),
    groups: Number(totals?.groups ?? 0),
    conflictingGroups: Number(totals?.conflicting_groups ?? 0),
    conflictingRows: Number(totals?.conflicting_rows ?? 0),
    examples: examples.map((row) => ({
      features: Object.fromEntries(features.map((feature, index) => [feature, row[`f${index}`] ?? null])),
      labels: JSON.parse(String(row.labels)) as { label: string; count: number }[],
      rows: Number(row.rows),
      firstRow: Number(row.first_row),
    })),
  };
}
