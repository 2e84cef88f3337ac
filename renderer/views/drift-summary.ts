/**
 * What the Drift tab says above its table: how many columns drifted, which were not compared and
 * why, and which rows the numbers are computed on. With no column compared it says so and why,
 * and gives no verdict: "0 of 0 columns drifted: no dataset drift" would claim a comparison that
 * did not happen.
 *
 * @example
 * driftSummary({ drifted: 0, compared: 0, skipped: [{ column: 'id', reason: 'columns.id: never tested for drift' }] })
 * // 'Nothing compared: no column can be compared. Not compared: id (columns.id: never tested for drift).'
 */
import { DEFAULT_MAX_SHARE } from '../../pipelines/stats/drift/drift';
import { formatShare } from '../charts/format';

export interface DriftSummaryInput {
  drifted: number;
  compared: number;
  /** Columns left out, each with why (not on both sides, a type drift does not compare, a role). */
  skipped: readonly { column: string; reason: string }[];
  /** Set when the person stopped the comparison: columns done of all. */
  stopped?: { done: number; total: number };
}

export function driftSummary({ drifted, compared, skipped, stopped }: DriftSummaryInput): string {
  const notCompared = skipped.length ? ` Not compared: ${skipped.map((entry) => `${entry.column} (${entry.reason})`).join('; ')}.` : '';
  const stoppedText = stopped && stopped.done < stopped.total ? ` Stopped after ${stopped.done} of ${stopped.total} columns.` : '';
  if (compared === 0) {
    const why =
      stopped && stopped.done < stopped.total
        ? 'stopped before any column'
        : skipped.length
          ? 'no column can be compared'
          : 'the two sides have no column in common';
    return `Nothing compared: ${why}, so there is no drift verdict.${notCompared}${stoppedText}`;
  }
  const share = drifted / compared;
  const verdict =
    share > DEFAULT_MAX_SHARE
      ? `more than ${formatShare(DEFAULT_MAX_SHARE)}: the dataset drifted`
      : `at most ${formatShare(DEFAULT_MAX_SHARE)}: no dataset drift`;
  return `${drifted} of ${compared} columns drifted (${formatShare(share)}, ${verdict}).${stoppedText}${notCompared}`;
}

/** Row counts of the two sides, when known. */
export interface SideRows {
  baseline: number | null;
  current: number | null;
}

const rowsText = (rows: number | null) => (rows === null ? '…' : `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}`);

/**
 * Which rows the tab's numbers are computed on: the two sides' row counts. When the tab can add a
 * check (a file baseline), also where that check goes: at the point the tab computes at (App's
 * onAddStep), so it compares the same rows and says the same numbers.
 *
 * @example
 * rowsBasis({ baseline: 20000, current: 15382 }, { baseline: 'last_month.csv', current: 'flights.csv after step “filter”' }, true)
 */
export function rowsBasis(rows: SideRows, labels: { baseline: string; current: string }, addsCheck: boolean): string {
  const basis = `Computed on ${rowsText(rows.current)} of ${labels.current} against ${rowsText(rows.baseline)} of ${labels.baseline}.`;
  return addsCheck ? `${basis} A check added here goes at this point of the pipeline, so it compares the same rows.` : basis;
}
