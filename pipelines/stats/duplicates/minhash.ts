/**
 * Near-duplicate text by MinHash and LSH, as SQL. The sketch only proposes candidate pairs; each
 * candidate is then verified with the exact Jaccard similarity of the two shingle sets, so every
 * reported pair is exact, and a pair at or above the threshold is missed only if LSH fails to
 * propose it (chance at most 1e-6 at the threshold with the default banding, less above it).
 *
 * 1. Text: lowercased (DuckDB's lower()), runs of whitespace (tab, newline, vertical tab, form
 *    feed, carriage return, space) collapsed to one space, trimmed. NULL or empty text is left
 *    out. Rows with the same normalised text are exact copies (Jaccard 1) and are hashed once,
 *    under their first row.
 * 2. Shingles: the set of character n-grams (default 5) or word n-grams (default 3) of the text;
 *    a text shorter than n is one shingle, itself.
 * 3. Signature: k (default 128) seeded hash functions h_i(x) = (a_i x + b_i) mod (2^31 − 1), x the
 *    first 32 bits of md5(shingle) reduced mod 2^31 − 1, a_i and b_i from md5 of the seed and i
 *    (as pipelines/table/hashing.ts: md5 rather than hash(), whose values change between DuckDB
 *    releases). The signature is min over the shingles of each h_i. Integer arithmetic only, so
 *    both engines give the same bits.
 * 4. LSH: the k values cut into b bands of r = k / b rows; texts sharing all r values of a band
 *    are candidates. Default b: the most rows per band whose chance to miss a pair at exactly the
 *    threshold, (1 − t^r)^b, stays at most 1e-6 (fewest false candidates for that recall). Texts
 *    that share long boilerplate make many buckets large; past `maxCandidates` pairs the query
 *    stops with an error that says so, instead of verifying them for hours.
 * 5. Verification: |A ∩ B| / |A ∪ B| from the shingle sets; pairs with Jaccard >= threshold stay.
 */
import { ROW } from '../../table/rejects';
import { ident, literal } from '../../sql';

/** 2^31 − 1, a Mersenne prime: products of two residues stay below 2^62 in a BIGINT. */
export const PRIME = 2147483647;

/** How near-duplicates are found; every field has a default. */
export interface MinHashOptions {
  /** 'char': character n-grams (default); 'word': word n-grams. */
  shingle?: 'char' | 'word';
  /** n of the n-grams. Default 5 for characters, 3 for words. */
  size?: number;
  /** Jaccard similarity at or above which two texts are near-duplicates, in (0, 1]. Default 0.8. */
  threshold?: number;
  /** Hash functions in the signature. Default 128. */
  hashes?: number;
  /** LSH bands; must divide `hashes`. Default: chosen from the threshold (see bandsFor). */
  bands?: number;
  /** Seeds the hash functions. Default 0. */
  seed?: number;
  /**
   * Most pairs LSH may propose (counted before removing pairs proposed by several bands) before
   * the search stops with an error rather than run for hours. Default 10,000,000.
   */
  maxCandidates?: number;
}

/** The start of the error a search with too many candidate pairs stops with. */
export const TOO_MANY_CANDIDATES = 'near-duplicates: LSH would verify more than';

function tooManyCandidates(maxCandidates: number): string {
  return `${TOO_MANY_CANDIDATES} ${maxCandidates} pairs of texts; they share much boilerplate at this threshold: raise the threshold or the shingle size, use fewer bands, or allow more candidates. Pairs: `;
}

export type MinHashSettings = Required<MinHashOptions> & { rowsPerBand: number };

/** The chance that LSH with `bands` bands of `rows` rows misses a pair of similarity s. */
export function missChance(similarity: number, bands: number, rows: number): number {
  return (1 - similarity ** rows) ** bands;
}

/** The most rows per band (fewest false candidates) that still misses a pair at `threshold` with chance <= 1e-6. */
export function bandsFor(threshold: number, hashes: number): number {
  for (let rows = hashes; rows >= 1; rows--) {
    if (hashes % rows === 0 && missChance(threshold, hashes / rows, rows) <= 1e-6) return hashes / rows;
  }
  return hashes;
}

/** The options with their defaults; throws a RangeError for values that cannot work. */
export function minHashSettings(options: MinHashOptions = {}): MinHashSettings {
  const shingle = options.shingle ?? 'char';
  const size = options.size ?? (shingle === 'char' ? 5 : 3);
  const threshold = options.threshold ?? 0.8;
  const hashes = options.hashes ?? 128;
  const seed = options.seed ?? 0;
  const maxCandidates = options.maxCandidates ?? 10_000_000;
  if (shingle !== 'char' && shingle !== 'word') throw new RangeError(`shingle must be "char" or "word", not ${JSON.stringify(shingle)}`);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a whole number of at least 1, not ${size}`);
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], not ${threshold}`);
  if (!Number.isInteger(hashes) || hashes < 1 || hashes > 1024) throw new RangeError(`hashes must be a whole number from 1 to 1024, not ${hashes}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, not ${seed}`);
  if (!Number.isInteger(maxCandidates) || maxCandidates < 0) throw new RangeError(`maxCandidates must be a whole number, not ${maxCandidates}`);
  const bands = options.bands ?? bandsFor(threshold, hashes);
  if (!Number.isInteger(bands) || bands < 1 || hashes % bands !== 0) throw new RangeError(`bands (${bands}) must divide hashes (${hashes})`);
  return { shingle, size, threshold, hashes, bands, seed, maxCandidates, rowsPerBand: hashes / bands };
}

/** The normalised text of a column, as SQL: lowercased, whitespace collapsed, trimmed; '' stays ''. */
export function normalisedText(column: string): string {
  return `trim(regexp_replace(lower(CAST(${ident(column)} AS VARCHAR)), '[\\t\\n\\v\\f\\r ]+', ' ', 'g'))`;
}

/** A whole number from the first `digits` hex digits of md5(text). */
function md5Number(text: string, digits: number): string {
  return `CAST('0x' || substr(md5(${text}), 1, ${digits}) AS UBIGINT)`;
}

function shinglesSql({ shingle, size }: MinHashSettings): string {
  if (shingle === 'char') {
    return `positions AS (SELECT doc, text, unnest(generate_series(1, greatest(length(text) - ${size - 1}, 1))) AS position FROM documents),
    shingles AS (SELECT DISTINCT doc, substring(text, CAST(position AS BIGINT), ${size}) AS shingle FROM positions)`;
  }
  return `split AS (SELECT doc, string_split(text, ' ') AS words FROM documents),
    positions AS (SELECT doc, words, unnest(generate_series(1, greatest(len(words) - ${size - 1}, 1))) AS position FROM split),
    shingles AS (SELECT DISTINCT doc, array_to_string(words[position : position + ${size - 1}], ' ') AS shingle FROM positions)`;
}

/**
 * CTEs (without the leading WITH) over `table` defining:
 * - texts(row_number, doc): each row with text, and the first row with the same normalised text;
 * - documents(doc, text): the distinct normalised texts, under their first row;
 * - shingles(doc, shingle), signatures(doc, i, h), candidates(doc_a, doc_b) with doc_a < doc_b;
 * - scored(doc_a, doc_b, jaccard): every candidate with its exact Jaccard similarity.
 */
export function minHashCtes(table: string, column: string, settings: MinHashSettings): string {
  const { hashes, rowsPerBand, seed, maxCandidates } = settings;
  const coefficient = (name: string, modulus: number) =>
    `CAST(${md5Number(`concat_ws(chr(31), ${literal(String(seed))}, 'minhash-${name}', CAST(i AS VARCHAR))`, 8)} % ${modulus} AS BIGINT)`;
  return `normalised AS (SELECT ${ident(ROW)} AS row_number, ${normalisedText(column)} AS text FROM ${table}),
    documents AS (SELECT min(row_number) AS doc, text FROM normalised WHERE text <> '' GROUP BY text),
    texts AS (SELECT n.row_number, d.doc FROM normalised n JOIN documents d ON d.text = n.text),
    ${shinglesSql(settings)},
    hashed AS (SELECT doc, list(CAST(${md5Number('shingle', 8)} % ${PRIME} AS BIGINT)) AS xs FROM shingles GROUP BY doc),
    coefficients AS (SELECT i, 1 + ${coefficient('a', PRIME - 1)} AS a, ${coefficient('b', PRIME)} AS b FROM range(${hashes}) AS r(i)),
    signatures AS (SELECT doc, i, list_min(list_transform(xs, lambda x: (a * x + b) % ${PRIME})) AS h FROM hashed CROSS JOIN coefficients),
    buckets AS (SELECT doc, i // ${rowsPerBand} AS band, list(h ORDER BY i) AS bucket FROM signatures GROUP BY doc, band),
    workload AS (SELECT coalesce(sum(members * (members - 1) // 2), 0) AS pairs FROM (SELECT count(*) AS members FROM buckets GROUP BY band, bucket)),
    candidates AS (
      SELECT DISTINCT one.doc AS doc_a, other.doc AS doc_b FROM buckets one
      JOIN buckets other ON one.band = other.band AND one.bucket = other.bucket AND one.doc < other.doc
      WHERE (SELECT CASE WHEN pairs > ${maxCandidates} THEN error(${literal(tooManyCandidates(maxCandidates))} || CAST(pairs AS VARCHAR)) ELSE TRUE END FROM workload)),
    sizes AS (SELECT doc, count(*) AS shingles FROM shingles GROUP BY doc),
    shared AS (
      SELECT c.doc_a, c.doc_b, count(*) AS common FROM candidates c
      JOIN shingles sa ON sa.doc = c.doc_a JOIN shingles sb ON sb.doc = c.doc_b AND sb.shingle = sa.shingle
      GROUP BY c.doc_a, c.doc_b),
    scored AS (
      SELECT c.doc_a, c.doc_b, coalesce(s.common, 0) / (na.shingles + nb.shingles - coalesce(s.common, 0)) AS jaccard
      FROM candidates c LEFT JOIN shared s ON s.doc_a = c.doc_a AND s.doc_b = c.doc_b
      JOIN sizes na ON na.doc = c.doc_a JOIN sizes nb ON nb.doc = c.doc_b)`;
}

/**
 * A SELECT of `row_number`: every row with an earlier near-duplicate (a row before it whose text
 * has Jaccard >= threshold with its own, an exact copy included). Removing them keeps the first
 * row of each cluster and leaves no near-duplicate pair behind. The spec check flags these rows.
 */
export function laterDuplicatesSql(table: string, column: string, settings: MinHashSettings): string {
  return `WITH ${minHashCtes(table, column, settings)}
    SELECT row_number FROM texts WHERE row_number > doc
    UNION ALL
    SELECT doc_b FROM scored WHERE jaccard >= ${thresholdSql(settings)}`;
}

/**
 * The threshold as a DOUBLE parsed from its shortest decimal form (correctly rounded, so the very
 * double the caller gave); a DECIMAL literal would reach DOUBLE through DuckDB's inexact cast.
 */
export function thresholdSql({ threshold }: MinHashSettings): string {
  return `CAST(${literal(String(threshold))} AS DOUBLE)`;
}
