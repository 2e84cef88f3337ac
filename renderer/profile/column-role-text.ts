/**
 * How a column role reads in the app: the badge in the column's header, a sentence on what each
 * role does, and a positive class typed as text turned into the value the label column holds.
 */
import type { ColumnRole, Role } from '../../pipelines/spec/column-roles';
import type { ClassValue } from '../../pipelines/spec/types';

export const ROLE_HELP: Record<Role, string> = {
  id: 'Identifies a row (one column or several): never tested for drift.',
  timestamp: 'When the row happened: never tested for drift.',
  label: 'The ground truth: Slices and Labels use it as the label.',
  prediction: 'A model’s predicted class: Slices compares it with the label.',
  score: 'A model’s probability of one class, the positive class: calibration (ECE) and score metrics use it.',
  annotator: 'Who labelled the row: Labels measures agreement between annotators.',
  item: 'What the row labels: Labels pairs the annotators’ ratings of one item.',
  text: 'Free text: near-duplicate checks compare it.',
  features: 'A model input, listed by name (without a list, every column without a role is one).',
  ignore: 'No statistic looks at it: never tested for drift, not a feature.',
};

/** The header badge: `id`, `label`, `score · 1`, `score of yes`. */
export function roleBadge(role: ColumnRole): string {
  if (role.role === 'score')
    return role.positive !== undefined ? `score · ${String(role.positive)}` : role.scoreOf !== undefined ? `score of ${role.scoreOf}` : 'score';
  return role.role === 'features' ? 'feature' : role.role;
}

/**
 * A positive class as the label column holds it: `1` is the number 1 for a numeric label, `true`
 * the boolean for a BOOLEAN one; otherwise (and for a label of unknown type) the text as typed.
 */
export function classValue(text: string, labelType: string | undefined): ClassValue {
  const type = (labelType ?? '').toUpperCase();
  if (type === 'BOOLEAN' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (/INT|DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC/.test(type) && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}
