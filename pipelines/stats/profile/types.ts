/**
 * A profile as data: what `profileTable` returns, what `winnow profile --json` prints and what
 * the app draws. Plain JSON: numbers, strings, booleans, null, arrays and objects (integers beyond
 * 2^53 are written as decimal strings). Every field is defined in docs/statistics.md#column-profiles.
 */
import type { Histogram } from './histogram';
import type { PatternName } from './patterns';

/** How a column is profiled, from its DuckDB type. */
export type ColumnKind = 'numeric' | 'string' | 'boolean' | 'temporal' | 'other';

/** A minimum or maximum: a number (numeric), text (string, temporal) or a big integer as text. */
export type Extreme = number | string;

export interface QuantileValue {
  /** The probability, e.g. 0.25. */
  probability: number;
  value: number;
}

export interface NumericProfile {
  /** Arithmetic mean of the finite values. Null without finite values. */
  mean: number | null;
  /** Sample standard deviation (n - 1 in the denominator, as pandas). Null with fewer than 2 finite values. */
  std: number | null;
  /** Linear interpolation between order statistics (pandas' default); empty without finite values. */
  quantiles: QuantileValue[];
  /** quantile_cont (exact) or approx_quantile (T-Digest). */
  quantilesExact: boolean;
  /** Finite values equal to 0, and below 0. */
  zeros: number;
  negatives: number;
  /** zeros / count and negatives / count (0 when count is 0). */
  zerosFraction: number;
  negativesFraction: number;
  /** NaN, Infinity and -Infinity: counted in `count`, left out of every statistic above. */
  nonFinite: number;
  /** Null without finite values. */
  histogram: Histogram | null;
}

/** DATE and TIMESTAMP columns (any precision, with or without time zone); not times of day. */
export interface TemporalProfile {
  /**
   * Bins over the finite values as seconds since 1970-01-01 00:00 (a TIMESTAMP's wall-clock time
   * read as UTC; a TIMESTAMP WITH TIME ZONE's instant), by the same rule as a numeric histogram.
   * Null without finite values.
   */
  histogram: Histogram | null;
}

export interface LengthProfile {
  /** In characters (Unicode code points), like Python's len(). */
  min: number;
  max: number;
  mean: number;
}

export interface TopValue {
  value: string | boolean;
  count: number;
}

export interface TopValues {
  /** The most frequent values, most frequent first; ties in ascending value order. */
  values: TopValue[];
  /** Non-null values not listed. */
  other: number;
}

export interface PatternProfile {
  /** Non-null values of the sample the patterns were matched on. */
  sampled: number;
  /** Matches per pattern among the sampled values (a value can match more than one). */
  matches: Record<PatternName, number>;
  /** The pattern with the largest share of the sampled values when that share is at least 0.5. */
  dominant: PatternName | null;
  /**
   * Sampled values holding each PII pattern (email, phone, ip, credit_card) as the whole value or
   * inside free text, or, in a wide integer column, as an 11-12 digit phone number: the rule of
   * the `pii` check (patterns.ts, columnHoldsPattern).
   */
  holding: Partial<Record<PatternName, number>>;
  /** PII patterns held by more than the PII threshold of the sampled values (see holding). */
  pii: PatternName[];
  possiblePii: boolean;
}

export interface ColumnProfile {
  name: string;
  /** The DuckDB type, e.g. 'BIGINT', 'VARCHAR', 'DECIMAL(10,2)'. */
  type: string;
  kind: ColumnKind;
  /** Non-null values. */
  count: number;
  nulls: number;
  /** nulls / rows (0 for an empty table). */
  nullFraction: number;
  /** Distinct non-null values. */
  distinct: number;
  /** count(DISTINCT) when true; HyperLogLog (approx_count_distinct) when false. */
  distinctExact: boolean;
  /** Smallest and largest value: finite numbers, text in byte order, dates as text. Null when none. */
  min: Extreme | null;
  max: Extreme | null;
  numeric?: NumericProfile;
  /** Dates and timestamps only. */
  temporal?: TemporalProfile;
  /** Strings only. */
  lengths?: LengthProfile | null;
  /** Strings and booleans. */
  top?: TopValues;
  /** Columns that can hold personal data: strings and wide integers (patterns.ts, mayHoldPii). */
  patterns?: PatternProfile;
}

export interface DatasetProfile {
  rows: number;
  /** Columns profiled (Winnow's own __winnow_* columns are never profiled). */
  columns: number;
  /** Whether distinct counts and quantiles are exact (below the exact row limit, or asked for). */
  exact: boolean;
  /** The exact row limit in force (rows above it get approximate distinct counts and quantiles). */
  exactRowLimit: number;
  /** Rows the pattern detection looked at (all of them up to the sample limit). */
  patternSampleRows: number;
  /** Columns whose values look like personal data. */
  possiblePii: string[];
}

export interface Profile {
  dataset: DatasetProfile;
  columns: ColumnProfile[];
}
