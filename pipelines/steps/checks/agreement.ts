import { agreement as measureAgreement, type RatingsInput } from '../../stats/labels/agreement/agreement';
import { columnListParam, columnParam } from '../params';
import type { CheckDefinition, ParamProblem } from '../step';

export interface AgreementParams {
  /** Wide data: one column of labels per annotator (at least two). */
  annotators?: string[];
  /** The item column: required for long data; for wide data default Winnow's row number. */
  item?: string;
  /** Long data: the annotator column. */
  annotator?: string;
  /** Long data: the label column. */
  label?: string;
  /** Lowest kappa allowed: Cohen's for two annotators, Fleiss' for more. */
  min_kappa?: number;
  /** Lowest Krippendorff's alpha (nominal) allowed. */
  min_alpha?: number;
}

function ratingsOf({ annotators, item, annotator, label }: AgreementParams): RatingsInput {
  if (annotators) return item ? { annotators, item } : { annotators };
  return { item: item!, annotator: annotator!, label: label! };
}

/**
 * Annotators agree: the kappa (Cohen's for two annotators, Fleiss' for more) is at least
 * `min_kappa`, and/or Krippendorff's alpha at least `min_alpha`. With no item labelled twice
 * (no pairable item) it is not evaluated; an undefined coefficient otherwise (a single label
 * throughout) fails. See docs/statistics.md#label-quality.
 *
 * @example
 * { id: agree, check: agreement, annotators: [ann, bob, cy], min_kappa: 0.8 }
 * { id: agree, check: agreement, item: text_id, annotator: worker, label: sentiment, min_alpha: 0.667 }
 */
export const agreementCheck: CheckDefinition<AgreementParams> = {
  kind: 'check',
  name: 'agreement',
  summary: "Annotators agree: Cohen's (two) or Fleiss' (more) kappa, or Krippendorff's alpha, reaches a minimum.",
  params: {
    properties: {
      annotators: { ...columnListParam, minItems: 2, description: 'Wide data: one column of labels per annotator.' },
      item: { ...columnParam, description: 'The item column (long data; wide data: default the row number).' },
      annotator: { ...columnParam, description: 'Long data: the annotator column.' },
      label: { ...columnParam, description: 'Long data: the label column.' },
      min_kappa: { type: 'number', minimum: -1, maximum: 1, description: "Lowest Cohen's (two annotators) or Fleiss' kappa allowed." },
      min_alpha: { type: 'number', maximum: 1, description: "Lowest Krippendorff's alpha (nominal) allowed." },
    },
    extra: {
      oneOf: [{ required: ['annotators'] }, { required: ['item', 'annotator', 'label'] }],
      anyOf: [{ required: ['min_kappa'] }, { required: ['min_alpha'] }],
    },
  },
  reads: ({ annotators, item, annotator, label }) => [...(annotators ?? []), ...[item, annotator, label].filter((column): column is string => Boolean(column))],
  validate: ({ annotators, annotator, label }) => {
    const problems: ParamProblem[] = [];
    if (annotators) {
      for (const [field, value] of [
        ['annotator', annotator],
        ['label', label],
      ] as const) {
        if (value !== undefined)
          problems.push({ field, message: `"${field}" is for long data (item, annotator, label); with "annotators" (wide data) leave it out` });
      }
      if (new Set(annotators).size !== annotators.length) problems.push({ field: 'annotators', message: 'an annotator column is listed twice' });
    }
    return problems;
  },
  dataset: async (params, ctx) => {
    const result = await measureAgreement(ctx.engine, ctx.table, ratingsOf(params), { lowest: 5 });
    const kappa = result.kappa.value;
    const alpha = result.krippendorffAlpha.value;
    const kappaHolds = params.min_kappa === undefined || (kappa !== null && kappa >= params.min_kappa);
    const alphaHolds = params.min_alpha === undefined || (alpha !== null && alpha >= params.min_alpha);
    return {
      success: kappaHolds && alphaHolds,
      ...(result.pairableItems === 0 ? { notEvaluated: `no item is labelled twice (${result.items} items labelled once)` } : {}),
      observed: {
        kappa,
        method: result.kappa.method,
        alpha,
        annotators: result.annotators.length,
        items: result.items,
        pairableItems: result.pairableItems,
        lowestItems: result.lowestItems.map(({ item, agreement, majority }) => ({ item, agreement, majority })),
      },
    };
  },
};
