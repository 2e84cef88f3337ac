/**
 * Issue 18's time zones, on each engine: the session reads and prints TIMESTAMP WITH TIME ZONE in
 * UTC; row hashes (split, sample, shards) come from each value's canonical text (table/hashing.ts),
 * recomputed here with node:crypto's md5 so both engines are held to the same bytes; freshness
 * ages and time-split cutoffs are taken in UTC. Under other TZ settings: run-to-disk/time-zones.test.ts.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../pipelines/engine/engine';
import { UTC_PROBE } from '../pipelines/engine/time-zone';
import type { Column } from '../pipelines/table/column';
import { outputRows, runOnRows } from './rows-kit';

/** The unit hash of table/hashing.ts, from the canonical texts of a row's values (null: no text). */
function unitHashOf(seed: number, salt: string, texts: (string | null)[]): number {
  const joined = [String(seed), salt, ...texts.map((text) => (text === null ? 'n' : `v${text}`))].join('\u001f');
  return parseInt(createHash('md5').update(joined).digest('hex').slice(0, 13), 16) / 2 ** 52;
}

export function testTimeZones(label: string, create: () => Promise<Engine>): void {
  describe(`time zones and row hashes on ${label}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await create();
    });
    afterAll(async () => {
      await engine.close();
    });

    it('the session is in UTC: a TIMESTAMPTZ without an offset reads as UTC', async () => {
      expect(await engine.query(UTC_PROBE)).toEqual([{ probe: '2024-01-01 00:00:00+00' }]);
    });

    it('a hash split keyed on [id, TIMESTAMPTZ] hashes the instant as UTC text, the same on every engine', async () => {
      const instants = Array.from({ length: 200 }, (_, index) => new Date(Date.UTC(2024, 0, 1, 0, 37 * index, 0, index % 7 === 0 ? 500 : 0)));
      const utcText = (instant: Date) =>
        instant
          .toISOString()
          .replace('T', ' ')
          .replace('Z', '')
          .replace(/\.000$/, '')
          .replace(/(\.\d*?)0+$/, '$1') + '+00';
      const rows: unknown[][] = instants.map((instant, index) => [index + 1, utcText(instant)]);
      rows.push([201, 'infinity'], [202, '-infinity'], [203, null]);
      const texts = [...instants.map(utcText), 'infinity', '-infinity', null];
      const columns: Column[] = [
        { name: 'id', type: 'BIGINT' },
        { name: 'we"ird t', type: 'TIMESTAMP WITH TIME ZONE' },
      ];
      const result = await runOnRows(
        engine,
        {
          seed: 3,
          steps: [
            {
              id: 'parts',
              transform: 'split',
              method: 'hash',
              key: ['id', 'we"ird t'],
              fractions: { train: 0.8, test: 0.2 },
            },
          ],
          outputs: [
            { name: 'train', from: 'parts.train' },
            { name: 'test', from: 'parts.test' },
          ],
        },
        columns,
        rows,
      );
      const ids = async (name: string) =>
        (await outputRows(engine, `SELECT id FROM (${result.outputs.find((plan) => plan.name === name)!.select})`))
          .map((row) => Number(row[0]))
          .sort((a, b) => a - b);
      const expectedTest = texts.flatMap((text, index) => (unitHashOf(3, 'split:parts', [String(index + 1), text]) >= 0.8 ? [index + 1] : []));
      expect(expectedTest.length).toBeGreaterThan(10);
      expect(await ids('test')).toEqual(expectedTest);
      expect((await ids('train')).length + expectedTest.length).toBe(203);
    });

    it('sample and shards hash -0.0 as 0.0, every NaN as "nan", and decimals by value', async () => {
      const columns: Column[] = [
        { name: 'id', type: 'BIGINT' },
        { name: 'd', type: 'DOUBLE' },
        { name: 'f', type: 'FLOAT' },
        { name: "m'", type: 'DECIMAL(10,3)' },
      ];
      const doubles: [string, string][] = [
        ['-0.0', '0.0'],
        ['0.0', '0.0'],
        ['nan', 'nan'],
        ['-nan', 'nan'],
        ['1.5', '1.5'],
        ['-2.25', '-2.25'],
      ];
      const floats: [string, string][] = [
        ['-0.0', '0.0'],
        ['0.5', '0.5'],
        ['-nan', 'nan'],
      ];
      const decimals: [string, string][] = [
        ['1.500', '1.5'],
        ['2.000', '2'],
        ['0.000', '0'],
        ['-0.250', '-0.25'],
        ['10.010', '10.01'],
      ];
      const rows = Array.from({ length: 120 }, (_, index) => [index + 1, doubles[index % 6]![0], floats[index % 3]![0], decimals[index % 5]![0]]);
      const texts = rows.map((_, index) => [String(index + 1), doubles[index % 6]![1], floats[index % 3]![1], decimals[index % 5]![1]]);
      const result = await runOnRows(
        engine,
        {
          seed: 7,
          steps: [{ id: 'some', transform: 'sample', fraction: 0.5 }],
          outputs: [{ name: 'kept', shards: 3 }],
        },
        columns,
        rows,
      );
      const kept = texts.flatMap((row, index) => (unitHashOf(7, 'sample:some', row) < 0.5 ? [index] : []));
      const plan = result.outputs[0]!;
      expect((await outputRows(engine, plan.select)).map((row) => Number(row[0]))).toEqual(kept.map((index) => index + 1));
      for (const shard of [0, 1, 2]) {
        const expected = kept.filter((index) => Math.floor(unitHashOf(7, 'shard:kept', texts[index]!) * 3) === shard).map((index) => index + 1);
        expect((await outputRows(engine, plan.shardSelect(shard))).map((row) => Number(row[0]))).toEqual(expected);
      }
    });

    it('freshness on a TIMESTAMPTZ: newest 12:00Z is 7200 s old at 14:00Z (fails 1 hour) and 1800 s at 12:30Z (passes)', async () => {
      const columns: Column[] = [{ name: 't', type: 'TIMESTAMP WITH TIME ZONE' }];
      const rows = [['2024-01-01 09:00:00+00'], ['2024-01-01 21:00:00+09'], [null]];
      const fresh = async (asOf: string) =>
        (
          await runOnRows(
            engine,
            {
              seed: 1,
              steps: [
                {
                  id: 'recent',
                  check: 'freshness',
                  column: 't',
                  max_age: '1 hours',
                  on_fail: 'warn',
                },
              ],
              outputs: [],
            },
            columns,
            rows,
            { asOf: new Date(asOf) },
          )
        ).steps[0];
      expect(await fresh('2024-01-01T14:00:00Z')).toMatchObject({
        success: false,
        observed: { newest: '2024-01-01 12:00:00', ageSeconds: 7200 },
      });
      expect(await fresh('2024-01-01T12:30:00Z')).toMatchObject({
        success: true,
        observed: { newest: '2024-01-01 12:00:00', ageSeconds: 1800 },
      });
    });

    it('time split: a cutoff without an offset is UTC; one with an offset is that instant', async () => {
      const columns: Column[] = [{ name: 't', type: 'TIMESTAMP WITH TIME ZONE' }];
      const rows = [['2024-01-01 02:00:00+00'], ['2024-01-01 06:00:00+00']];
      const parts = async (cutoff: string) =>
        (
          await runOnRows(
            engine,
            {
              seed: 1,
              steps: [
                {
                  id: 'by_time',
                  transform: 'split',
                  method: 'time',
                  column: 't',
                  cutoffs: { train: cutoff, test: null },
                },
              ],
              outputs: [],
            },
            columns,
            rows,
          )
        ).steps[0]!.observed;
      expect(await parts('2024-01-01 04:00:00')).toEqual({
        parts: { train: 1, test: 1 },
      });
      expect(await parts('2024-01-01 04:00:00-05')).toEqual({
        parts: { train: 2, test: 0 },
      });
    });
  });
}
