/**
 * Column profiles, computed in DuckDB: a handful of queries per batch of columns.
 *
 *   1. count(*), and the largest magnitude of   (decides exact or approximate, and the scale
 *      each numeric column                        of the exact sums)
 *   2. one aggregate per batch of columns of    (counts, distinct, min, max, sum, quantiles,
 *      one type                                   zeros, negatives, string lengths)
 *   3. one GROUP BY per batch of numeric, date  (histogram bins; for numbers also the squared
 *      and timestamp columns                      deviations from the mean: the standard deviation
 *                                                 in two passes, as pandas)
 *   4. one GROUP BY per batch of categoricals   (top values)
 *   5. one aggregate per batch, over a sample   (text patterns; possible PII in text and wide
 *                                                 integers, by the `pii` check's rule)
 *
 * Each query reads its batch's columns as (column, value) pairs (pairsSql) and groups them by
 * column, so its SQL holds each statistic once, whatever the batch's width, and time and memory
 * grow linearly with the number of columns, COLUMNS_PER_SCAN at a time. One SELECT with an
 * aggregate per column and statistic cost DuckDB far more than its share: 250 columns took 17 s
 * and 2.7 GB on ten rows (a count(DISTINCT) each, about 25 ms and 2 MB apiece; FILTER clauses,
 * whose cost grows with the square of their number; bin expressions of 10 ms each to plan).
 * Conditions are CASE inside the aggregate rather than FILTER: both leave out the same rows.
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
import { isInternalColumn } from '../../table/rejects';
import { ident, literal } from '../../sql';
import { queryOne, type Column } from '../../table/column';
import { doubleSql } from './double';
import { fixedPointScale, fixedPointSumSql, fixedPointValue, powerOfTwoFactors, timesPowerOfTwo } from './exact-sum';
import { binEdges, binIndexSteps, binParametersSql, planBins, type BinParameters, type BinPlan } from './histogram';
import { columnHoldsPattern, matchesPattern, mayHoldPii, PATTERNS, PII_PATTERNS, type PatternName } from './patterns';
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
  /**
   * Columns each query takes at most (the profile is the same whatever the number): bounds the
   * memory of one query. Default COLUMNS_PER_SCAN.
   */
  columnsPerScan?: number;
  /**
   * Another connection to the same database, on which the pattern and top-value passes run while
   * the others run on the first: a table of one row group (the report's sample) is scanned by one
   * thread a query, so two queries at once use a second core. `table` must be visible to both
   * connections (not TEMP). The profile is the same with it or without.
   */
  beside?: Engine;
}

/** Columns per query: 1,000 wide took under 40 MB of DuckDB memory a query (bench: `npm run bench`). */
export const COLUMNS_PER_SCAN = 100;

export const PROFILE_DEFAULTS: Required<Omit<ProfileOptions, 'beside'>> = {
  exact: false,
  exactRowLimit: 1_000_000,
  quantiles: [0.05, 0.25, 0.5, 0.75, 0.95],
  topK: 10,
  maxBins: 50,
  patternSampleRows: 100_000,
  piiThreshold: 0.1,
  columnsPerScan: COLUMNS_PER_SCAN,
};

const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\s*\d+\s*(,\s*\d+\s*)?\))?)$/;
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
  /** Finite non-null values, of the column's value `ref`: what numeric statistics and histograms are over. */
  present(ref: string): string;
  /** The DOUBLE a value is binned as: the number itself, or a date's or timestamp's seconds since the epoch. */
  value(ref: string): string;
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
      const kind = kindOf(column.type);
      // epoch_us, not epoch: on a TIMESTAMP WITH TIME ZONE duckdb-wasm's epoch() never returns.
      // isfinite leaves out 'infinity' and '-infinity', which have no place on an axis.
      if (kind === 'temporal' && isTimeline(column.type)) {
        return {
          ...column,
          kind,
          alias: `c${index}`,
          present: (ref) => `isfinite(${ref})`,
          value: (ref) => `CAST(epoch_us(${ref}) AS DOUBLE) / 1000000`,
          binned: true,
        };
      }
      const present = isFloating(column.type) ? (ref: string) => `isfinite(${ref})` : (ref: string) => `${ref} IS NOT NULL`;
      return { ...column, kind, alias: `c${index}`, present, value: (ref) => `CAST(${ref} AS DOUBLE)`, binned: kind === 'numeric' };
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

/** min and max of the column's value `ref` as the profile reports them: numbers, or text for time types (see extreme()). */
function extremeSql(target: Target, ref: string, aggregate: 'min' | 'max'): string {
  if (target.kind === 'numeric') return `${aggregate}(${when(target.present(ref), ref)})`;
  // TIMESTAMP WITH TIME ZONE as text would depend on the session's time zone (and on ICU, which
  // duckdb-wasm lacks): the engines' shared normal form (ISO 8601, UTC) is used instead.
  if (/^TIMESTAMP WITH TIME ZONE$/i.test(target.type)) return `${aggregate}(${ref})`;
  if (target.kind === 'temporal') return `CAST(${aggregate}(${ref}) AS VARCHAR)`;
  return `${aggregate}(${ref})`;
}

/**
 * `value` where `condition` holds, else NULL: inside an aggregate, the rows a FILTER clause would
 * keep (aggregates skip NULLs), without FILTER's cost, which grows with the square of their number.
 */
function when(condition: string, value: string): string {
  return `CASE WHEN ${condition} THEN ${value} END`;
}

/** count(*) FILTER (WHERE condition), in the form whose cost stays linear (see when()). */
export function countWhere(condition: string): string {
  return `count(${when(condition, '1')})`;
}

/** `items` in consecutive groups of at most `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** The value of each pair: `pair.v`, as pairsSql names it. */
const V = 'pair.v';

/**
 * One row per (row of `source`, column of `targets`): `pair.k` the column's alias, `pair.v` its
 * value (all of one type, or as `value` makes it), and any further fields the column needs.
 */
function pairsSql(
  source: string,
  targets: Target[],
  value: (target: Target) => string,
  fields: (target: Target) => Record<string, string> = () => ({}),
): string {
  const pairs = targets.map((target) => {
    const extra = Object.entries(fields(target))
      .map(([name, sql]) => `, ${name}: ${sql}`)
      .join('');
    return `{k: ${literal(target.alias)}, v: ${value(target)}${extra}}`;
  });
  return `(SELECT unnest([${pairs.join(', ')}]) AS pair FROM ${source})`;
}

/**
 * Runs a query grouped by column alias (`col`) on each batch of `targets`; returns each column's
 * fields as `<alias>_<field>`, the way the passes read them.
 */
async function fieldsByColumn(engine: Engine, batches: Target[][], query: (batch: Target[]) => string): Promise<Row> {
  const fields: Row = {};
  for (const batch of batches) {
    for (const { col, ...values } of await engine.query(query(batch))) {
      for (const [name, value] of Object.entries(values)) fields[`${String(col)}_${name}`] = value;
    }
  }
  return fields;
}

/** Batches of at most `size` columns, each of one type (a list of pairs holds values of one type). */
function batchesByType(targets: Target[], size: number): Target[][] {
  const byType = new Map<string, Target[]>();
  for (const target of targets) byType.set(target.type, [...(byType.get(target.type) ?? []), target]);
  return [...byType.values()].flatMap((group) => inBatches(group, size));
}

/** Pass 1: the largest finite magnitude of each numeric column (`<alias>_magnitude`). */
function magnitudeSql(table: string, batch: Target[]): string {
  const pairs = pairsSql(table, batch, (target) => when(target.present(ident(target.name)), `abs(CAST(${ident(target.name)} AS DOUBLE))`));
  return `SELECT pair.k AS col, max(${V}) AS magnitude FROM ${pairs} GROUP BY pair.k`;
}

/**
 * Pass 2: one aggregate over the batch's columns (all of one type), grouped by column. Each
 * numeric column's fixed-point scale travels with its values as two factors (`pair.f1`,
 * `pair.f2`), the same two timesPowerOfTwoSql writes as literals.
 */
function aggregateSql(table: string, batch: Target[], exact: boolean, probabilities: number[], scales: Map<string, number>): string {
  const [target] = batch as [Target];
  const selects: string[] = [];
  const add = (name: string, sql: string) => selects.push(`${sql} AS ${ident(name)}`);
  add('count', `count(${V})`);
  add('distinct', exact ? `count(DISTINCT ${V})` : `approx_count_distinct(${V})`);
  if (target.kind === 'numeric' || target.kind === 'string' || target.kind === 'temporal') {
    add('min', extremeSql(target, V, 'min'));
    add('max', extremeSql(target, V, 'max'));
  }
  if (target.binned) {
    const value = when(target.present(V), target.value(V));
    add('finite', countWhere(target.present(V)));
    // approx_quantile takes FLOAT probabilities; quantile_cont takes them exactly, as DOUBLE.
    const list = `[${probabilities.map(doubleSql).join(', ')}]`;
    add('quantiles', exact ? `quantile_cont(${value}, ${list})` : `approx_quantile(${value}, CAST(${list} AS FLOAT[]))`);
  }
  if (target.kind === 'numeric') {
    add('zeros', countWhere(`${target.present(V)} AND ${V} = 0`));
    add('negatives', countWhere(`${target.present(V)} AND ${V} < 0`));
    // The sum counts only finite values itself, the rows `present` keeps.
    add('sum', fixedPointSumSql(target.value(V), { factors: ['pair.f1', 'pair.f2'] }));
  } else if (target.binned) {
    // The histogram's range, in the same seconds as its bins (min and max above are text).
    add('low', `min(${when(target.present(V), target.value(V))})`);
    add('high', `max(${when(target.present(V), target.value(V))})`);
  }
  if (target.kind === 'string') {
    add('length_min', `min(length(${V}))`);
    add('length_max', `max(length(${V}))`);
    add('length_sum', `sum(length(${V}))`);
  }
  const factors = (column: Target): Record<string, string> => {
    if (column.kind !== 'numeric') return {};
    const [f1, f2] = powerOfTwoFactors(scales.get(column.alias)!);
    return { f1: doubleSql(f1), f2: doubleSql(f2) };
  };
  const pairs = pairsSql(table, batch, (column) => ident(column.name), factors);
  const grouped = `SELECT pair.k AS col, ${selects.join(', ')} FROM ${pairs} GROUP BY pair.k`;
  if (!target.binned) return grouped;
  // Quantiles come back as one list per column; unpack it in SQL so each is a plain DOUBLE.
  const unpacked = probabilities.map((_, index) => `quantiles[${index + 1}] AS ${ident(`q${index}`)}`);
  return `SELECT * EXCLUDE (quantiles), ${unpacked.join(', ')} FROM (${grouped})`;
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
 * the sum of squared deviations from the mean. Each column's bin plan and mean travel with its
 * values (`pair.low`, ...), so one expression bins every column of a batch; each step of the
 * bin (binIndexSteps) is computed once, in nested SELECTs.
 */
async function binPass(engine: Engine, table: string, plans: BinnedPlan[], columnsPerScan: number): Promise<Map<string, BinnedSecondPass>> {
  const results = new Map<string, BinnedSecondPass>();
  if (plans.length === 0) return results;
  const planOf = new Map(plans.map((binned) => [binned.target.alias, binned]));
  const parameters: BinParameters = { bins: 'bins', low: 'low', high: 'high', width: 'width', step: 'step' };
  const [s1, s2] = powerOfTwoFactors(SQUARES_SCALE);
  const fields = (target: Target): Record<string, string> => {
    const { plan, deviations } = planOf.get(target.alias)!;
    const [d1, d2] = powerOfTwoFactors(deviations?.spread ?? 0);
    return {
      ...binParametersSql(plan),
      mean: deviations ? doubleSql(deviations.mean) : 'CAST(NULL AS DOUBLE)',
      d1: doubleSql(d1),
      d2: doubleSql(d2),
    };
  };
  const rows: Row[] = [];
  for (const batch of inBatches(
    plans.map((binned) => binned.target),
    columnsPerScan,
  )) {
    const column = (target: Target) => ident(target.name);
    const pairs = pairsSql(table, batch, (target) => when(target.present(column(target)), target.value(column(target))), fields);
    // pair.v is NULL where the value is not finite: those rows are left out first.
    const unpacked = `SELECT pair.k AS col, pair.v AS x, pair.* EXCLUDE (k, v) FROM ${pairs} WHERE pair.v IS NOT NULL`;
    const scaled = `SELECT *, ${binIndexSteps.scaled('x', parameters)} AS scaled, (x - mean) * d1 * d2 AS deviation FROM (${unpacked})`;
    const lowered = `SELECT *, ${binIndexSteps.lowered('x', 'scaled', parameters)} AS lowered FROM (${scaled})`;
    const squares = `CASE WHEN isfinite(deviation * deviation) THEN CAST(round(((deviation * deviation) * ${doubleSql(s1)} * ${doubleSql(s2)})) AS BIGINT) END`;
    rows.push(
      ...(await engine.query(
        `SELECT col, ${binIndexSteps.bin('x', 'lowered', parameters)} AS bin, count(*) AS n, sum(${squares}) AS squares FROM (${lowered}) GROUP BY ALL`,
      )),
    );
  }
  // Exact integer sums over the bins, converted once.
  const sums = new Map<string, bigint>();
  for (const { target, plan, deviations } of plans)
    results.set(target.alias, { plan, counts: new Array<number>(plan.bins).fill(0), squares: 0, spread: deviations?.spread ?? 0 });
  for (const row of rows) {
    const alias = String(row.col);
    results.get(alias)!.counts[Number(row.bin)] = count(row.n);
    if (row.squares !== null) sums.set(alias, (sums.get(alias) ?? 0n) + BigInt(row.squares as number | bigint));
  }
  for (const { target } of plans) results.get(target.alias)!.squares = fixedPointValue(sums.get(target.alias) ?? 0n, SQUARES_SCALE);
  return results;
}

/** Pass 4: the most frequent values of strings and booleans (as text: both order the same as text). */
async function topValuesPass(engine: Engine, table: string, targets: Target[], topK: number, columnsPerScan: number): Promise<Map<string, Row[]>> {
  const results = new Map<string, Row[]>(targets.map((target) => [target.alias, []]));
  if (targets.length === 0 || topK === 0) return results;
  for (const batch of inBatches(targets, columnsPerScan)) {
    const pairs = pairsSql(table, batch, (target) => `CAST(${ident(target.name)} AS VARCHAR)`);
    const rows = await engine.query(
      `SELECT pair.k AS col, ${V} AS value, count(*) AS n FROM ${pairs} WHERE ${V} IS NOT NULL GROUP BY pair.k, ${V}
       QUALIFY row_number() OVER (PARTITION BY col ORDER BY n DESC, value) <= ${topK} ORDER BY col, n DESC, value`,
    );
    for (const row of rows) results.get(String(row.col))!.push(row);
  }
  return results;
}

/**
 * Pass 5: on (a sample of) the rows, for every column that can hold personal data (text, wide
 * integers: patterns.ts, mayHoldPii): whole values of each shape (`<pattern>`), and values holding
 * a PII shape anywhere, by the rule the `pii` check uses (columnHoldsPattern, `holds_<pattern>`).
 */
async function patternPass(
  engine: Engine,
  table: string,
  targets: Target[],
  rows: number,
  sampleRows: number,
  columnsPerScan: number,
): Promise<{ sampledRows: number; row: Row }> {
  if (targets.length === 0) return { sampledRows: 0, row: {} };
  // Above the limit, a row is in the sample when the hash of all its columns (Winnow's row number
  // among them) is below limit / rows of the hash range: the same rows on every engine and run.
  const threshold = (BigInt(sampleRows) << 64n) / BigInt(Math.max(rows, 1));
  const source =
    rows <= sampleRows
      ? table
      : `(SELECT * FROM (SELECT *, hash(COLUMNS(*)) AS ${ident('__winnow_sample')} FROM ${table}) WHERE ${ident('__winnow_sample')} < CAST(${threshold} AS UBIGINT))`;
  const selects = [
    'count(*) AS sampled_rows',
    `count(${V}) AS sampled`,
    ...PATTERNS.map((pattern) => `${countWhere(matchesPattern(V, pattern.name))} AS ${ident(pattern.name)}`),
    ...PII_PATTERNS.map((pattern) => `${countWhere(`pair.h_${pattern}`)} AS ${ident(`holds_${pattern}`)}`),
  ];
  const holds = (target: Target) =>
    Object.fromEntries(PII_PATTERNS.map((pattern) => [`h_${pattern}`, columnHoldsPattern(ident(target.name), target.type, pattern)]));
  const row = await fieldsByColumn(
    engine,
    inBatches(targets, columnsPerScan),
    (batch) =>
      `SELECT pair.k AS col, ${selects.join(', ')} FROM ${pairsSql(source, batch, (target) => `CAST(${ident(target.name)} AS VARCHAR)`, holds)} GROUP BY pair.k`,
  );
  // Every column of the sample counts the same rows.
  return { sampledRows: count(row[`${targets[0]!.alias}_sampled_rows`]), row };
}

function patternProfile(target: Target, row: Row, piiThreshold: number): PatternProfile {
  const sampled = count(row[`${target.alias}_sampled`]);
  const matches = Object.fromEntries(PATTERNS.map((pattern) => [pattern.name, count(row[`${target.alias}_${pattern.name}`])])) as Record<PatternName, number>;
  const share = (name: PatternName) => (sampled === 0 ? 0 : matches[name] / sampled);
  const best = PATTERNS.reduce<PatternName | null>((top, pattern) => (top === null || share(pattern.name) > share(top) ? pattern.name : top), null);
  const holding = Object.fromEntries(PII_PATTERNS.map((name) => [name, count(row[`${target.alias}_holds_${name}`])])) as PatternProfile['holding'];
  const pii = PII_PATTERNS.filter((name) => sampled > 0 && holding[name]! / sampled > piiThreshold);
  return { sampled, matches, holding, dominant: best !== null && share(best) >= 0.5 ? best : null, pii, possiblePii: pii.length > 0 };
}

function topValues(target: Target, rows: Row[], nonNull: number): TopValues {
  const values = rows.map((row) => ({
    value: target.kind === 'boolean' ? row.value === 'true' : String(row.value),
    count: count(row.n),
  }));
  return { values, other: nonNull - values.reduce((sum, value) => sum + value.count, 0) };
}

function checkOptions({ quantiles, topK, maxBins, patternSampleRows, exactRowLimit, piiThreshold, columnsPerScan }: typeof PROFILE_DEFAULTS): void {
  for (const probability of quantiles) {
    if (!(probability >= 0 && probability <= 1)) throw new Error(`quantile probabilities must lie in [0, 1], got ${probability}`);
  }
  for (const [name, value] of Object.entries({ topK, maxBins, patternSampleRows, exactRowLimit })) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number >= 0, got ${value}`);
  }
  if (maxBins < 1) throw new Error(`maxBins must be at least 1, got ${maxBins}`);
  if (!(columnsPerScan >= 1)) throw new Error(`columnsPerScan must be at least 1, got ${columnsPerScan}`);
  if (!(piiThreshold >= 0 && piiThreshold <= 1)) throw new Error(`piiThreshold must lie in [0, 1], got ${piiThreshold}`);
}

/**
 * Profiles the data columns of `table` (a quoted name or a parenthesised query). `columns`
 * defaults to every column of the table; Winnow's own __winnow_* columns are always skipped.
 */
export async function profileTable(engine: Engine, table: string, columns?: Column[], options: ProfileOptions = {}): Promise<Profile> {
  const settings = { ...PROFILE_DEFAULTS, ...options };
  checkOptions(settings);
  const { exactRowLimit, topK, maxBins, patternSampleRows, piiThreshold, columnsPerScan } = settings;
  const targets = targetsOf(columns ?? (await describeColumns(engine, table)));
  const numericTargets = targets.filter((target) => target.kind === 'numeric');
  const rows = count((await queryOne(engine, `SELECT count(*) AS n FROM ${table}`)).n);
  // Top values and patterns need nothing the other passes find: with a second connection they run
  // beside them. (Top values of an all-null column are none either way.)
  const categorical = targets.filter((target) => target.kind === 'string' || target.kind === 'boolean');
  const scanned = targets.filter((target) => mayHoldPii(target.type));
  const sidePasses = async (on: Engine) => {
    const patterns = await patternPass(on, table, scanned, rows, patternSampleRows, columnsPerScan);
    return { patterns, top: await topValuesPass(on, table, categorical, topK, columnsPerScan) };
  };
  const beside = options.beside ? sidePasses(options.beside) : undefined;
  beside?.catch(() => undefined);
  // A pass on `engine` that fails waits for those beside it to end (its error is the one to
  // report), so the caller never drops the table or closes the connection under them.
  const onEngine = async <T>(pass: Promise<T>): Promise<T> => {
    try {
      return await pass;
    } catch (error) {
      await beside?.catch(() => undefined);
      throw error;
    }
  };

  const magnitudes = await onEngine(fieldsByColumn(engine, inBatches(numericTargets, columnsPerScan), (batch) => magnitudeSql(table, batch)));
  const exact = settings.exact || rows <= exactRowLimit;
  const scales = new Map(numericTargets.map((target) => [target.alias, fixedPointScale(Number(magnitudes[`${target.alias}_magnitude`] ?? 0))]));
  // The quartiles are always computed: the histogram's bin rule needs them.
  const probabilities = [...new Set([...settings.quantiles, 0.25, 0.75])].sort((a, b) => a - b);

  const summary = await onEngine(
    fieldsByColumn(engine, batchesByType(targets, columnsPerScan), (batch) => aggregateSql(table, batch, exact, probabilities, scales)),
  );
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
      return {
        target,
        plan,
        deviations: { mean, spread: largestDeviation > 0 && Number.isFinite(largestDeviation) ? -Math.floor(Math.log2(largestDeviation)) : 0 },
      };
    });
  const bins = await onEngine(binPass(engine, table, plans, columnsPerScan));
  const { patterns, top } = await (beside ?? sidePasses(engine));

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
        nonNull === 0
          ? null
          : { min: count(field(target, 'length_min')), max: count(field(target, 'length_max')), mean: count(field(target, 'length_sum')) / nonNull };
    }
    if (target.kind === 'string' || target.kind === 'boolean') profile.top = topValues(target, top.get(target.alias) ?? [], nonNull);
    if (mayHoldPii(target.type)) profile.patterns = patternProfile(target, patterns.row, piiThreshold);
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
