/**
 * Near-duplicate texts and their clusters. MinHash and LSH propose pairs, the exact Jaccard
 * similarity of the shingle sets verifies them (minhash.ts), and clusters are the connected
 * components of the verified pairs (clusters.ts), named by their smallest row number. All of it
 * runs in SQL; JavaScript receives counts and the first clusters and pairs.
 *
 * @example
 * const found = await nearDuplicates(engine, table, { column: 'review', threshold: 0.8 });
 * found.clusters;       // groups of two or more rows whose texts are near-duplicates
 * found.laterDuplicates; // rows with an earlier near-duplicate (what `near_duplicates` flags)
 */
import type { Engine } from '../../engine/engine';
import { WinnowError } from '../../errors';
import { ROW } from '../../table/rejects';
import { ident } from '../../sql';
import { connectedComponents, scratchTable } from './clusters';
import { minHashCtes, minHashSettings, thresholdSql, TOO_MANY_CANDIDATES, type MinHashOptions, type MinHashSettings } from './minhash';

export interface NearDuplicatesOptions extends MinHashOptions {
  /** The text column. */
  column: string;
  /** How many clusters and pairs to list (Infinity: all). Default 20. */
  limit?: number;
  /** How many row numbers to list per cluster. Default 20. */
  rowsPerCluster?: number;
}

export interface NearDuplicateCluster {
  /** The cluster's id: its smallest row number. */
  cluster: number;
  /** Rows in the cluster (at least two). */
  size: number;
  /** Distinct normalised texts among them. */
  texts: number;
  /** Row numbers, ascending, the first `rowsPerCluster`. */
  rows: number[];
  /** The first row's text, as written. */
  text: string;
}

/** Two distinct texts, each named by its first row, with Jaccard similarity >= threshold. */
export interface NearDuplicatePair {
  row: number;
  otherRow: number;
  jaccard: number;
}

export interface NearDuplicates {
  column: string;
  settings: MinHashSettings;
  /** Rows with a non-empty text. */
  documents: number;
  /** Distinct texts after normalisation. */
  distinctTexts: number;
  /** Pairs of distinct texts LSH proposed. */
  candidatePairs: number;
  /** Of those, pairs with Jaccard >= threshold. */
  similarPairs: number;
  /** Rows with an earlier near-duplicate (exact copies included): what `near_duplicates` flags. */
  laterDuplicates: number;
  /** Clusters of two or more rows. */
  clusters: number;
  rowsInClusters: number;
  /** Largest clusters first (ties: by cluster id). */
  clusterList: NearDuplicateCluster[];
  /** Similar pairs by row, then other row. */
  pairs: NearDuplicatePair[];
}

function limitClause(limit: number): string {
  return Number.isFinite(limit) ? ` LIMIT ${Math.max(0, Math.floor(limit))}` : '';
}

function rowNumbers(value: unknown): number[] {
  return (JSON.parse(String(value)) as (string | number)[]).map(Number);
}

export async function nearDuplicates(engine: Engine, table: string, options: NearDuplicatesOptions): Promise<NearDuplicates> {
  const { column, limit = 20, rowsPerCluster = 20 } = options;
  const settings = minHashSettings(options);
  const ctes = minHashCtes(table, column, settings);
  const texts = scratchTable('texts');
  const scored = scratchTable('scored');
  const edges = scratchTable('edges');
  const components = scratchTable('components');
  const scratch = scratchTable('scratch');
  try {
    await engine.run(`CREATE TEMP TABLE ${texts} AS WITH ${ctes} SELECT row_number, doc FROM texts`);
    await engine.run(`CREATE TEMP TABLE ${scored} AS WITH ${ctes} SELECT doc_a, doc_b, jaccard FROM scored`).catch((error: unknown) => {
      const message = (error as Error).message ?? '';
      const at = message.indexOf(TOO_MANY_CANDIDATES);
      if (at >= 0) throw new WinnowError(message.slice(at), { field: column }, 'input');
      throw error;
    });
    await engine.run(
      `CREATE TEMP TABLE ${edges} AS SELECT doc_a AS node_a, doc_b AS node_b, jaccard FROM ${scored} WHERE jaccard >= ${thresholdSql(settings)}`,
    );
    await connectedComponents(engine, edges, components, scratch);
    const clustered = `
      SELECT cluster, count(*) AS size, count(DISTINCT doc) AS texts, list(row_number ORDER BY row_number) AS row_numbers
      FROM (SELECT t.row_number, t.doc, coalesce(c.component, t.doc) AS cluster FROM ${texts} t LEFT JOIN ${components} c ON c.node = t.doc)
      GROUP BY cluster HAVING count(*) > 1`;
    const [totals] = await engine.query(
      `SELECT
         (SELECT count(*) FROM ${texts}) AS documents,
         (SELECT count(DISTINCT doc) FROM ${texts}) AS distinct_texts,
         (SELECT count(*) FROM ${scored}) AS candidate_pairs,
         (SELECT count(*) FROM ${edges}) AS similar_pairs,
         (SELECT count(*) FROM ${texts} WHERE row_number > doc) + (SELECT count(DISTINCT node_b) FROM ${edges}) AS later_duplicates,
         (SELECT count(*) FROM (${clustered})) AS clusters,
         (SELECT coalesce(sum(size), 0) FROM (${clustered})) AS rows_in_clusters`,
    );
    // Only when there is something to list: duckdb-wasm 1.32 fails to read an empty result with a
    // LIST column (pipelines/engine/arrow-rows.ts).
    const clusterRows =
      Number(totals?.clusters ?? 0) === 0
        ? []
        : await engine.query(
            `SELECT k.cluster, k.size, k.texts, k.row_numbers[1 : ${Math.floor(rowsPerCluster)}] AS row_numbers, CAST(d.${ident(column)} AS VARCHAR) AS text
       FROM (${clustered}) k JOIN ${table} d ON d.${ident(ROW)} = k.cluster
       ORDER BY k.size DESC, k.cluster${limitClause(limit)}`,
          );
    const pairRows = await engine.query(`SELECT node_a, node_b, jaccard FROM ${edges} ORDER BY node_a, node_b${limitClause(limit)}`);
    return {
      column,
      settings,
      documents: Number(totals?.documents ?? 0),
      distinctTexts: Number(totals?.distinct_texts ?? 0),
      candidatePairs: Number(totals?.candidate_pairs ?? 0),
      similarPairs: Number(totals?.similar_pairs ?? 0),
      laterDuplicates: Number(totals?.later_duplicates ?? 0),
      clusters: Number(totals?.clusters ?? 0),
      rowsInClusters: Number(totals?.rows_in_clusters ?? 0),
      clusterList: clusterRows.map((row) => ({
        cluster: Number(row.cluster),
        size: Number(row.size),
        texts: Number(row.texts),
        rows: rowNumbers(row.row_numbers),
        text: String(row.text),
      })),
      pairs: pairRows.map((row) => ({ row: Number(row.node_a), otherRow: Number(row.node_b), jaccard: Number(row.jaccard) })),
    };
  } finally {
    await engine.run([texts, scored, edges, components, scratch].map((name) => `DROP TABLE IF EXISTS ${name};`).join(' '));
  }
}
