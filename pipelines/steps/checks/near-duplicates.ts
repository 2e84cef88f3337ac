import { ROW } from '../../table/rejects';
import { ident } from '../../sql';
import { laterDuplicatesSql, minHashSettings, normalisedText, type MinHashOptions } from '../../stats/duplicates/minhash';
import { columnParam } from '../params';
import type { CheckDefinition, ParamProblem } from '../step';

export interface NearDuplicatesParams extends Omit<MinHashOptions, 'seed' | 'maxCandidates'> {
  /** The text column. */
  column: string;
  /** Most candidate pairs LSH may propose before the step stops with an error. */
  max_candidates?: number;
}

function settingsOf({ max_candidates, column: _column, ...options }: NearDuplicatesParams, seed: number) {
  return minHashSettings({ ...options, seed, maxCandidates: max_candidates });
}

/**
 * No text is a near-duplicate of an earlier row's: Jaccard similarity of the shingle sets below
 * `threshold` (default 0.8), found by seeded MinHash/LSH and verified exactly (see
 * pipelines/stats/duplicates/minhash.ts; the spec's seed drives the hashes). As with
 * `duplicates`, the first row of each cluster is expected and every later one fails, so
 * `on_fail: reject` keeps one row per cluster and `mostly: 0.99` allows 1% near-duplicates.
 * Rows with no text (NULL, or only whitespace) are not counted; with none, the check is not evaluated.
 *
 * @example
 * { id: fresh_text, check: near_duplicates, column: review, threshold: 0.85, on_fail: reject }
 */
export const nearDuplicates: CheckDefinition<NearDuplicatesParams> = {
  kind: 'check',
  name: 'near_duplicates',
  summary: 'No text is a near-duplicate (MinHash, exact Jaccard >= threshold) of an earlier row.',
  params: {
    properties: {
      column: columnParam,
      threshold: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'Jaccard similarity from which texts are near-duplicates. Default 0.8.' },
      shingle: { enum: ['char', 'word'], description: 'Character (default) or word n-grams.' },
      size: { type: 'integer', minimum: 1, description: 'n of the n-grams. Default 5 for characters, 3 for words.' },
      hashes: { type: 'integer', minimum: 1, maximum: 1024, description: 'MinHash functions. Default 128.' },
      bands: { type: 'integer', minimum: 1, description: 'LSH bands; must divide hashes. Default: from the threshold.' },
      max_candidates: {
        type: 'integer',
        minimum: 0,
        description: 'Most candidate pairs LSH may propose before the step stops with an error. Default 10,000,000.',
      },
    },
    required: ['column'],
  },
  reads: ({ column }) => [column],
  nothingToMeasure: ({ column }) => `no row has text in "${column}"`,
  validate: (params): ParamProblem[] => {
    try {
      settingsOf(params, 0);
      return [];
    } catch (error) {
      return [{ field: 'bands', message: (error as Error).message }];
    }
  },
  rows: (params, ctx) => ({
    domain: `${normalisedText(params.column)} <> ''`,
    failing: `${ident(ROW)} IN (${laterDuplicatesSql(ctx.table, params.column, settingsOf(params, ctx.seed))})`,
    value: ident(params.column),
  }),
};
