import { labelText } from '../../stats/labels/conflicts';
import { ident } from '../../sql';
import { columnListParam, columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface LabelConflictsParams {
  /** The input columns; rows identical on all of them should carry one label. */
  features: string[];
  label: string;
}

/**
 * Identical inputs carry one label: a row fails when another row with the same feature values
 * (NULL equal to NULL) has a different label (compared as text). Every row of a conflicting group
 * fails, so `on_fail: reject` removes them all; rows without a label are not counted (with none,
 * the check is not evaluated). The counts
 * agree with labelConflicts() in pipelines/stats/labels/conflicts.ts.
 *
 * @example
 * { id: consistent, check: label_conflicts, features: [text], label: sentiment, on_fail: reject }
 */
export const labelConflicts: CheckDefinition<LabelConflictsParams> = {
  kind: 'check',
  name: 'label_conflicts',
  summary: 'Rows with identical feature values carry the same label.',
  params: { properties: { features: columnListParam, label: columnParam }, required: ['features', 'label'] },
  reads: ({ features, label }) => [...features, label],
  nothingToMeasure: ({ label }) => `no labelled row in "${label}"`,
  rows: ({ features, label }) => {
    const group = `PARTITION BY ${features.map(ident).join(', ')}`;
    const fields = [...features, label].map((column) => `${ident(column)} := ${ident(column)}`).join(', ');
    return {
      domain: `${ident(label)} IS NOT NULL`,
      failing: `min(${labelText(label)}) OVER (${group}) IS DISTINCT FROM max(${labelText(label)}) OVER (${group})`,
      value: `CAST(struct_pack(${fields}) AS VARCHAR)`,
    };
  },
};
