import { describe, expect, it } from 'vitest';
import { iqrOutliers } from '../../../stats/outliers/iqr';
import { main } from '../cli';
import { NativeEngine } from '../../engine/native-engine';
import { openDataset } from '../../sources/open-dataset';

const FLIGHTS = 'examples/flights/data/flights.csv';

async function winnow(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (text) => (out += text + '\n'), err: (text) => (err += text + '\n'), isTTY: false });
  return { code, out, err };
}

describe('winnow outliers', () => {
  it('prints the same summary as the core API, as JSON', async () => {
    const result = await winnow('outliers', FLIGHTS, '--columns', 'delay', '--method', 'iqr', '--json');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out) as { rows: number; columns: unknown[] };
    const engine = await NativeEngine.create();
    try {
      const dataset = await openDataset(engine, FLIGHTS);
      expect(printed.rows).toBe(20_000);
      expect(printed.columns).toEqual([await iqrOutliers(engine, dataset.table, 'delay')]);
    } finally {
      await engine.close();
    }
  });

  it('looks at every numeric column with all three rules by default, in a readable table', async () => {
    const result = await winnow('outliers', FLIGHTS);
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n');
    expect(lines[0]).toMatch(/^COLUMN\s+RULE\s+PARAM/);
    expect(lines.filter((line) => line.startsWith('delay'))).toHaveLength(3);
  });

  it('names a misspelt column or rule', async () => {
    expect((await winnow('outliers', FLIGHTS, '--columns', 'dealy')).err).toContain('no column "dealy" (did you mean "delay"?)');
    const rule = await winnow('outliers', FLIGHTS, '--method', 'iq');
    expect(rule.code).toBe(2);
    expect(rule.err).toContain('did you mean "iqr"');
  });
});
