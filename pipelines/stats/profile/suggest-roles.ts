/**
 * Column roles suggested from a profile (issue 14), each with the one-line reason a person checks:
 *
 *   id          a unique integer or UUID-like text column with no nulls (named like an id when
 *               several are)
 *   timestamp   the only date or time column
 *   label       a column named like label, target, class, y, outcome
 *   prediction  a column named like pred, prediction, predicted, y_hat
 *   score       numbers within [0, 1] named like score, prob, proba, probability, confidence; with
 *               the positive class read from a two-class label (1 of 0/1, true of true/false,
 *               otherwise the rarer class, said to be a guess), and not suggested without one
 *
 * A column gets at most one role. `rolesYaml` writes them as a `columns:` block to paste into a spec.
 *
 * @example
 * rolesYaml(suggestRoles(profile))
 * // columns:
 * //   # patient_id: 300 distinct integers in 300 rows, no nulls.
 * //   id: patient_id
 */
import { stringify } from 'yaml';
import type { ClassValue, ColumnRoles } from '../../spec/types';
import type { ColumnProfile, Profile } from './types';

export interface RoleSuggestion {
  role: keyof ColumnRoles;
  column: string;
  reason: string;
}

export interface SuggestedRoles {
  /** The block to put in a spec. */
  columns: ColumnRoles;
  /** Why each role was suggested, in the block's order. */
  reasons: RoleSuggestion[];
}

const count = (value: number) => value.toLocaleString('en-US');

/** A name's words, lower case: `patientID` and `patient_id` are both patient, id. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether a word of the column's name, or the whole name run together (`y_hat` is yhat), is one of `names`. */
const namedLike = (column: ColumnProfile, names: readonly string[]) =>
  [...words(column.name), words(column.name).join('')].some((word) => names.includes(word));

const ID_WORDS = ['id', 'uuid', 'guid', 'key'];
const LABEL_WORDS = ['label', 'target', 'class', 'y', 'outcome', 'truth'];
const PREDICTION_WORDS = ['pred', 'prediction', 'predicted', 'yhat'];
const SCORE_WORDS = ['score', 'prob', 'proba', 'probability', 'confidence'];

const isIntegerType = (type: string) => /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|INT[1248]|LONG|SHORT)$/i.test(type);
const isFractionalType = (type: string) => /^(DOUBLE|FLOAT|REAL|FLOAT[48]|DECIMAL.*|NUMERIC.*)$/i.test(type);

function isUniqueComplete(column: ColumnProfile): boolean {
  return column.distinctExact && column.nulls === 0 && column.count >= 2 && column.distinct === column.count;
}

function idReason(column: ColumnProfile): string | null {
  if (!isUniqueComplete(column)) return null;
  if (column.kind === 'numeric' && isIntegerType(column.type))
    return `${column.name}: ${count(column.distinct)} distinct integers in ${count(column.count)} rows, no nulls.`;
  if (column.kind === 'string' && column.patterns?.dominant === 'uuid')
    return `${column.name}: ${count(column.distinct)} distinct UUIDs in ${count(column.count)} rows, no nulls.`;
  return null;
}

/** The positive class of a two-class label, and how it was chosen; null when the label does not have two classes. */
function positiveClass(label: ColumnProfile): { positive: ClassValue; why: string } | null {
  if (label.distinct !== 2) return null;
  if (label.kind === 'numeric' && label.min === 0 && label.max === 1) return { positive: 1, why: `1 of ${label.name}'s 0/1` };
  if (label.kind === 'boolean') return { positive: true, why: `true of ${label.name}'s true/false` };
  const values = label.top?.values ?? [];
  if (label.kind === 'string' && values.length === 2 && label.top?.other === 0) {
    // Most frequent first: the rarer class is the one usually scored. A guess, said as one.
    return { positive: values[1]!.value, why: `${JSON.stringify(values[1]!.value)}, the rarer of ${label.name}'s two classes (a guess: check it)` };
  }
  return null;
}

/** Roles the profile suggests, with why. */
export function suggestRoles(profile: Profile): SuggestedRoles {
  const taken = new Set<string>();
  const reasons: RoleSuggestion[] = [];
  const columns: ColumnRoles = {};
  const assign = (role: keyof ColumnRoles, column: ColumnProfile, reason: string) => {
    taken.add(column.name);
    reasons.push({ role, column: column.name, reason });
  };

  const ids = profile.columns.filter((column) => idReason(column));
  const named = ids.filter((column) => namedLike(column, ID_WORDS));
  const id = named[0] ?? (ids.length === 1 ? ids[0] : undefined);
  if (id) {
    columns.id = id.name;
    assign('id', id, idReason(id)!);
  }

  const temporal = profile.columns.filter((column) => column.kind === 'temporal');
  if (temporal.length === 1 && !taken.has(temporal[0]!.name)) {
    columns.timestamp = temporal[0]!.name;
    assign('timestamp', temporal[0]!, `${temporal[0]!.name}: the only date or time column (${temporal[0]!.type}).`);
  }

  const byName = (names: readonly string[], not: readonly string[]) =>
    profile.columns.find((column) => !taken.has(column.name) && namedLike(column, names) && !namedLike(column, not));
  const label = byName(LABEL_WORDS, [...PREDICTION_WORDS, ...SCORE_WORDS]);
  if (label) {
    columns.label = label.name;
    assign('label', label, `${label.name}: named like a label (${count(label.distinct)} distinct values).`);
  }
  const prediction = byName(PREDICTION_WORDS, SCORE_WORDS);
  if (prediction) {
    columns.prediction = prediction.name;
    assign('prediction', prediction, `${prediction.name}: named like a prediction.`);
  }

  const positive = label ? positiveClass(label) : null;
  const score = profile.columns.find(
    (column) =>
      !taken.has(column.name) &&
      column.kind === 'numeric' &&
      isFractionalType(column.type) &&
      typeof column.min === 'number' &&
      typeof column.max === 'number' &&
      column.min >= 0 &&
      column.max <= 1 &&
      (column.numeric?.nonFinite ?? 0) === 0 &&
      namedLike(column, SCORE_WORDS),
  );
  if (score && positive) {
    columns.score = { column: score.name, positive: positive.positive };
    assign('score', score, `${score.name}: named like a score, values within [0, 1]; positive class ${positive.why}.`);
  }
  return { columns, reasons };
}

/** The roles as a `columns:` block to paste into a spec, each role under a comment saying why. */
export function rolesYaml({ columns, reasons }: SuggestedRoles, heading: string): string {
  if (reasons.length === 0) return `# ${heading}\n# No column looks like an id, a timestamp, a label, a prediction or a score.\ncolumns: {}\n`;
  const lines = [`# ${heading}`, 'columns:'];
  for (const { role, reason } of reasons) {
    lines.push(`  # ${reason.replace(/[\r\n]+/g, ' ')}`);
    const block = stringify({ [role]: columns[role] }, { lineWidth: 0 }).trimEnd();
    lines.push(...block.split('\n').map((line) => `  ${line}`));
  }
  return lines.join('\n') + '\n';
}
