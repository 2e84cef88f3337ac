/**
 * Column profiles, computed in DuckDB: a handful of queries per table whatever its width.
 *
 *   1. count(*) and the largest magnitude of each numeric column (decides exact or approximate,
 *      and the scale of the exact sums)
 *   2. one aggregate over every column            (counts, distinct, min, max, sum, quantiles,
 *                                                  zeros, negatives, string lengths)
 *   3. one GROUP BY over the numeric, date and    (histogram bins; for numbers also the squared
 *      timestamp columns                           deviations from the mean: the standard deviation
 *                                                  in two passes, as pandas)
 *   4. one GROUP BY ... LIMIT k per categorical   (top values), as one UNION ALL query
 *   5. one aggregate over a sample of rows        (text patterns, possible PII)
 *
 * Sums are fixed-point (exact-sum.ts), so the same table gives the same profile on both engines
 * and on every run, however the native engine's threads split it. JavaScript sees only these
 * summaries. Every statistic is defined in docs/statistics.md#column-profiles.
 *
 * @example
 * const profile = await profileTable(engine, '"flights"');
 * profile.columns.find((column) => column.name === 'delay')?.numeric?.mean;
 */
import type { Engine, Row, Value } from '../../engine/engine';
import { isInternalColumn } from '../../rejects';
import { ident, literal } from '../../sql';
import { queryOne, type Column } from '../../steps/step';
import { doubleSql } from './double';
import { fixedPointScale, fixedPointSumSql, fixedPointValue, timesPowerOfTwo, timesPowerOfTwoSql } from './exact-sum';
import { binEdges, binIndexSql, planBins, type BinPlan } from './histogram';
import { matchesPattern, PATTERNS, type PatternName } from './patterns';
import type { ColumnKind, ColumnProfile, Extreme, NumericProfile, PatternProfile, Profile, TopValues } from './types';

export interface ProfileOptions {
  /** Exact distinct counts and quantiles whatever the table's size. Default false. */
  exact?: boolean;
  /**
   * Up to this many rows, distinct counts (count DISTINCT) and quantiles (quantile_cont) are
   * exact; above it they are approximate (HyperLogLog, T-Digest). Default 1,000,000.
   */
  exactRowLimit?: number;
  /** Quantile probabilities to report, each in [0, 1]. Default [0.05, 0.25, 0.5, 0.75, 0.95]. */
  quantiles?: number[];
  /** Most frequent values listed for strings and booleans, before "other". Default 10. */
  topK?: number;
  /** Most bins in a numeric histogram. Default 50. */
  maxBins?: number;
  /** Rows the pattern detection looks at; a larger table is sampled by row hash. Default 100,000. */
  patternSampleRows?: number;
  /** A PII pattern matched by more than this share of sampled values flags the column. Default 0.1. */
  piiThreshold?: number;
}

export const PROFILE_DEFAULTS: Required<ProfileOptions> = {
  exact: false,
  exactRowLimit: 1_000_000,
  quantiles: [0.05, 0.25, 0.5, 0.75, 0.95],
  topK: 10,
  maxBins: 50,
  patternSampleRows: 100_000,
  piiThreshold: 0.1,
};

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\s*\d+\s*(,\s*\d+\s*)?\))?)$/;
const TEMPORAL_TYPE = /^(DATE|TIME|TIME WITH TIME ZONE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE)$/;
/** Temporal types that are points on a timeline, binned in seconds since the epoch (times of day are not). */
const TIMELINE_TYPE = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE)$/;

/** How a DuckDB type is profiled. */
export function kindOf(type: string): ColumnKind {
  const upper = type.trim().toUpperCase();
  if (NUMERIC_TYPE.test(upper)) return 'numeric';
  if (upper === 'VARCHAR') return 'string';
  if (upper === 'BOOLEAN') return 'boolean';
  if (TEMPORAL_TYPE.test(upper)) return 'temporal';
  return 'other';
}

interface Target extends Column {
  kind: ColumnKind;
  /** The prefix of this column's result names (c0, c1, ...), so any column name is safe. */
  alias: string;
  /** Finite non-null values: what numeric statistics and histograms are over. */
  present: string;
  /** The DOUBLE a value is binned as: the number itself, or a date's or timestamp's seconds since the epoch. */
  value: string;
  /** Whether the column gets a histogram: numbers, dates and timestamps. */
  binned: boolean;
}

function isFloating(type: string): boolean {
  return /^(FLOAT|DOUBLE)$/i.test(type.trim());
}

function isTimeline(type: string): boolean {
  return TIMELINE_TYPE.test(type.trim().toUpperCase());
}

function targetsOf(columns: Column[]): Target[] {
  return columns
    .filter((column) => !isInternalColumn(column.name))
    .map((column, index) => {
      const quoted = ident(column.name);
      const kind = kindOf(column.type);
      // epoch_us, not epoch: on a TIMESTAMP WITH TIME ZONE duckdb-wasm's epoch() never returns.
      // isfinite leaves out 'infinity' and '-infinity', which have no place on an axis.
      if (kind === 'temporal' && isTimeline(column.type)) {
        return { ...column, kind, alias: `c${index}`, present: `isfinite(${quoted})`, value: `CAST(epoch_us(${quoted}) AS DOUBLE) / 1000000`, binned: true };
      }
      const present = isFloating(column.type) ? `isfinite(${quoted})` : `${quoted} IS NOT NULL`;
      return { ...column, kind, alias: `c${index}`, present, value: `CAST(${quoted} AS DOUBLE)`, binned: kind === 'numeric' };
    });
}

async function describeColumns(engine: Engine, table: string): Promise<Column[]> {
  const described = await engine.query(`DESCRIBE ${table}`);
  return described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

function count(value: Value | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function numberOrNull(value: Value | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A minimum or maximum as JSON: integers beyond 2^53 as their decimal text. */
function extreme(value: Value | undefined): Extreme | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'bigint' || typeof value === 'boolean' ? String(value) : value;
}

/** min and max as the profile reports them: numbers, or text for time types (see extreme()). */
function extremeSql(target: Target, aggregate: 'min' | 'max'): string {
  const column = ident(target.name);
  if (target.kind === 'numeric') return `${aggregate}(${column}) FILTER (WHERE ${target.present})`;
  // TIMESTAMP WITH TIME ZONE as text would depend on the session's time zone (and on ICU, which
  // duckdb-wasm lacks): the engines' shared normal form (ISO 8601, UTC) is used instead.
  if (/^TIMESTAMP WITH TIME ZONE$/i.test(target.type)) return `${aggregate}(${column})`;
  if (target.kind === 'temporal') return `CAST(${aggregate}(${column}) AS VARCHAR)`;
  return `${aggregate}(${column})`;
}

/** Pass 2: one aggregate over every column. */
function aggregateSql(table: string, targets: Target[], exact: boolean, probabilities: number[], scales: Map<string, number>): string {
  const selects: string[] = [];
  const lists: string[] = [];
  const add = (target: Target, name: string, sql: string) => selects.push(`${sql} AS ${ident(`${target.alias}_${name}`)}`);
  for (const target of targets) {
    const column = ident(target.name);
    add(target, 'count', `count(${column})`);
    add(target, 'distinct', exact ? `count(DISTINCT ${column})` : `approx_count_distinct(${column})`);
    if (target.kind === 'numeric' || target.kind === 'string' || target.kind === 'temporal') {
      add(target, 'min', extremeSql(target, 'min'));
      add(target, 'max', extremeSql(target, 'max'));
    }
    if (target.binned) {
      const { value } = target;
      const where = `FILTER (WHERE ${target.present})`;
      add(target, 'finite', `count(*) ${where}`);
      // approx_quantile takes FLOAT probabilities; quantile_cont takes them exactly, as DOUBLE.
      const list = `[${probabilities.map(doubleSql).join(', ')}]`;
      add(target, 'quantiles', `${exact ? `quantile_cont(${value}, ${list})` : `approx_quantile(${value}, CAST(${list} AS FLOAT[]))`} ${where}`);
      lists.push(target.alias);
    }
    if (target.kind === 'numeric') {
      const where = `FILTER (WHERE ${target.present})`;
      add(target, 'zeros', `count(*) FILTER (WHERE ${target.present} AND ${column} = 0)`);
      add(target, 'negatives', `count(*) FILTER (WHERE ${target.present} AND ${column} < 0)`);
      add(target, 'sum', `${fixedPointSumSql(target.value, scales.get(target.alias)!)} ${where}`);
    } else if (target.binned) {
      // The histogram's range, in the same seconds as its bins (min and max above are text).
      add(target, 'low', `min(${target.value}) FILTER (WHERE ${target.present})`);
      add(target, 'high', `max(${target.value}) FILTER (WHERE ${target.present})`);
    }
    if (target.kind === 'string') {
      add(target, 'length_min', `min(length(${column}))`);
      add(target, 'length_max', `max(length(${column}))`);
      add(target, 'length_sum', `sum(length(${column}))`);
    }
  }
  if (selects.length === 0) return `SELECT 1 AS ${ident('empty')}`;
  if (lists.length === 0) return `SELECT ${selects.join(', ')} FROM ${table}`;
  // Quantiles come back as one list per column; unpack it in SQL so each is a plain DOUBLE.
  const unpacked = lists.flatMap((alias) => probabilities.map((_, index) => `${ident(`${alias}_quantiles`)}[${index + 1}] AS ${ident(`${alias}_q${index}`)}`));
  const exclude = lists.map((alias) => ident(`${alias}_quantiles`)).join(', ');
  return `WITH summary AS (SELECT ${selects.join(', ')} FROM ${table}) SELECT * EXCLUDE (${exclude}), ${unpacked.join(', ')} FROM summary`;
}

interface BinnedPlan {
  target: Target;
  plan: BinPlan;
  /** Numeric columns: what their squared deviations (the standard deviation) need. */
  deviations: {
    mean: number;
    /**
     * Deviations from the mean are multiplied by 2^spread (exact) before they are squared, so the
     * largest is about 1: their squares neither underflow nor overflow whatever the data's magnitude.
     */
    spread: number;
  } | null;
}

interface BinnedSecondPass {
  plan: BinPlan;
  counts: number[];
  /** The sum of squared deviations from the mean, each multiplied by 2^(2 * spread); 0 without deviations. */
  squares: number;
  spread: number;
}

/** Squared scaled deviations are at most 4 (deviations below 2 after scaling): their sum's scale. */
const SQUARES_SCALE = fixedPointScale(4);

/**
 * Pass 3: histogram counts per binned column (numbers, dates, timestamps), and for numeric columns
 * the sum of squared deviations from the mean.
 */
async function binPass(engine: Engine, table: string, plans: BinnedPlan[]): Promise<Map<string, BinnedSecondPass>> {
  const results = new Map<string, BinnedSecondPass>();
  if (plans.length === 0) return results;
  const parts = plans.map(({ target, plan, deviations }) => {
    const values = `SELECT ${target.value} AS x FROM ${table} WHERE ${target.present}`;
    const deviation = deviations && timesPowerOfTwoSql(`x - ${doubleSql(deviations.mean)}`, deviations.spread);
    const squares = deviation ? fixedPointSumSql(`${deviation} * ${deviation}`, SQUARES_SCALE) : 'CAST(NULL AS HUGEINT)';
    return `SELECT ${literal(target.alias)} AS col, ${binIndexSql('x', plan)} AS bin, count(*) AS n, ${squares} AS squares FROM (${values}) GROUP BY bin`;
  });
  const rows = await engine.query(`SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY col, bin`);
  // Exact integer sums over the bins, converted once.
  const sums = new Map<string, bigint>();
  for (const { target, plan, deviations } of plans) results.set(target.alias, { plan, counts: new Array<number>(plan.bins).fill(0), squares: 0, spread: deviations?.spread ?? 0 });
  for (const row of rows) {
    const alias = String(row.col);
    results.get(alias)!.counts[Number(row.bin)] = count(row.n);
    if (row.squares !== null) sums.set(alias, (sums.get(alias) ?? 0n) + BigInt(row.squares as number | bigint));
  }
  for (const { target } of plans) results.get(target.alias)!.squares = fixedPointValue(sums.get(target.alias) ?? 0n, SQUARES_SCALE);
  return results;
}

/** Pass 4: the most frequent values of strings and booleans. */
async function topValuesPass(engine: Engine, table: string, targets: Target[], topK: number): Promise<Map<string, Row[]>> {
  const results = new Map<string, Row[]>(targets.map((target) => [target.alias, []]));
  if (targets.length === 0 || topK === 0) return results;
  const parts = targets.map((target) => {
    const column = ident(target.name);
    return `(SELECT ${literal(target.alias)} AS col, CAST(${column} AS VARCHAR) AS value, count(*) AS n FROM ${table} WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY n DESC, ${column} LIMIT ${topK})`;
  });
  const rows = await engine.query(`SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY col, n DESC, value`);
  for (const row of rows) results.get(String(row.col))!.push(row);
  return results;
}

/** Pass 5: pattern matches on (a sample of) the rows, for every string column at once. */
async function patternPass(engine: Engine, table: string, targets: Target[], rows: number, sampleRows: number): Promise<{ sampledRows: number; row: Row }> {
  if (targets.length === 0) return { sampledRows: 0, row: {} };
  const columns = targets.map((target) => ident(target.name)).join(', ');
  // Above the limit, a row is in the sample when the hash of all its columns (Winnow's row number
  // among them) is below limit / rows of the hash range: the same rows on every engine and run.
  const threshold = (BigInt(sampleRows) << 64n) / BigInt(Math.max(rows, 1));
  const source =
    rows <= sampleRows
      ? `SELECT ${columns} FROM ${table}`
      : `SELECT ${columns} FROM (SELECT *, hash(COLUMNS(*)) AS ${ident('__winnow_sample')} FROM ${table}) WHERE ${ident('__winnow_sample')} < CAST(${threshold} AS UBIGINT)`;
  const selects = ['count(*) AS sampled_rows'];
  for (const target of targets) {
    const column = ident(target.name);
    selects.push(`count(${column}) AS ${ident(`${target.alias}_sampled`)}`);
    for (const pattern of PATTERNS) {
      selects.push(`count(*) FILTER (WHERE ${matchesPattern(column, pattern.name)}) AS ${ident(`${target.alias}_${pattern.name}`)}`);
    }
  }
  const row = await queryOne(engine, `SELECT ${selects.join(', ')} FROM (${source})`);
  return { sampledRows: count(row.sampled_rows), row };
}

function patternProfile(target: Target, row: Row, piiThreshold: number): PatternProfile {
  const sampled = count(row[`${target.alias}_sampled`]);
  const matches = Object.fromEntries(PATTERNS.map((pattern) => [pattern.name, count(row[`${target.alias}_${pattern.name}`])])) as Record<PatternName, number>;
  const share = (name: PatternName) => (sampled === 0 ? 0 : matches[name] / sampled);
  const best = PATTERNS.reduce<PatternName | null>((top, pattern) => (top === null || share(pattern.name) > share(top) ? pattern.name : top), null);
  const pii = PATTERNS.filter((pattern) => pattern.pii && share(pattern.name) > piiThreshold).map((pattern) => pattern.name);
  return { sampled, matches, dominant: best !== null && share(best) >= 0.5 ? best : null, pii, possiblePii: pii.length > 0 };
}

function topValues(target: Target, rows: Row[], nonNull: number): TopValues {
  const values = rows.map((row) => ({
    value: target.kind === 'boolean' ? row.value === 'true' : String(row.value),
    count: count(row.n),
  }));
  return { values, other: nonNull - values.reduce((sum, value) => sum + value.count, 0) };
}

function checkOptions({ quantiles, topK, maxBins, patternSampleRows, exactRowLimit, piiThreshold }: Required<ProfileOptions>): void {
  for (const probability of quantiles) {
    if (!(probability >= 0 && probability <= 1)) throw new Error(`quantile probabilities must lie in [0, 1], got ${probability}`);
  }
  for (const [name, value] of Object.entries({ topK, maxBins, patternSampleRows, exactRowLimit })) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number >= 0, got ${value}`);
  }
  if (maxBins < 1) throw new Error(`maxBins must be at least 1, got ${maxBins}`);
  if (!(piiThreshold >= 0 && piiThreshold <= 1)) throw new Error(`piiThreshold must lie in [0, 1], got ${piiThreshold}`);
}

/**
 * Profiles the data columns of `table` (a quoted name or a parenthesised query). `columns`
 * defaults to every column of the table; Winnow's own __winnow_* columns are always skipped.
 */
export async function profileTable(engine: Engine, table: string, columns?: Column[], options: ProfileOptions = {}): Promise<Profile> {
  const settings = { ...PROFILE_DEFAULTS, ...options };
  checkOptions(settings);
  const { exactRowLimit, topK, maxBins, patternSampleRows, piiThreshold } = settings;
  const targets = targetsOf(columns ?? (await describeColumns(engine, table)));
  const numericTargets = targets.filter((target) => target.kind === 'numeric');
  const magnitudes = numericTargets.map((target) => `max(abs(CAST(${ident(target.name)} AS DOUBLE))) FILTER (WHERE ${target.present}) AS ${ident(target.alias)}`);
  const first = await queryOne(engine, `SELECT ${['count(*) AS n', ...magnitudes].join(', ')} FROM ${table}`);
  const rows = count(first.n);
  const exact = settings.exact || rows <= exactRowLimit;
  const scales = new Map(numericTargets.map((target) => [target.alias, fixedPointScale(Number(first[target.alias] ?? 0))]));
  // The quartiles are always computed: the histogram's bin rule needs them.
  const probabilities = [...new Set([...settings.quantiles, 0.25, 0.75])].sort((a, b) => a - b);

  const summary = await queryOne(engine, aggregateSql(table, targets, exact, probabilities, scales));
  const field = (target: Target, name: string) => summary[`${target.alias}_${name}`];
  const quantileOf = (target: Target, probability: number) => numberOrNull(field(target, `q${probabilities.indexOf(probability)}`));

  const meanOf = (target: Target) => fixedPointValue(field(target, 'sum'), scales.get(target.alias)!) / count(field(target, 'finite'));
  const plans = targets
    .filter((target) => target.binned && count(field(target, 'finite')) > 0)
    .map((target): BinnedPlan => {
      const finite = count(field(target, 'finite'));
      const numeric = target.kind === 'numeric';
      const [min, max] = numeric ? [Number(field(target, 'min')), Number(field(target, 'max'))] : [Number(field(target, 'low')), Number(field(target, 'high'))];
      const plan = planBins({ count: finite, min, max, q25: quantileOf(target, 0.25)!, q75: quantileOf(target, 0.75)! }, maxBins)!;
      if (!numeric) return { target, plan, deviations: null };
      const mean = meanOf(target);
      const largestDeviation = Math.max(mean - min, max - mean);
      return { target, plan, deviations: { mean, spread: largestDeviation > 0 && Number.isFinite(largestDeviation) ? -Math.floor(Math.log2(largestDeviation)) : 0 } };
    });
  const bins = await binPass(engine, table, plans);
  const top = await topValuesPass(engine, table, targets.filter((target) => (target.kind === 'string' || target.kind === 'boolean') && count(field(target, 'count')) > 0), topK);
  const strings = targets.filter((target) => target.kind === 'string');
  const patterns = await patternPass(engine, table, strings, rows, patternSampleRows);

  const profiles = targets.map((target): ColumnProfile => {
    const nonNull = count(field(target, 'count'));
    const profile: ColumnProfile = {
      name: target.name,
      type: target.type,
      kind: target.kind,
      count: nonNull,
      nulls: rows - nonNull,
      nullFraction: rows === 0 ? 0 : (rows - nonNull) / rows,
      distinct: count(field(target, 'distinct')),
      distinctExact: exact,
      min: extreme(field(target, 'min')),
      max: extreme(field(target, 'max')),
    };
    if (target.kind === 'numeric') {
      const finite = count(field(target, 'finite'));
      const second = bins.get(target.alias);
      const numeric: NumericProfile = {
        mean: finite === 0 ? null : meanOf(target),
        std: second && finite > 1 ? timesPowerOfTwo(Math.sqrt(second.squares / (finite - 1)), -second.spread) : null,
        quantiles: finite === 0 ? [] : settings.quantiles.map((probability) => ({ probability, value: quantileOf(target, probability)! })),
        quantilesExact: exact,
        zeros: count(field(target, 'zeros')),
        negatives: count(field(target, 'negatives')),
        zerosFraction: nonNull === 0 ? 0 : count(field(target, 'zeros')) / nonNull,
        negativesFraction: nonNull === 0 ? 0 : count(field(target, 'negatives')) / nonNull,
        nonFinite: nonNull - finite,
        histogram: second ? { ...second.plan, edges: binEdges(second.plan), counts: second.counts } : null,
      };
      profile.numeric = numeric;
    }
    if (target.kind === 'temporal' && target.binned) {
      const second = bins.get(target.alias);
      profile.temporal = { histogram: second ? { ...second.plan, edges: binEdges(second.plan), counts: second.counts } : null };
    }
    if (target.kind === 'string') {
      profile.lengths =
        nonNull === 0 ? null : { min: count(field(target, 'length_min')), max: count(field(target, 'length_max')), mean: count(field(target, 'length_sum')) / nonNull };
    }
    if (target.kind === 'string' || target.kind === 'boolean') profile.top = topValues(target, top.get(target.alias) ?? [], nonNull);
    if (target.kind === 'string') profile.patterns = patternProfile(target, patterns.row, piiThreshold);
    return profile;
  });

  return {
    dataset: {
      rows,
      columns: profiles.length,
      exact,
      exactRowLimit,
      patternSampleRows: patterns.sampledRows,
      possiblePii: profiles.filter((profile) => profile.patterns?.possiblePii).map((profile) => profile.name),
    },
    columns: profiles,
  };
}
