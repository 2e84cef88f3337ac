/**
 * Agreement between every pair of annotators, for the heatmap: Cohen's kappa of each pair over
 * the items both rated. DuckDB joins the ratings with themselves and counts each pair's
 * confusion table in one query; the kappas are computed exactly from those counts by
 * pipelines/stats/labels/agreement/cohen.ts, so a pair's value is the one `agreement()` gives
 * for those two annotators alone.
 */
import type { Engine } from '../../pipelines/engine/engine';
import { ratingsOf, type RatingsInput } from '../../pipelines/stats/labels/agreement/agreement';
import { cohenKappa, type ConfusionCell } from '../../pipelines/stats/labels/agreement/cohen';
import { big } from '../../pipelines/stats/labels/exact';
import { literalList } from '../../pipelines/sql';
import type { AgreementCell } from '../charts/label-charts';

/** More annotators than this make an unreadable matrix: the most active ones are shown. */
export const MAX_MATRIX_ANNOTATORS = 20;

export interface AgreementMatrix {
  /** In the matrix's order: the columns as given (wide), or the most active first (long). */
  annotators: string[];
  /** Annotators left out of the matrix (beyond MAX_MATRIX_ANNOTATORS). */
  omitted: number;
  /** Each pair once, first before second in `annotators`' order. */
  cells: AgreementCell[];
}

export async function agreementMatrix(engine: Engine, table: string, input: RatingsInput, limit = MAX_MATRIX_ANNOTATORS): Promise<AgreementMatrix> {
  const ratings = await ratingsOf(engine, table, input);
  const active = await engine.query(`SELECT annotator, count(*) AS n FROM (${ratings}) GROUP BY annotator ORDER BY n DESC, annotator`);
  const everyone =
    'annotators' in input ? input.annotators.filter((name) => active.some((row) => row.annotator === name)) : active.map((row) => String(row.annotator));
  const annotators = everyone.slice(0, limit);
  if (annotators.length < 2) return { annotators, omitted: everyone.length - annotators.length, cells: [] };
  const rows = await engine.query(
    `WITH ratings AS (SELECT * FROM (${ratings}) WHERE annotator IN (${literalList(annotators)}))
     SELECT a.annotator AS first_annotator, b.annotator AS second_annotator, a.label AS first, b.label AS second, count(*) AS n
     FROM ratings a JOIN ratings b ON a.item = b.item AND a.annotator <> b.annotator
     GROUP BY ALL ORDER BY ALL`,
  );
  const cells: AgreementCell[] = [];
  for (const [index, first] of annotators.entries()) {
    for (const second of annotators.slice(index + 1)) {
      const confusion: ConfusionCell[] = rows
        .filter((row) => row.first_annotator === first && row.second_annotator === second)
        .map((row) => ({ first: String(row.first), second: String(row.second), count: big(row.n) }));
      const kappa = cohenKappa(confusion);
      cells.push({ first, second, value: kappa.value, items: kappa.items, observed: kappa.observedAgreement });
    }
  }
  return { annotators, omitted: everyone.length - annotators.length, cells };
}
