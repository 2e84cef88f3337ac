/**
 * Numeric histograms: equal-width bins chosen by numpy's 'auto' rule, so a histogram here is the
 * one `numpy.histogram(values, bins='auto')` draws (the reference tests compare against it):
 *
 *   Sturges width          (max - min) / (log2(n) + 1)
 *   Freedman-Diaconis width  2 * IQR * n^(-1/3)
 *   width = the smaller of the two, or Sturges when the IQR is 0;
 *   bins  = ceil((max - min) / width), at most `maxBins`.
 *
 * A constant column gets one bin [v - 0.5, v + 0.5], as numpy does. Bins are closed on the left
 * and open on the right, except the last, which also holds the maximum. The bin counts
 * themselves are a GROUP BY in SQL (binIndexSql), never a loop over rows in JavaScript.
 */
import { doubleSql } from './double';

/** How the number of bins was chosen. */
export type BinRule = 'freedman-diaconis' | 'sturges' | 'constant';

export interface BinPlan {
  rule: BinRule;
  /** True when the rule asked for more than `maxBins` bins and got `maxBins`. */
  capped: boolean;
  bins: number;
  /** The first and last edge. */
  low: number;
  high: number;
}

export interface Histogram extends BinPlan {
  /** bins + 1 edges: bin i holds low <= x < edges[i + 1] (the last bin also holds x = high). */
  edges: number[];
  counts: number[];
}

/** What the rule needs to know about the finite values of a column. */
export interface BinInput {
  count: number;
  min: number;
  max: number;
  /** The quartiles (from the profile: exact or approximate, as the profile says). */
  q25: number;
  q75: number;
}

/** The bins for a column, or null when it has no finite values. */
export function planBins({ count, min, max, q25, q75 }: BinInput, maxBins: number): BinPlan | null {
  if (count === 0) return null;
  if (min === max) return { rule: 'constant', capped: false, bins: 1, low: min - 0.5, high: max + 0.5 };
  const range = max - min;
  const sturges = range / (Math.log2(count) + 1);
  const freedmanDiaconis = 2 * (q75 - q25) * count ** (-1 / 3);
  const useFreedmanDiaconis = freedmanDiaconis > 0 && freedmanDiaconis < sturges;
  const wanted = Math.ceil(range / (useFreedmanDiaconis ? freedmanDiaconis : sturges));
  return {
    rule: useFreedmanDiaconis ? 'freedman-diaconis' : 'sturges',
    capped: wanted > maxBins,
    bins: Math.min(wanted, maxBins),
    low: min,
    high: max,
  };
}

/** The edges, computed as numpy.linspace does: i * step + low, and exactly `high` at the end. */
export function binEdges({ bins, low, high }: BinPlan): number[] {
  const step = (high - low) / bins;
  return Array.from({ length: bins + 1 }, (_, index) => (index === bins ? high : index * step + low));
}

/** A bin plan's numbers as SQL: literals (binParametersSql), or the fields of a row that carries them. */
export interface BinParameters {
  bins: string;
  low: string;
  high: string;
  /** high - low, as computed in JavaScript. */
  width: string;
  /** (high - low) / bins, as computed in JavaScript. */
  step: string;
}

/** A plan's numbers as exact SQL literals. */
export function binParametersSql({ bins, low, high }: BinPlan): BinParameters {
  return { bins: String(bins), low: doubleSql(low), high: doubleSql(high), width: doubleSql(high - low), step: doubleSql((high - low) / bins) };
}

/**
 * The bin (0 .. bins - 1) of a DOUBLE in [low, high], in three steps that each name the one
 * before, so a query can compute each once (in nested SELECTs): DuckDB took about 10 ms to plan
 * the single expression, whose first step it repeats six times. It follows numpy's own
 * computation (scale, truncate, then move by one where the scaled index disagrees with the
 * edges), so values on an edge land where numpy puts them.
 */
export const binIndexSteps = {
  /**
   * The scaled, truncated index of `value`. One bin holds every value: a constant column's bin
   * [v - 0.5, v + 0.5] has width 0 when v is too large to move by 0.5 (2^53 and up), and 0 / 0 is NaN.
   */
  scaled(value: string, { bins, low, width }: BinParameters): string {
    return `CASE WHEN ${bins} = 1 THEN 0 ELSE least(CAST(trunc(((${value}) - ${low}) / ${width} * ${bins}) AS BIGINT), ${bins} - 1) END`;
  },
  /** One lower where `value` lies below the edge `scaled` starts at. */
  lowered(value: string, scaled: string, parameters: BinParameters): string {
    return `(${scaled} - CASE WHEN (${value}) < ${edgeSql(scaled, parameters)} THEN 1 ELSE 0 END)`;
  },
  /** One higher where `value` reaches the next edge: the bin. */
  bin(value: string, lowered: string, parameters: BinParameters): string {
    return `(${lowered} + CASE WHEN ${lowered} <> ${parameters.bins} - 1 AND (${value}) >= ${edgeSql(`${lowered} + 1`, parameters)} THEN 1 ELSE 0 END)`;
  },
};

/** The lower edge of bin `index` as binEdges() computes it. */
function edgeSql(index: string, { bins, low, high, step }: BinParameters): string {
  return `(CASE WHEN ${index} = ${bins} THEN ${high} ELSE CAST(${index} AS DOUBLE) * ${step} + ${low} END)`;
}

/**
 * A SQL expression giving the bin (0 .. bins - 1) of the DOUBLE expression `value`, which must lie
 * in [low, high]: binIndexSteps in one expression.
 */
export function binIndexSql(value: string, plan: BinPlan): string {
  const parameters = binParametersSql(plan);
  return binIndexSteps.bin(value, binIndexSteps.lowered(value, binIndexSteps.scaled(value, parameters), parameters), parameters);
}
