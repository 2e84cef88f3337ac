/**
 * Counts per category for comparing categorical columns: every category seen on either side, in
 * text order, with its count on each side (0 where it is absent from one). Only these counts
 * leave SQL; a column with more distinct categories than a limit is not compared (its counts
 * would not be a summary, and a chi-square over them would say little).
 */
import type { Engine } from '../../engine/engine';
import { mergedCountsSql, type Samples } from './samples';

/** The most categories a categorical column may have (on both sides together) to be compared. */
export const DEFAULT_MAX_CATEGORIES = 10_000;

export interface CategoryCounts {
  categories: string[];
  baseline: number[];
  current: number[];
}

/** The counts, or null when there are more than `maxCategories` categories. */
export async function categoryCounts(engine: Engine, samples: Samples, maxCategories = DEFAULT_MAX_CATEGORIES): Promise<CategoryCounts | null> {
  const rows = await engine.query(`${mergedCountsSql(samples)} ORDER BY value LIMIT ${Math.floor(maxCategories) + 1}`);
  if (rows.length > maxCategories) return null;
  return {
    categories: rows.map((row) => String(row.value)),
    baseline: rows.map((row) => Number(row.baseline_count)),
    current: rows.map((row) => Number(row.current_count)),
  };
}
