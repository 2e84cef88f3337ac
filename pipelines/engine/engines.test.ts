import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../node/engine/native-engine';
import { testEngine } from '../../testing/engine-suite';
import { WasmEngine } from './wasm-engine';

testEngine('native', () => NativeEngine.create({ threads: 2 }));
testEngine('wasm', () => WasmEngine.createForNode());

describe('native and wasm engines', () => {
  let native: NativeEngine;
  let wasm: WasmEngine;

  beforeAll(async () => {
    [native, wasm] = await Promise.all([NativeEngine.create({ threads: 2 }), WasmEngine.createForNode()]);
  });

  afterAll(async () => {
    await Promise.all([native?.close(), wasm?.close()]);
  });

  // @duckdb/node-api and @duckdb/duckdb-wasm are pinned to releases that embed the same DuckDB
  // core; byte-identical outputs across the engines depend on it. Bump them together.
  it('embed the same DuckDB core version', async () => {
    expect(await wasm.version()).toBe(await native.version());
  });

  // Beyond the suite's hand-picked values: thousands of hash-scattered ones, where rounding
  // differences (DECIMAL to DOUBLE, microseconds to milliseconds) would show.
  it('return identical rows for the same query', async () => {
    const sql = `
      WITH t AS (SELECT i, hash(i) AS h, hash(i + 1000000) AS g FROM range(5000) r(i))
      SELECT
        i,
        h,
        (h >> 1)::BIGINT - 4611686018427387904 AS big,
        sum(h::HUGEINT) OVER (ORDER BY i) AS running,
        h::DOUBLE / 3 AS ratio,
        ((h % 2000000000000000000)::HUGEINT - 1000000000000000000)::VARCHAR || '.' || lpad((g % 10000000000)::VARCHAR, 10, '0') AS text,
        text::DECIMAL(38,10) AS wide,
        (CASE WHEN h % 2 = 0 THEN '-' ELSE '' END || '0.' || lpad((g % 100000000000000000)::VARCHAR, 17, '0'))::DECIMAL(18,17) AS fraction,
        ((g % 10000000000)::BIGINT - 5000000000)::DECIMAL(18,2) / 100 AS money,
        DATE '1970-01-01' + ((h % 2000000)::INTEGER - 1000000) AS day,
        make_timestamp((h % 500000000000000000)::BIGINT - 250000000000000000) AS moment,
        CASE WHEN i % 7 = 0 THEN NULL ELSE md5(i::VARCHAR) END AS label,
        [i, NULL, (h % 1000)::INTEGER] AS list,
        {'wide': text::DECIMAL(38,10), 'moment': make_timestamp((g % 500000000000000000)::BIGINT - 250000000000000000), 'h': h} AS record,
        MAP {md5(i::VARCHAR): i % 3 = 0} AS map
      FROM t
      ORDER BY i`;
    const expected = await native.query(sql);
    expect(expected).toHaveLength(5000);
    expect(await wasm.query(sql)).toEqual(expected);
  });
});
