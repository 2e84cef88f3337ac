/**
 * Inter-annotator agreement, from wide data (one row per item, one column per annotator) or long
 * data (one row per rating: item, annotator, label). SQL tallies the ratings; the coefficients
 * are exact functions of the tallies (agreement/cohen.ts, fleiss.ts, krippendorff.ts).
 *
 * Labels are nominal and compared by value (../label-values.ts: 1.0 equals 1; true equals 1 when
 * the other annotators rate 0 and 1; text equals only text). A missing rating (NULL) is not a
 * rating. `kappa` is Cohen's for exactly two annotators and Fleiss' otherwise; Krippendorff's
 * alpha uses every item with two or more ratings, whoever gave them.
 *
 * @example
 * const result = await agreement(engine, table, { annotators: ['ann', 'bob', 'cy'] });
 * result.kappa; // { method: 'fleiss', value: 0.61 }
 */
import type { Engine, Value } from '../../../engine/engine';
import { WinnowError } from '../../../errors';
import { ROW } from '../../../table/rejects';
import { ident, literal } from '../../../sql';
import { cohenKappa, cohenKappaForLabel, type CohenKappa, type ConfusionCell } from './cohen';
import { fleissKappa, fleissKappaForLabel, type FleissKappa } from './fleiss';
import { krippendorffAlpha, type KrippendorffAlpha } from './krippendorff';
import { labelsOf, type RatingTally } from './tally';
import { LabelMismatch, labelReader, type LabelRead } from '../label-values';
import { big, Ratio } from '../exact';

/** Wide data: one row per item, one column of labels per annotator. */
export interface WideRatings {
  /** The annotators' columns (at least two). */
  annotators: string[];
  /** The column naming the item; default: Winnow's row number. */
  item?: string;
}

/** Long data: one row per rating. */
export interface LongRatings {
  item: string;
  annotator: string;
  label: string;
}

export type RatingsInput = WideRatings | LongRatings;

export interface AgreementOptions {
  /** How many of the items with the lowest agreement to list. Default 20. */
  lowest?: number;
}

/** Agreement on one label. */
export interface LabelAgreement {
  label: string;
  /** Ratings giving the label, over all items. */
  ratings: number;
  /**
   * Proportion of specific agreement: of the ordered pairs of ratings on one item whose first
   * rating gives the label, the share whose second does too. null when no such pair exists.
   */
  specificAgreement: number | null;
  /** The kappa (Cohen's for two annotators, else Fleiss') of this label against the rest. */
  kappa: number | null;
}

/** One item's agreement, for the list of the least agreed items. */
export interface ItemAgreement {
  item: Value;
  ratings: number;
  /** The share of ordered pairs of its ratings that agree (P_i in Fleiss 1971). */
  agreement: number;
  /** The most frequent label (ties: the first in text order) and how many gave it. */
  majority: string;
  majorityCount: number;
  labels: { label: string; count: number }[];
}

export interface AgreementResult {
  format: 'wide' | 'long';
  /** Annotator names: the columns (wide) or the distinct annotators, sorted (long). */
  annotators: string[];
  /** Items with at least one rating. */
  items: number;
  ratings: number;
  /** Items with at least two ratings. */
  pairableItems: number;
  /** The headline kappa: Cohen's for two annotators, Fleiss' otherwise. */
  kappa: { method: 'cohen' | 'fleiss'; value: number | null };
  /** Only with exactly two annotators: over the items both rated. */
  cohen: CohenKappa | null;
  fleiss: FleissKappa;
  krippendorffAlpha: KrippendorffAlpha;
  /** Every label given, in text order. */
  perClass: LabelAgreement[];
  /** Items with two or more ratings, lowest agreement first (ties: by item). */
  lowestItems: ItemAgreement[];
}

function isWide(input: RatingsInput): input is WideRatings {
  return 'annotators' in input;
}

/**
 * The ratings as (item, annotator, label VARCHAR), missing ratings left out; the annotator
 * columns of wide data are read by value (`read`, from ratingsOf).
 */
export function ratingsSql(table: string, input: RatingsInput, read?: LabelRead): string {
  if (isWide(input)) {
    const item = ident(input.item ?? ROW);
    const label = (column: string) => (read ? read.sql(column) : `CAST(${ident(column)} AS VARCHAR)`);
    const parts = input.annotators.map((column) => `SELECT ${item} AS item, ${literal(column)} AS annotator, ${label(column)} AS label FROM ${table}`);
    return `SELECT * FROM (${parts.join(' UNION ALL ')}) WHERE item IS NOT NULL AND label IS NOT NULL`;
  }
  const { item, annotator, label } = input;
  return `SELECT ${ident(item)} AS item, CAST(${ident(annotator)} AS VARCHAR) AS annotator, CAST(${ident(label)} AS VARCHAR) AS label
    FROM ${table} WHERE ${ident(item)} IS NOT NULL AND ${ident(annotator)} IS NOT NULL AND ${ident(label)} IS NOT NULL`;
}

/** The ratings (ratingsSql) with labels compared by value; throws when annotator columns cannot be compared. */
export async function ratingsOf(engine: Engine, table: string, input: RatingsInput): Promise<string> {
  if (!isWide(input)) return ratingsSql(table, input);
  try {
    return ratingsSql(table, input, await labelReader(engine, table, input.annotators));
  } catch (error) {
    if (error instanceof LabelMismatch) throw new WinnowError(error.message, { field: 'annotators' }, 'input');
    throw error;
  }
}

/** Ratings per item and label (x), with the item's number of ratings (m). */
function cellsSql(ratings: string): string {
  return `WITH ratings AS (${ratings}),
    counted AS (SELECT item, label, count(*) AS x FROM ratings GROUP BY item, label)
    SELECT item, label, x, sum(x) OVER (PARTITION BY item) AS m FROM counted`;
}

async function tallyOf(engine: Engine, ratings: string): Promise<RatingTally> {
  const cells = cellsSql(ratings);
  const items = await engine.query(`SELECT m, count(*) AS items FROM (SELECT item, any_value(m) AS m FROM (${cells}) GROUP BY item) GROUP BY m ORDER BY m`);
  const labels = await engine.query(
    `SELECT m, label, sum(x) AS ratings, sum(x * (x - 1)) AS same, sum(x * (m - x)) AS cross_pairs
     FROM (${cells}) GROUP BY m, label ORDER BY m, label`,
  );
  return {
    items: items.map((row) => ({ ratingsPerItem: big(row.m), items: big(row.items) })),
    labels: labels.map((row) => ({
      ratingsPerItem: big(row.m),
      label: String(row.label),
      ratings: big(row.ratings),
      samePairs: big(row.same),
      crossPairs: big(row.cross_pairs),
    })),
  };
}

async function confusionOf(engine: Engine, ratings: string, [first, second]: string[]): Promise<ConfusionCell[]> {
  const rows = await engine.query(
    `WITH ratings AS (${ratings})
     SELECT a.label AS first, b.label AS second, count(*) AS n
     FROM ratings a JOIN ratings b ON a.item = b.item AND a.annotator = ${literal(first)} AND b.annotator = ${literal(second)}
     GROUP BY ALL ORDER BY first, second`,
  );
  return rows.map((row) => ({ first: String(row.first), second: String(row.second), count: big(row.n) }));
}

async function lowestItems(engine: Engine, ratings: string, limit: number, pairableItems: bigint): Promise<ItemAgreement[]> {
  // Not for an empty list either: duckdb-wasm 1.32 fails to read an empty result with a LIST
  // column (pipelines/engine/arrow-rows.ts).
  if (limit <= 0 || pairableItems === 0n) return [];
  const rows = await engine.query(
    `SELECT item, m AS ratings, CAST(sum(x * (x - 1)) AS DOUBLE) / (m * (m - 1)) AS agreement,
       first(label ORDER BY x DESC, label) AS majority, max(x) AS majority_count,
       list({'label': label, 'count': CAST(x AS INTEGER)} ORDER BY x DESC, label) AS labels
     FROM (${cellsSql(ratings)}) WHERE m >= 2
     GROUP BY item, m ORDER BY agreement, item LIMIT ${Math.floor(limit)}`,
  );
  return rows.map((row) => ({
    item: row.item ?? null,
    ratings: Number(row.ratings),
    agreement: Number(row.agreement),
    majority: String(row.majority),
    majorityCount: Number(row.majority_count),
    labels: JSON.parse(String(row.labels)) as { label: string; count: number }[],
  }));
}

/** Throws when an annotator rated an item more than once: agreement needs one rating each. */
async function requireOneRatingEach(engine: Engine, ratings: string): Promise<void> {
  const [repeated] = await engine.query(
    `SELECT CAST(item AS VARCHAR) AS item, annotator, count(*) AS n FROM (${ratings}) GROUP BY item, annotator HAVING count(*) > 1 ORDER BY item, annotator LIMIT 1`,
  );
  if (repeated) {
    throw new WinnowError(
      `annotator "${String(repeated.annotator)}" rated item "${String(repeated.item)}" ${Number(repeated.n)} times: agreement needs at most one rating per annotator and item`,
      { field: 'annotator' },
      'input',
    );
  }
}

/** Agreement among annotators: Cohen's or Fleiss' kappa, Krippendorff's alpha, per label and per item. */
export async function agreement(engine: Engine, table: string, input: RatingsInput, { lowest = 20 }: AgreementOptions = {}): Promise<AgreementResult> {
  if (isWide(input) && new Set(input.annotators).size < 2) {
    throw new WinnowError('agreement needs at least two annotator columns', { field: 'annotators' }, 'spec');
  }
  if (isWide(input) && new Set(input.annotators).size !== input.annotators.length) {
    throw new WinnowError('an annotator column is listed twice', { field: 'annotators' }, 'spec');
  }
  const ratings = await ratingsOf(engine, table, input);
  // Wide data by row number has one rating per column and row by construction; an item column may repeat.
  if (!isWide(input) || input.item) await requireOneRatingEach(engine, ratings);
  const annotators = isWide(input)
    ? [...input.annotators]
    : (await engine.query(`SELECT DISTINCT annotator FROM (${ratings}) ORDER BY annotator`)).map((row) => String(row.annotator));
  const pair = annotators.length === 2 ? annotators : null;
  // One query at a time: an engine runs one statement at a time on its connection.
  const tally = await tallyOf(engine, ratings);
  const confusion = pair ? await confusionOf(engine, ratings, pair) : null;
  const pairableItems = tally.items.filter((entry) => entry.ratingsPerItem >= 2n).reduce((total, entry) => total + entry.items, 0n);
  const lowestList = await lowestItems(engine, ratings, lowest, pairableItems);
  const cohen = confusion ? cohenKappa(confusion) : null;
  const fleiss = fleissKappa(tally);
  const totals = new Map<string, bigint>();
  for (const entry of tally.labels) totals.set(entry.label, (totals.get(entry.label) ?? 0n) + entry.ratings);
  return {
    format: isWide(input) ? 'wide' : 'long',
    annotators,
    items: Number(tally.items.reduce((total, entry) => total + entry.items, 0n)),
    ratings: Number([...totals.values()].reduce((total, count) => total + count, 0n)),
    pairableItems: Number(pairableItems),
    kappa: cohen ? { method: 'cohen', value: cohen.value } : { method: 'fleiss', value: fleiss.value },
    cohen,
    fleiss,
    krippendorffAlpha: krippendorffAlpha(tally),
    perClass: labelsOf(tally).map((label) => ({
      label,
      ratings: Number(totals.get(label) ?? 0n),
      specificAgreement: specificAgreement(tally, label),
      kappa: confusion ? cohenKappaForLabel(confusion, label) : fleissKappaForLabel(tally, label),
    })),
    lowestItems: lowestList,
  };
}

/** Σ_i x_ik (x_ik − 1) / Σ_i x_ik (m_i − 1) over items with two or more ratings. */
function specificAgreement(tally: RatingTally, label: string): number | null {
  let agreeing = 0n;
  let possible = 0n;
  for (const entry of tally.labels) {
    if (entry.label !== label || entry.ratingsPerItem < 2n) continue;
    agreeing += entry.samePairs;
    possible += entry.ratings * (entry.ratingsPerItem - 1n);
  }
  return possible === 0n ? null : new Ratio(agreeing, possible).toNumber();
}
