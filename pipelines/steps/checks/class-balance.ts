import { classBalance as measureBalance } from '../../stats/labels/balance';
import { columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface ClassBalanceParams {
  label: string;
  /** Highest allowed ratio of the largest class count to the smallest. */
  max_ratio?: number;
  /** Lowest allowed entropy of the class shares divided by ln(number of classes), in [0, 1]. */
  min_normalized_entropy?: number;
}

/**
 * The label's classes are balanced enough: largest / smallest class count at most `max_ratio`,
 * and/or the normalised entropy at least `min_normalized_entropy`. Missing labels are not a
 * class. With no labelled row it is not evaluated; a single class fails `min_normalized_entropy`.
 *
 * @example
 * { id: balanced, check: class_balance, label: species, max_ratio: 3 }
 */
export const classBalance: CheckDefinition<ClassBalanceParams> = {
  kind: 'check',
  name: 'class_balance',
  summary: 'The largest class is at most max_ratio times the smallest (and/or the entropy reaches a minimum).',
  params: {
    properties: {
      label: columnParam,
      max_ratio: { type: 'number', minimum: 1, description: 'Highest allowed largest / smallest class count.' },
      min_normalized_entropy: { type: 'number', minimum: 0, maximum: 1, description: 'Lowest allowed entropy / ln(classes).' },
    },
    required: ['label'],
    extra: { anyOf: [{ required: ['max_ratio'] }, { required: ['min_normalized_entropy'] }] },
  },
  reads: ({ label }) => [label],
  dataset: async ({ label, max_ratio, min_normalized_entropy }, ctx) => {
    const balance = await measureBalance(ctx.engine, ctx.table, { label });
    const { imbalanceRatio, normalizedEntropy } = balance;
    const ratioHolds = max_ratio === undefined || (imbalanceRatio !== null && imbalanceRatio <= max_ratio);
    const entropyHolds = min_normalized_entropy === undefined || (normalizedEntropy !== null && normalizedEntropy >= min_normalized_entropy);
    return {
      success: ratioHolds && entropyHolds,
      ...(balance.labelled === 0 ? { notEvaluated: `no labelled row in "${label}"` } : {}),
      observed: {
        imbalanceRatio,
        entropy: balance.entropy,
        normalizedEntropy,
        classes: Object.fromEntries(balance.classes.map((entry) => [entry.label, entry.count])),
        missing: balance.missing,
      },
      elementCount: balance.labelled,
    };
  },
};
