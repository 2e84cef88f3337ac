// The ten checks of the bench, once in Winnow's spec words and once as the DuckDB SQL a person
// would write by hand for the same counts. bench/run-bench.mjs writes the spec from `spec`;
// bench/handwritten.mjs runs `sql`, over a table `t` loaded from the same file.

export const CATEGORIES = ['books', 'food', 'games', 'garden', 'music', 'sports', 'tools', 'toys'];
export const CODE_PATTERN = '^[A-Z]{2}-[0-9]{4}$';
const inList = CATEGORIES.map((value) => `'${value}'`).join(', ');

/**
 * Each check: its id, its spec step (without id and on_fail), and the hand-written SQL giving
 * `unexpected` (rows Winnow counts as unexpected) and/or `observed` (the value Winnow puts in
 * the step's observed[observedKey]).
 */
export const BENCH_CHECKS = [
  {
    id: 'amount_present',
    spec: { check: 'not_null', column: 'amount' },
    sql: 'SELECT count(*) - count(amount) AS unexpected FROM t',
  },
  {
    id: 'amount_range',
    spec: { check: 'between', column: 'amount', min: 0, max: 10000 },
    sql: 'SELECT count(*) FILTER (WHERE amount < 0 OR amount > 10000) AS unexpected FROM t',
  },
  {
    id: 'category_known',
    spec: { check: 'in_set', column: 'category', values: CATEGORIES },
    sql: `SELECT count(*) FILTER (WHERE category NOT IN (${inList})) AS unexpected FROM t`,
  },
  {
    id: 'code_format',
    spec: { check: 'regex', column: 'code', pattern: CODE_PATTERN },
    sql: `SELECT count(*) FILTER (WHERE NOT regexp_matches(code, '${CODE_PATTERN}')) AS unexpected FROM t`,
  },
  {
    id: 'id_unique',
    spec: { check: 'unique', column: 'id' },
    sql: 'SELECT coalesce(sum(n), 0) AS unexpected FROM (SELECT count(*) AS n FROM t WHERE id IS NOT NULL GROUP BY id HAVING count(*) > 1)',
  },
  {
    id: 'ref_numeric',
    spec: { check: 'of_type', column: 'ref', type: 'BIGINT' },
    sql: 'SELECT count(*) FILTER (WHERE ref IS NOT NULL AND TRY_CAST(ref AS BIGINT) IS NULL) AS unexpected FROM t',
  },
  {
    id: 'score_mean',
    spec: { check: 'mean_between', column: 'score', min: 0.45, max: 0.55 },
    observedKey: 'mean',
    sql: 'SELECT avg(score) AS observed FROM t',
  },
  {
    id: 'score_nulls',
    spec: { check: 'null_fraction', column: 'score', max: 0.1 },
    observedKey: 'nullFraction',
    sql: 'SELECT count(*) - count(score) AS unexpected, (count(*) - count(score)) / count(*) AS observed FROM t',
  },
  {
    id: 'row_count',
    spec: { check: 'row_count_between', min: 1000000, max: 10000000 },
    observedKey: 'rows',
    sql: 'SELECT count(*) AS observed FROM t',
  },
  {
    id: 'quantity_and_time',
    spec: { check: 'sql', predicate: "qty >= 0 AND ts < TIMESTAMP '2025-06-01 00:00:00'" },
    sql: "SELECT count(*) FILTER (WHERE NOT coalesce(qty >= 0 AND ts < TIMESTAMP '2025-06-01 00:00:00', FALSE)) AS unexpected FROM t",
  },
];
