/**
 * Issue 14: the Drift tab says when nothing was compared and why (not "0 of 0 columns drifted: no
 * dataset drift"), and which rows its numbers are computed on.
 */
import { describe, expect, it } from 'vitest';
import { driftSummary, rowsBasis } from './drift-summary';

describe('the Drift tab’s summary', () => {
  it('with no column compared, says nothing was compared and why, with no verdict', () => {
    const skipped = [
      { column: 'patient_id', reason: 'columns.id: never tested for drift' },
      { column: 'notes', reason: 'only in the current data' },
    ];
    const text = driftSummary({ drifted: 0, compared: 0, skipped });
    expect(text).toBe(
      'Nothing compared: no column can be compared, so there is no drift verdict. Not compared: patient_id (columns.id: never tested for drift); notes (only in the current data).',
    );
    expect(text).not.toMatch(/no dataset drift|0 of 0/);
    expect(driftSummary({ drifted: 0, compared: 0, skipped: [] })).toBe(
      'Nothing compared: the two sides have no column in common, so there is no drift verdict.',
    );
    expect(driftSummary({ drifted: 0, compared: 0, skipped: [], stopped: { done: 0, total: 3 } })).toMatch(/^Nothing compared: stopped before any column/);
  });

  it('with columns compared, gives the share and the verdict, then what was left out', () => {
    const skipped = [{ column: 'seen', reason: 'columns.timestamp: never tested for drift' }];
    expect(driftSummary({ drifted: 1, compared: 4, skipped })).toBe(
      '1 of 4 columns drifted (25%, at most 50%: no dataset drift). Not compared: seen (columns.timestamp: never tested for drift).',
    );
    expect(driftSummary({ drifted: 3, compared: 4, skipped: [], stopped: { done: 4, total: 6 } })).toBe(
      '3 of 4 columns drifted (75%, more than 50%: the dataset drifted). Stopped after 4 of 6 columns.',
    );
  });

  it('names the rows each side holds, and where a check added from the tab goes', () => {
    const labels = { baseline: 'last_month.csv', current: 'flights.csv after step “filter”' };
    const text = rowsBasis({ baseline: 20_000, current: 15_382 }, labels, true);
    expect(text).toBe(
      'Computed on 15,382 rows of flights.csv after step “filter” against 20,000 rows of last_month.csv. A check added here goes at this point of the pipeline, so it compares the same rows.',
    );
    // A split of the same data adds no check, and counts not yet known show as such.
    expect(rowsBasis({ baseline: null, current: 1 }, labels, false)).toBe('Computed on 1 row of flights.csv after step “filter” against … of last_month.csv.');
  });
});
