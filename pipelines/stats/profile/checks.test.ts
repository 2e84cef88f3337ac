/**
 * The checks that put profile statistics behind a threshold, run through the executor on both
 * engines: `pii` (the profile's pattern detection on every row) and `quantile_between` (the
 * profile's exact quantile).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import type { PipelineResult } from '../../run/execute';
import { runOnRows } from '../../../testing/rows-kit';
import type { StepSpec } from '../../spec/types';
import type { Column } from '../../table/column';
import { profileTable } from './profile';
import { engines } from '../../../testing/profile-fixtures';

const columns: Column[] = [
  { name: 'id', type: 'BIGINT' },
  { name: 'contact', type: 'VARCHAR' },
  { name: 'comment', type: 'VARCHAR' },
  { name: 'card', type: 'BIGINT' },
  { name: 'score', type: 'DOUBLE' },
];
const rows = [
  [1, 'ana@example.com', 'fine', 4111111111111111, 1.5],
  [2, '+44 20 7183 8750', 'ok', null, 2.5],
  [3, 'no contact', null, 4111111111111112, 3.5],
  [4, null, 'call 206-555-0100', null, 10],
  [5, '192.168.0.12', 'good', null, Number.NaN],
  [6, 'by post', 'great', 5500000000000004, -4],
];

function step(result: PipelineResult, id: string) {
  const found = result.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

describe.each(engines)('profile checks on the %s engine', (_label, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(async () => {
    await engine?.close();
  });
  const run = (steps: StepSpec[]) => runOnRows(engine, { seed: 1, steps, outputs: [] }, columns, rows);

  it('pii fails on a column whose values look like personal data, and says which shapes', async () => {
    const result = await run([
      { id: 'contact', check: 'pii', column: 'contact', on_fail: 'warn' },
      { id: 'loose', check: 'pii', column: 'contact', max_fraction: 0.6 },
      { id: 'comment', check: 'pii', column: 'comment' },
    ]);
    // 3 of the 5 non-null contacts: an email, a phone number and an IP address.
    expect(step(result, 'contact')).toMatchObject({ success: false, status: 'warned', unexpectedCount: 3, elementCount: 5 });
    expect(step(result, 'contact').observed).toEqual({
      checked: ['contact'],
      columns: [
        {
          column: 'contact',
          values: 5,
          matching: 3,
          fraction: 0.6,
          patterns: { email: 1, phone: 1, ip: 1, credit_card: 0 },
          examples: [
            { row: 1, pattern: 'email', match: 'ana@example.com', position: 1 },
            { row: 2, pattern: 'phone', match: '+44 20 7183 8750', position: 1 },
            { row: 5, pattern: 'ip', match: '192.168.0.12', position: 1 },
          ],
        },
      ],
    });
    expect(step(result, 'loose')).toMatchObject({ success: true, status: 'passed' });
    // Inside free text too: the phone number in a sentence, with where it starts.
    expect(step(result, 'comment')).toMatchObject({ success: false, unexpectedCount: 1, elementCount: 5 });
    expect(step(result, 'comment').observed).toMatchObject({ columns: [{ examples: [{ row: 4, pattern: 'phone', match: '206-555-0100', position: 6 }] }] });
  });

  it('pii looks at every text column and every integer column wide enough for a card by default', async () => {
    const result = await run([
      { id: 'all_text', check: 'pii', max_fraction: 0.5, on_fail: 'warn' },
      { id: 'cards', check: 'pii', column: 'card', patterns: ['credit_card'], on_fail: 'warn' },
    ]);
    // contact 3 of 5, comment 1 of 5, card 2 of 3 (BIGINT, read as text); id (1 to 6) holds nothing.
    expect(step(result, 'all_text')).toMatchObject({ success: false, unexpectedCount: 6, elementCount: 19 });
    expect((step(result, 'all_text').observed as { checked: string[] }).checked).toEqual(['id', 'contact', 'comment', 'card']);
    // 4111111111111111 and 5500000000000004 pass the Luhn checksum; 4111111111111112 does not.
    expect(step(result, 'cards')).toMatchObject({ success: false, unexpectedCount: 2, elementCount: 3 });
  });

  it('pii finds personal data inside free text and in integers read from CSV, and keeps its guards', async () => {
    const texts: Column[] = [
      { name: 'note', type: 'VARCHAR' },
      { name: 'card', type: 'BIGINT' },
      { name: 'phone', type: 'BIGINT' },
      { name: 'small', type: 'INTEGER' },
    ];
    const data = [
      ['Contact me at bob@example.com please', 4111111111111111, 15551234567, 1234567],
      ['versions 1.2.3 and v1.2.3.4, pi is 3.14159', 4111111111111112, 1700000000000, 7654321],
      ['host 0.1.2.3 or 1.2.3.4.5; date 2024-01-31', null, 1700000000, null],
      ['gateway 192.168.001.001.', 5500000000000004, 447911123456, null],
      ["it's '; DROP TABLE x; -- call (206) 555-0199", null, null, null],
    ];
    const outcome = await runOnRows(engine, { seed: 1, steps: [{ id: 'scan', check: 'pii', on_fail: 'warn' }], outputs: [] }, texts, data);
    const scan = outcome.steps.find((candidate) => candidate.id === 'scan')!;
    const observed = scan.observed as {
      checked: string[];
      columns: { column: string; matching: number; patterns: Record<string, number>; examples: unknown[] }[];
    };
    // INTEGER cannot hold a card number (10 digits at most): not looked at.
    expect(observed.checked).toEqual(['note', 'card', 'phone']);
    const byColumn = Object.fromEntries(observed.columns.map((entry) => [entry.column, entry]));
    // The email in a sentence, the zero-padded IP (not a phone), the phone after quotes; no version, no pi, no 0.1.2.3, no date.
    expect(byColumn.note).toMatchObject({ matching: 3, patterns: { email: 1, phone: 1, ip: 1, credit_card: 0 } });
    expect(byColumn.note!.examples).toEqual([
      { row: 1, pattern: 'email', match: 'bob@example.com', position: 15 },
      { row: 4, pattern: 'ip', match: '192.168.001.001', position: 9 },
      { row: 5, pattern: 'phone', match: '(206) 555-0199', position: 31 },
    ]);
    // Luhn: 4111111111111112 is no card.
    expect(byColumn.card).toMatchObject({ matching: 2, patterns: { credit_card: 2 } });
    // 11 and 12 digits are phone numbers; Unix times (10 and 13 digits) are not.
    expect(byColumn.phone).toMatchObject({ matching: 2, patterns: { phone: 2, credit_card: 0 } });
    expect(byColumn.phone!.examples).toEqual([
      { row: 1, pattern: 'phone', match: '15551234567', position: 1 },
      { row: 4, pattern: 'phone', match: '447911123456', position: 1 },
    ]);
    expect(scan).toMatchObject({ success: false, unexpectedCount: 7 });
  });

  it('the profile reports the personal data the pii check finds: in integers read from CSV and inside free text, with its guards', async () => {
    const texts: Column[] = [
      { name: 'note', type: 'VARCHAR' },
      { name: 'versions', type: 'VARCHAR' },
      { name: 'card', type: 'BIGINT' },
      { name: 'phone', type: 'BIGINT' },
      { name: 'small', type: 'INTEGER' },
    ];
    const data = [
      ['Contact me at bob@example.com please', '1.2.3', 4111111111111111, 15551234567, 1234567],
      ['nothing here', 'v1.2.3.4', 4111111111111112, 1700000000000, 7654321],
      ['still nothing', '3.14159', null, 1700000000, null],
      ['gateway 192.168.001.001.', '0.1.2.3', 5500000000000004, 447911123456, null],
      ['no', 'release 1.2.3 (v1.2.3.4), pi 3.14159, host 0.1.2.3', null, -1555123456, null],
    ];
    const outcome = await runOnRows(engine, { seed: 1, steps: [{ id: 'scan', check: 'pii', on_fail: 'warn' }], outputs: [] }, texts, data);
    const profile = await profileTable(engine, outcome.finalTable);
    const byName = Object.fromEntries(profile.columns.map((entry) => [entry.name, entry]));
    expect(byName.note!.patterns).toMatchObject({ sampled: 5, holding: { email: 1, phone: 0, ip: 1, credit_card: 0 }, pii: ['email', 'ip'] });
    // Luhn: 4111111111111112 is no card. 11 and 12 digits are phone numbers; Unix times (10 and 13 digits)
    // and negative numbers (-1555123456, 11 characters) are not.
    expect(byName.card!.patterns).toMatchObject({ sampled: 3, holding: { credit_card: 2, phone: 0 }, pii: ['credit_card'] });
    expect(byName.phone!.patterns).toMatchObject({ sampled: 5, holding: { phone: 2, credit_card: 0 }, pii: ['phone'] });
    // 1.2.3, v1.2.3.4, 3.14159 and 0.1.2.3 are no IP address, phone or card, alone or in a sentence.
    expect(byName.versions!.patterns).toMatchObject({ holding: { email: 0, phone: 0, ip: 0, credit_card: 0 }, possiblePii: false });
    // INTEGER cannot hold a card number: not scanned, as the check does not.
    expect(byName.small!.patterns).toBeUndefined();
    expect(profile.dataset.possiblePii).toEqual(['note', 'card', 'phone']);
    // One rule: the check counts the same values per column and pattern.
    const scan = outcome.steps.find((candidate) => candidate.id === 'scan')!.observed as {
      checked: string[];
      columns: { column: string; patterns: Record<string, number> }[];
    };
    expect(scan.checked).toEqual(['note', 'versions', 'card', 'phone']);
    for (const entry of scan.columns) expect(byName[entry.column]!.patterns!.holding, entry.column).toEqual(entry.patterns);
  });

  it('quantile_between measures the quantile the profile reports (linear interpolation, finite values)', async () => {
    const result = await run([
      { id: 'median', check: 'quantile_between', column: 'score', quantile: 0.5, min: 2, max: 3 },
      { id: 'p90', check: 'quantile_between', column: 'score', quantile: 0.9, max: 5, on_fail: 'warn' },
      { id: 'strict', check: 'quantile_between', column: 'score', quantile: 0.5, min: 2.5, strict_min: true, on_fail: 'warn' },
    ]);
    // Finite scores -4, 1.5, 2.5, 3.5, 10: median 2.5; 0.9 -> 3.5 + 0.6 * 6.5 = 7.4.
    expect(step(result, 'median')).toMatchObject({ success: true, observed: { quantile: 0.5, value: 2.5 } });
    expect(step(result, 'p90')).toMatchObject({ success: false, observed: { quantile: 0.9 } });
    expect((step(result, 'p90').observed as { value: number }).value).toBeCloseTo(7.4, 12);
    expect(step(result, 'strict')).toMatchObject({ success: false });
    await runOnRows(engine, { seed: 1, steps: [], outputs: [] }, columns, rows).then(async (outcome) => {
      const profile = await profileTable(engine, outcome.finalTable, undefined, { quantiles: [0.5, 0.9] });
      const score = profile.columns.find((column) => column.name === 'score')!.numeric!.quantiles;
      expect(score.map((quantile) => quantile.value)).toEqual([2.5, (step(result, 'p90').observed as { value: number }).value]);
    });
  });

  it('quantile_between fails when there are no values', async () => {
    const result = await runOnRows(
      engine,
      { seed: 1, steps: [{ id: 'median', check: 'quantile_between', column: 'score', quantile: 0.5, min: 0, on_fail: 'warn' }], outputs: [] },
      columns,
      [],
    );
    expect(step(result, 'median')).toMatchObject({ success: false, observed: { quantile: 0.5, value: null } });
  });
});
