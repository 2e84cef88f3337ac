/**
 * What the drift charts draw, computed in DuckDB from a column's two samples (the SELECTs of
 * pipelines/stats/drift/samples.ts, so the values are exactly those the statistics compare):
 * histogram counts on shared bins, category shares, and ECDF points with the place where the two
 * ECDFs are furthest apart. Only bins, shares and a few hundred points leave SQL.
 *
 * The one place drift distributions are computed: the app's Drift tab (on duckdb-wasm in a
 * worker) and report.html (on the engine of the run, native or wasm) both call
 * `columnDistributions`, so one column's drift has the same bins and shares in both.
 */
import type { Engine } from '../engine/engine';
import { literal } from '../sql';
import { mergedCountsSql, type Samples } from '../stats/drift/samples';
import { queryOne } from '../table/column';

/** One bin of a histogram, with the share of the side's values in it. */
export interface BinShare {
  x1: number;
  x2: number;
  count: number;
  share: number;
  /** The first bin holds every value below x2 (the lower tail is folded in). */
  openLow?: boolean;
  /** The last bin holds every value from x1 up (the upper tail is folded in). */
  openHigh?: boolean;
}

export interface CategoryShare {
  category: string;
  count: number;
  share: number;
}

/** A point of an ECDF: the share `p` of a side's values at or below `x`. */
export interface EcdfPoint {
  x: number;
  p: number;
}

/** Where the two ECDFs are furthest apart: the KS statistic D = |baseline − current| at x. */
export interface KsMark {
  x: number;
  baseline: number;
  current: number;
  distance: number;
}

/** The defaults both the app and the report draw with: 30 shared bins, 0.5% tails, 12 categories. */
export const DRIFT_DISTRIBUTION_DEFAULTS = { bins: 30, tail: 0.005, categories: 12, ecdfPoints: 400 } as const;

export interface Histograms {
  baseline: BinShare[];
  current: BinShare[];
}

/** What the shared bins are planned from: the merged sample's range, tails and kind of values. */
export interface ValueSummary {
  count: number;
  min: number;
  max: number;
  /** Quantiles `tail` and 1 − `tail` of both samples together. */
  lowQuantile: number;
  highQuantile: number;
  /** Every value is a whole number (counts, years, epoch seconds of dates). */
  integral: boolean;
}

/** Equal-width bins: bin k is [start + k·width, start + (k + 1)·width), the outer ones maybe open. */
export interface BinPlan {
  start: number;
  width: number;
  count: number;
  openLow: boolean;
  openHigh: boolean;
}

/** A tail longer than this share of the central range is folded into the outer bin. */
const LONG_TAIL = 0.05;

/**
 * The shared bins for a summary. Whole numbers spanning fewer values than `bins` get one bin per
 * value; otherwise `bins` equal widths (whole for whole numbers) over the range, where a long tail
 * (beyond the `tail` quantile, further out than 5% of the central range) is folded into the outer
 * bin rather than squeezing every other bin into a sliver.
 */
export function planBins(summary: ValueSummary, bins: number): BinPlan {
  const { min, max, lowQuantile, highQuantile, integral } = summary;
  if (integral && max - min + 1 <= bins) return { start: min - 0.5, width: 1, count: max - min + 1, openLow: false, openHigh: false };
  const central = highQuantile - lowQuantile;
  const openLow = lowQuantile - min > LONG_TAIL * central;
  const openHigh = max - highQuantile > LONG_TAIL * central;
  const low = openLow ? lowQuantile : min;
  const high = openHigh ? highQuantile : max;
  if (high <= low) return { start: low - 0.5, width: 1, count: 1, openLow: false, openHigh: false };
  if (integral) {
    const width = Math.max(1, Math.ceil((high - low) / bins));
    const start = Math.floor(low);
    return { start, width, count: Math.max(1, Math.ceil((high - start + 1) / width)), openLow, openHigh };
  }
  return { start: low, width: (high - low) / bins, count: bins, openLow, openHigh };
}

function bothSides(samples: Samples): string {
  return `SELECT value, 0 AS side FROM (${samples.baseline}) UNION ALL SELECT value, 1 AS side FROM (${samples.current})`;
}

/** The SQL of the merged sample's summary (numeric samples). */
export function valueSummarySql(samples: Samples, tail: number): string {
  return `SELECT count(*) AS n, min(value) AS lo, max(value) AS hi,
      quantile_cont(value, ${literal(tail)}) AS q_low, quantile_cont(value, ${literal(1 - tail)}) AS q_high,
      coalesce(bool_and(value = round(value)), true) AS integral
    FROM (${bothSides(samples)})`;
}

/** The SQL of the counts per side and bin: `side` (0 baseline, 1 current), `bin`, `n`. */
export function binCountsSql(samples: Samples, plan: BinPlan): string {
  const bin = `CAST(least(${plan.count - 1}, greatest(0, floor((value - ${literal(plan.start)}) / ${literal(plan.width)}))) AS INTEGER)`;
  return `SELECT side, ${bin} AS bin, count(*) AS n FROM (${bothSides(samples)}) GROUP BY ALL ORDER BY side, bin`;
}

/** Histograms of a numeric column's two samples on shared bins (empty when both are empty). */
export async function numericHistograms(
  engine: Engine,
  samples: Samples,
  { bins = DRIFT_DISTRIBUTION_DEFAULTS.bins, tail = DRIFT_DISTRIBUTION_DEFAULTS.tail }: { bins?: number; tail?: number } = {},
): Promise<Histograms> {
  const row = await queryOne(engine, valueSummarySql(samples, tail));
  const summary: ValueSummary = {
    count: Number(row.n),
    min: Number(row.lo),
    max: Number(row.hi),
    lowQuantile: Number(row.q_low),
    highQuantile: Number(row.q_high),
    integral: row.integral === true,
  };
  if (summary.count === 0) return { baseline: [], current: [] };
  const plan = planBins(summary, bins);
  const counts = [new Array<number>(plan.count).fill(0), new Array<number>(plan.count).fill(0)] as const;
  for (const entry of await engine.query(binCountsSql(samples, plan))) counts[Number(entry.side) as 0 | 1][Number(entry.bin)] = Number(entry.n);
  const side = (values: number[]): BinShare[] => {
    const total = values.reduce((sum, value) => sum + value, 0);
    return values.map((count, index) => ({
      x1: plan.start + index * plan.width,
      x2: plan.start + (index + 1) * plan.width,
      count,
      share: total === 0 ? 0 : count / total,
      ...(index === 0 && plan.openLow ? { openLow: true } : {}),
      ...(index === plan.count - 1 && plan.openHigh ? { openHigh: true } : {}),
    }));
  };
  return { baseline: side(counts[0]), current: side(counts[1]) };
}

export interface CategoryShares {
  baseline: CategoryShare[];
  current: CategoryShare[];
  /** Categories on either side in all. */
  categories: number;
  /** Each side's values in all, listed or not (the denominators of the shares). */
  totals: { baseline: number; current: number };
}

/**
 * The `limit` categories with the largest share on either side (ties: text order), and, when
 * there are more, the rest together as "(other N)".
 */
export async function categoryShares(
  engine: Engine,
  samples: Samples,
  { limit = DRIFT_DISTRIBUTION_DEFAULTS.categories, other = true }: { limit?: number; other?: boolean } = {},
): Promise<CategoryShares> {
  const rows = await engine.query(
    `WITH counts AS (${mergedCountsSql(samples)}),
      totals AS (SELECT sum(baseline_count) AS n1, sum(current_count) AS n2, count(*) AS categories FROM counts)
    SELECT value, baseline_count, current_count, n1, n2, categories
    FROM counts, totals
    ORDER BY greatest(baseline_count / nullif(n1, 0), current_count / nullif(n2, 0)) DESC NULLS LAST, value
    LIMIT ${Math.floor(limit)}`,
  );
  const first = rows[0];
  if (!first) return { baseline: [], current: [], categories: 0, totals: { baseline: 0, current: 0 } };
  const totals = [Number(first.n1), Number(first.n2)] as const;
  const categories = Number(first.categories);
  const side = (key: 'baseline_count' | 'current_count', total: number): CategoryShare[] => {
    const shown = rows.map((row) => ({ category: String(row.value), count: Number(row[key]), share: total === 0 ? 0 : Number(row[key]) / total }));
    const rest = total - shown.reduce((sum, entry) => sum + entry.count, 0);
    if (!other || categories <= rows.length) return shown;
    return [...shown, { category: `(other ${(categories - rows.length).toLocaleString('en-US')})`, count: rest, share: total === 0 ? 0 : rest / total }];
  };
  return {
    baseline: side('baseline_count', totals[0]),
    current: side('current_count', totals[1]),
    categories,
    totals: { baseline: totals[0], current: totals[1] },
  };
}

export interface EcdfCurves {
  baseline: EcdfPoint[];
  current: EcdfPoint[];
  /** Where the ECDFs are furthest apart; null when a side is empty. */
  ks: KsMark | null;
}

/**
 * The SQL of both ECDFs at (about) `points` of the merged distinct values, always including the
 * first, the last, and the value where they are furthest apart (`widest`) and the one before it.
 * The ECDF values are computed as pipelines/stats/drift/ks.ts computes D (running counts in
 * doubles, divided by n), so the distance at `widest` is that D.
 */
export function ecdfPointsSql(samples: Samples, points: number): string {
  return `WITH counts AS (${mergedCountsSql(samples)}),
    totals AS (SELECT CAST(sum(baseline_count) AS DOUBLE) AS n1, CAST(sum(current_count) AS DOUBLE) AS n2, count(*) AS distinct_values FROM counts),
    ecdf AS (
      SELECT value, CAST(sum(baseline_count) OVER running AS DOUBLE) / n1 AS baseline_p, CAST(sum(current_count) OVER running AS DOUBLE) / n2 AS current_p,
             row_number() OVER running AS position, distinct_values
      FROM counts, totals WINDOW running AS (ORDER BY value ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
    widest AS (SELECT position FROM ecdf ORDER BY abs(baseline_p - current_p) DESC, value LIMIT 1)
    SELECT value, baseline_p, current_p, position = (SELECT position FROM widest) AS widest
    FROM ecdf
    WHERE position = 1 OR position = distinct_values OR position % greatest(1, CAST(ceil(distinct_values / ${Math.max(1, Math.floor(points))}) AS BIGINT)) = 0
       OR position BETWEEN (SELECT position FROM widest) - 1 AND (SELECT position FROM widest)
    ORDER BY value`;
}

/** Both ECDFs as points for step lines, and the KS mark. */
export async function ecdfCurves(
  engine: Engine,
  samples: Samples,
  { points = DRIFT_DISTRIBUTION_DEFAULTS.ecdfPoints }: { points?: number } = {},
): Promise<EcdfCurves> {
  const sizes = await queryOne(engine, `SELECT (SELECT count(*) FROM (${samples.baseline})) AS n1, (SELECT count(*) FROM (${samples.current})) AS n2`);
  if (Number(sizes.n1) === 0 || Number(sizes.n2) === 0) return { baseline: [], current: [], ks: null };
  const rows = await engine.query(ecdfPointsSql(samples, points));
  const widest = rows.find((row) => row.widest === true);
  return {
    baseline: rows.map((row) => ({ x: Number(row.value), p: Number(row.baseline_p) })),
    current: rows.map((row) => ({ x: Number(row.value), p: Number(row.current_p) })),
    ks: widest
      ? {
          x: Number(widest.value),
          baseline: Number(widest.baseline_p),
          current: Number(widest.current_p),
          distance: Math.abs(Number(widest.baseline_p) - Number(widest.current_p)),
        }
      : null,
  };
}

/** A table row's sparkline: shares per bin (numeric) or of the top categories, on both sides. */
export async function sparklineShares(engine: Engine, samples: Samples): Promise<{ baseline: number[]; current: number[] }> {
  if (samples.kind === 'numeric') {
    const histograms = await numericHistograms(engine, samples, { bins: 16 });
    return { baseline: histograms.baseline.map((bin) => bin.share), current: histograms.current.map((bin) => bin.share) };
  }
  const shares = await categoryShares(engine, samples, { limit: 8, other: false });
  return { baseline: shares.baseline.map((entry) => entry.share), current: shares.current.map((entry) => entry.share) };
}

/** What a drift chart of one column draws: histograms and ECDFs of a numeric one, shares of a categorical one. */
export type ColumnDistributions = { kind: 'numeric'; histograms: Histograms; ecdf: EcdfCurves | null } | { kind: 'categorical'; categories: CategoryShares };

/**
 * Both sides' distributions of one column, as the app's Drift tab and report.html draw them
 * (the defaults above; categories beyond the first 12 are left out of the bars, their share
 * told by `totals`). `ecdf: false` skips the ECDF query (the report draws no ECDF).
 */
export async function columnDistributions(engine: Engine, samples: Samples, { ecdf = true }: { ecdf?: boolean } = {}): Promise<ColumnDistributions> {
  if (samples.kind === 'numeric') {
    const histograms = await numericHistograms(engine, samples);
    return { kind: 'numeric', histograms, ecdf: ecdf ? await ecdfCurves(engine, samples) : null };
  }
  return { kind: 'categorical', categories: await categoryShares(engine, samples, { other: false }) };
}
