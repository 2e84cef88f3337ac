/**
 * Classification metrics from a confusion table (counts per label and prediction, possibly
 * bootstrap-weighted), with scikit-learn 1.2's definitions and `zero_division=0`:
 *
 * - accuracy = correct / rows (sklearn.metrics.accuracy_score);
 * - binary (a positive class): precision = TP / (TP + FP), recall = TP / (TP + FN), each 0 when
 *   its denominator is; F1 = 2PR / (P + R), 0 when P + R = 0 (precision_recall_fscore_support
 *   with labels=[positive]: one against the rest, so labels other than the two also count as
 *   negative);
 * - multiclass: the unweighted mean over the classes present in labels or predictions of the
 *   per-class precision, recall and F1 (average='macro').
 *
 * Labels and predictions are compared as text (CAST to VARCHAR).
 */

/** Rows (or bootstrap weight) with this label and this prediction. */
export interface ConfusionCell {
  label: string;
  prediction: string;
  rows: number;
}

/** A metric's value and, for a proportion, its numerator and denominator (for its Wilson interval). */
export interface MetricValue {
  value: number | null;
  successes?: number;
  trials?: number;
}

export interface ClassificationMetrics {
  accuracy: MetricValue;
  precision: MetricValue;
  recall: MetricValue;
  f1: MetricValue;
  /** Rows with both a label and a prediction. */
  rows: number;
}

const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 0 : numerator / denominator);

/** F1 as sklearn 1.2 computes it: from precision and recall, 0 when both are 0. */
function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function accuracyOf(cells: readonly ConfusionCell[]): { rows: number; accuracy: MetricValue } {
  let rows = 0;
  let correct = 0;
  for (const cell of cells) {
    rows += cell.rows;
    if (cell.label === cell.prediction) correct += cell.rows;
  }
  return { rows, accuracy: { value: rows === 0 ? null : correct / rows, successes: correct, trials: rows } };
}

/** Accuracy, and precision, recall and F1 of the positive class against the rest. */
export function binaryMetrics(cells: readonly ConfusionCell[], positive: string): ClassificationMetrics {
  const { rows, accuracy } = accuracyOf(cells);
  let truePositives = 0;
  let predictedPositives = 0;
  let actualPositives = 0;
  for (const cell of cells) {
    if (cell.prediction === positive) predictedPositives += cell.rows;
    if (cell.label === positive) actualPositives += cell.rows;
    if (cell.prediction === positive && cell.label === positive) truePositives += cell.rows;
  }
  if (rows === 0) return { rows, accuracy, precision: { value: null }, recall: { value: null }, f1: { value: null } };
  const precision = ratio(truePositives, predictedPositives);
  const recall = ratio(truePositives, actualPositives);
  return {
    rows,
    accuracy,
    precision: { value: precision, successes: truePositives, trials: predictedPositives },
    recall: { value: recall, successes: truePositives, trials: actualPositives },
    f1: { value: f1Of(precision, recall) },
  };
}

/** Accuracy, and the macro averages of per-class precision, recall and F1. */
export function macroMetrics(cells: readonly ConfusionCell[]): ClassificationMetrics {
  const { rows, accuracy } = accuracyOf(cells);
  if (rows === 0) return { rows, accuracy, precision: { value: null }, recall: { value: null }, f1: { value: null } };
  const perClass = new Map<string, { truePositives: number; predicted: number; actual: number }>();
  const of = (name: string) => {
    let counts = perClass.get(name);
    if (!counts) perClass.set(name, (counts = { truePositives: 0, predicted: 0, actual: 0 }));
    return counts;
  };
  for (const cell of cells) {
    if (cell.rows === 0) continue;
    of(cell.prediction).predicted += cell.rows;
    of(cell.label).actual += cell.rows;
    if (cell.label === cell.prediction) of(cell.label).truePositives += cell.rows;
  }
  // sklearn averages over its sorted labels; the order only matters for the last bits of the sums.
  const classes = [...perClass.keys()].sort();
  let precisionSum = 0;
  let recallSum = 0;
  let f1Sum = 0;
  for (const name of classes) {
    const { truePositives, predicted, actual } = perClass.get(name)!;
    const precision = ratio(truePositives, predicted);
    const recall = ratio(truePositives, actual);
    precisionSum += precision;
    recallSum += recall;
    f1Sum += f1Of(precision, recall);
  }
  return {
    rows,
    accuracy,
    precision: { value: precisionSum / classes.length },
    recall: { value: recallSum / classes.length },
    f1: { value: f1Sum / classes.length },
  };
}
