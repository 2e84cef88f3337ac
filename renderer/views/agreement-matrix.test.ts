import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WasmEngine } from '../../pipelines/engine/wasm-engine';
import { agreement } from '../../pipelines/stats/labels/agreement/agreement';
import { agreementMatrix } from './agreement-matrix';

let engine: WasmEngine;

beforeAll(async () => {
  engine = await WasmEngine.createForNode();
  await engine.run(`
    CREATE TABLE wide AS SELECT * FROM (VALUES
      (1, 'cat', 'cat', 'dog', NULL), (2, 'dog', 'dog', 'dog', NULL), (3, 'cat', 'dog', 'cat', NULL), (4, 'bird', 'bird', 'bird', NULL),
      (5, 'dog', 'dog', NULL, NULL), (6, 'cat', 'cat', 'cat', NULL), (7, 'bird', 'cat', 'bird', NULL), (8, 'dog', 'dog', 'cat', NULL)
    ) t(__winnow_row, ann, bob, cy, nobody);
    CREATE TABLE long AS
      SELECT __winnow_row AS item, 'ann' AS worker, ann AS sentiment FROM wide UNION ALL
      SELECT __winnow_row, 'bob', bob FROM wide UNION ALL
      SELECT __winnow_row, 'cy', cy FROM wide WHERE cy IS NOT NULL;
  `);
});

afterAll(async () => {
  await engine?.close();
});

describe('the agreement matrix', () => {
  it('gives every pair of annotator columns the kappa agreement() gives the two alone', async () => {
    const matrix = await agreementMatrix(engine, 'wide', { annotators: ['ann', 'bob', 'cy', 'nobody'] });
    // An annotator with no rating is left out; the others keep their column order.
    expect(matrix.annotators).toEqual(['ann', 'bob', 'cy']);
    expect(matrix.cells.map((cell) => `${cell.first}-${cell.second}`)).toEqual(['ann-bob', 'ann-cy', 'bob-cy']);
    for (const cell of matrix.cells) {
      const pair = await agreement(engine, 'wide', { annotators: [cell.first, cell.second] }, { lowest: 0 });
      expect(cell.value).toBe(pair.cohen!.value);
      expect(cell.items).toBe(pair.cohen!.items);
      expect(cell.observed).toBe(pair.cohen!.observedAgreement);
    }
    expect(matrix.cells[1]!.items).toBe(7);
  });

  it('compares labels by value, as agreement() does: 1,2,1,2,1,2 against 1.0,2.0,1.0,2.0,NULL,2.0 agree (kappa 1 on 5 items)', async () => {
    await engine.run(
      `CREATE TABLE by_value AS SELECT * FROM (VALUES (1, 1, 1.0), (2, 2, 2.0), (3, 1, 1.0), (4, 2, 2.0), (5, 1, NULL), (6, 2, 2.0)) t(__winnow_row, a, b)`,
    );
    const matrix = await agreementMatrix(engine, 'by_value', { annotators: ['a', 'b'] });
    expect(matrix.cells).toEqual([{ first: 'a', second: 'b', value: 1, items: 5, observed: 1 }]);
  });

  it('reads long data, the most active annotators first, and keeps at most the limit', async () => {
    const matrix = await agreementMatrix(engine, 'long', { item: 'item', annotator: 'worker', label: 'sentiment' }, 2);
    expect(matrix.annotators).toEqual(['ann', 'bob']);
    expect(matrix.omitted).toBe(1);
    const pair = await agreement(engine, 'wide', { annotators: ['ann', 'bob'] }, { lowest: 0 });
    expect(matrix.cells).toEqual([{ first: 'ann', second: 'bob', value: pair.cohen!.value, items: 8, observed: pair.cohen!.observedAgreement }]);
  });
});
