/**
 * Expected calibration error (Naeini, Cooper & Hauskrecht 2015, "Obtaining well calibrated
 * probabilities using Bayesian binning", AAAI; Guo et al. 2017, "On calibration of modern neural
 * networks", ICML): scores in [0, 1] fall into B equal-width bins, bin b = min(⌊score · B⌋, B − 1),
 * and
 *
 *   ECE = Σ_b (n_b / n) · |observed_b − mean score_b| = Σ_b |hits_b − Σ scores_b| / n
 *
 * where a hit is "the statement the score is about came true": in a binary task the score is the
 * probability of the positive class and a hit is a positive label; in a multiclass task the score
 * is the confidence of the predicted class and a hit is a correct prediction. Rows whose score is
 * NULL, NaN or outside [0, 1] are left out.
 *
 * Scores are summed as integers in units of 2^-53 (exact for scores ≥ 0.5, within 2^-54 for the
 * others), so the sums, and the ECE, are the same whatever order DuckDB's threads add in.
 */

/** Equal-width bins on [0, 1] by default. */
export const DEFAULT_ECE_BINS = 10;

/** 2^53, the units scores are summed in. */
export const SCORE_UNITS = 9007199254740992;

/** The score's bin (INTEGER 0 … bins − 1), NULL where the score is not in [0, 1]. */
export function scoreBinSql(score: string, bins: number): string {
  return `CASE WHEN ${score} >= 0 AND ${score} <= 1 THEN least(CAST(floor(${score} * ${bins}) AS INTEGER), ${bins - 1}) END`;
}

/** The score in integer units of 2^-53 (BIGINT). */
export function scoreUnitsSql(score: string): string {
  return `CAST(round(${score} * CAST(${SCORE_UNITS} AS DOUBLE)) AS BIGINT)`;
}

/** One bin's (weighted) counts: rows, hits, and the sum of its scores. */
export interface CalibrationCounts {
  bin: number;
  rows: number;
  hits: number;
  scoreSum: number;
}

/** A bin of the reliability diagram. */
export interface CalibrationBin {
  bin: number;
  /** The bin covers [lower, upper), the last one [lower, 1]. */
  lower: number;
  upper: number;
  rows: number;
  meanScore: number;
  /** The share of hits: positives (binary) or correct predictions (multiclass). */
  observed: number;
}

/** ECE from the bins' counts; null without rows. */
export function expectedCalibrationError(bins: readonly CalibrationCounts[]): number | null {
  let rows = 0;
  let gap = 0;
  // In bin order: the rows of a grouped query come in any order, a sum of doubles must not.
  for (const bin of [...bins].sort((a, b) => a.bin - b.bin)) {
    rows += bin.rows;
    gap += Math.abs(bin.hits - bin.scoreSum);
  }
  return rows === 0 ? null : gap / rows;
}

/** The reliability diagram's non-empty bins, in order. */
export function reliabilityBins(bins: readonly CalibrationCounts[], binCount: number): CalibrationBin[] {
  return [...bins]
    .filter((bin) => bin.rows > 0)
    .sort((a, b) => a.bin - b.bin)
    .map((bin) => ({
      bin: bin.bin,
      lower: bin.bin / binCount,
      upper: (bin.bin + 1) / binCount,
      rows: bin.rows,
      meanScore: bin.scoreSum / bin.rows,
      observed: bin.hits / bin.rows,
    }));
}
