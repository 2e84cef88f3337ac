import { WinnowError } from '../../errors';
import { featureColumns } from '../../spec/column-roles';
import { labelText } from '../../stats/labels/conflicts';
import { ident } from '../../sql';
import { columnListParam, columnParam } from '../params';
import type { CheckDefinition } from '../step';

export interface LabelConflictsParams {
  /**
   * The input columns; rows identical on all of them should carry one label. Default: the spec's
   * columns.features, else every column no role names (not the id, timestamp, label, prediction,
   * score, annotator, item, text or ignored ones) other than the label.
   */
  features?: string[];
  /** Default: the spec's columns.label. */
  label?: string;
}

/**
 * Identical inputs carry one label: a row fails when another row with the same feature values
 * (NULL equal to NULL) has a different label (compared as text). Every row of a conflicting group
 * fails, so `on_fail: reject` removes them all; rows without a label are not counted (with none,
 * the check is not evaluated). Without `features`, the features are the spec's (see
 * featureColumns): an id or a timestamp would make every row its own group. The counts
 * agree with labelConflicts() in pipelines/stats/labels/conflicts.ts.
 *
 * @example
 * { id: consistent, check: label_conflicts, features: [text], label: sentiment, on_fail: reject }
 */
export const labelConflicts: CheckDefinition<LabelConflictsParams> = {
  kind: 'check',
  name: 'label_conflicts',
  summary: 'Rows with identical feature values carry the same label.',
  params: { properties: { features: columnListParam, label: columnParam } },
  reads: ({ features = [], label }) => [...features, ...(label ? [label] : [])],
  fromRoles: (_params, roles) => ({ label: roles.label }),
  validate: ({ label }) => (label ? [] : [{ field: 'label', message: 'needs the label column: name it here or declare columns.label' }]),
  nothingToMeasure: ({ label }) => `no labelled row in "${label}"`,
  rows: ({ features: written, label }, ctx) => {
    if (!label) throw new WinnowError('needs the label column: name it here or declare columns.label', { stepId: ctx.stepId, field: 'label' }, 'spec');
    const names = ctx.columns.map((column) => column.name);
    const features = written ?? featureColumns(ctx.roles, names, [label]);
    if (features.length === 0) {
      throw new WinnowError(
        `no feature column to compare rows on: every column at this step has a role (list features here or declare columns.features)`,
        { stepId: ctx.stepId, field: 'features' },
        'spec',
      );
    }
    const group = `PARTITION BY ${features.map(ident).join(', ')}`;
    const fields = [...features, label].map((column) => `${ident(column)} := ${ident(column)}`).join(', ');
    return {
      domain: `${ident(label)} IS NOT NULL`,
      failing: `min(${labelText(label)}) OVER (${group}) IS DISTINCT FROM max(${labelText(label)}) OVER (${group})`,
      value: `CAST(struct_pack(${fields}) AS VARCHAR)`,
    };
  },
};
