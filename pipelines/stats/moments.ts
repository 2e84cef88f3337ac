/**
 * The mean and the population standard deviation of a set of doubles, computed so they come out
 * the same to the last bit whatever order DuckDB's threads add the values in: on the parallel
 * native engine and the single-threaded wasm one, run after run. (A floating-point sum, even
 * DuckDB's compensated fsum, changes in its last bits with the order in which partial sums meet;
 * a sum of integers does not.)
 *
 * Each value is divided by the largest magnitude and scaled by 2^61 into a BIGINT, which DuckDB
 * sums exactly in a 128-bit accumulator; the mean is that sum scaled back. The deviations from the
 * mean get the same treatment, divided by the largest deviation, so the sum of squares never
 * overflows. Every step is an exactly rounded operation (÷, ×, −, √), none a libm function. Each
 * value is rounded to a multiple of 2^-61 of the largest magnitude, so the mean is within
 * 2^-62 × max|x| of the exact mean of the doubles (docs/statistics.md, Outliers).
 */

/** 2^61 as a DOUBLE: a value scaled to [-1, 1] times this fits a BIGINT with room for rounding. */
const UNIT = 'CAST(2305843009213693952 AS DOUBLE)';

/** The fixed-point sum of the DOUBLE expression `scaled` (in [-1, 1]), as a DOUBLE in the same units. */
function exactSum(scaled: string): string {
  return `(CAST(sum(CAST(round((${scaled}) * ${UNIT}) AS BIGINT)) AS DOUBLE) / ${UNIT})`;
}

/**
 * A SELECT of one row over `values` (a SELECT of finite doubles named `v`): `values` (their count),
 * `mean` and `std` (population: divided by n). Without values the mean and std are NULL; a
 * constant set has std 0.
 */
export function momentsSql(values: string): string {
  return `WITH __values AS MATERIALIZED (${values}),
    __top AS MATERIALIZED (SELECT count(*) AS n, max(abs(v)) AS top FROM __values),
    __mean AS MATERIALIZED (
      SELECT CASE WHEN top = 0 THEN 0.0 ELSE top * (${exactSum('v / nullif(top, 0)')} / n) END AS mean
      FROM __values, __top GROUP BY top, n),
    __spread AS MATERIALIZED (SELECT max(abs(v - mean)) AS spread FROM __values, __mean),
    __deviations AS (SELECT (v - mean) / nullif(spread, 0) AS e FROM __values, __mean, __spread),
    __std AS (
      SELECT CASE WHEN spread = 0 THEN 0.0 ELSE spread * sqrt(${exactSum('e * e')} / n) END AS std
      FROM __deviations, __spread, __top GROUP BY spread, n)
    SELECT __top.n AS "values", __mean.mean, __std.std FROM __top LEFT JOIN __mean ON TRUE LEFT JOIN __std ON TRUE`;
}

/**
 * momentsSql's `values` and `mean` alone, to the same bit, without the standard deviation: two
 * scans of `values` (its largest magnitude, then the scaled sum) and nothing materialised. The
 * mean check needs no more; the five CTEs of momentsSql cost it 20 times a plain avg on 5M rows.
 */
export function meanSql(values: string): string {
  return `WITH __top AS (SELECT count(*) AS n, max(abs(v)) AS top FROM (${values})),
    __sum AS (SELECT ${exactSum('v / nullif((SELECT top FROM __top), 0)')} AS total FROM (${values}))
    SELECT __top.n AS "values", CASE WHEN n = 0 THEN NULL WHEN top = 0 THEN 0.0 ELSE top * (total / n) END AS mean FROM __top, __sum`;
}
