/**
 * Bins for comparing numeric columns by PSI and Jensen–Shannon distance: edges at the baseline's
 * quantiles k / bins (k = 1 … bins − 1, linear interpolation between order statistics: DuckDB's
 * `quantile_cont`, NumPy's default `np.quantile`), repeated edges merged. Bin i holds the values
 * in (edge_{i−1}, edge_i], the first and last bins are open to −∞ and +∞, so every current value
 * falls in a bin. Only the counts per bin leave SQL.
 */
import type { Engine } from '../../engine/engine';
import { mergedCountsSql, type Samples } from './samples';

/** PSI's customary ten bins (deciles of the baseline). */
export const DEFAULT_BINS = 10;

export interface Bins {
  /** The distinct inner edges, ascending; there is one bin more than edges. */
  edges: number[];
  baseline: number[];
  current: number[];
}

/** The SQL of the distinct edges (column `edge`, ascending) for a non-empty baseline. */
export function quantileEdgesSql(samples: Samples, bins = DEFAULT_BINS): string {
  const fractions = Array.from({ length: bins - 1 }, (_, index) => `${index + 1} / ${bins}`).join(', ');
  return `SELECT DISTINCT unnest(edges) AS edge FROM (SELECT quantile_cont(value, [${fractions}]) AS edges FROM (${samples.baseline})) ORDER BY edge`;
}

/** The SQL of the counts per bin: `bin` (0-based), `baseline_count`, `current_count`; empty bins absent. */
export function binCountsSql(samples: Samples, bins = DEFAULT_BINS): string {
  return `WITH counts AS (${mergedCountsSql(samples)}), edges AS (${quantileEdgesSql(samples, bins)}),
    binned AS (SELECT counts.value, any_value(baseline_count) AS baseline_count, any_value(current_count) AS current_count, count(edge) AS bin
               FROM counts LEFT JOIN edges ON edge < counts.value GROUP BY counts.value)
    SELECT bin, sum(baseline_count) AS baseline_count, sum(current_count) AS current_count FROM binned GROUP BY bin ORDER BY bin`;
}

/** The edges and both sides' counts per bin, for non-empty samples. */
export async function quantileBins(engine: Engine, samples: Samples, bins = DEFAULT_BINS): Promise<Bins> {
  if (!Number.isInteger(bins) || bins < 2) throw new Error(`bins must be an integer of at least 2, not ${bins}`);
  const edges = (await engine.query(quantileEdgesSql(samples, bins))).map((row) => Number(row.edge));
  const baseline = new Array<number>(edges.length + 1).fill(0);
  const current = new Array<number>(edges.length + 1).fill(0);
  for (const row of await engine.query(binCountsSql(samples, bins))) {
    baseline[Number(row.bin)] = Number(row.baseline_count);
    current[Number(row.bin)] = Number(row.current_count);
  }
  return { edges, baseline, current };
}
