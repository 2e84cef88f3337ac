/**
 * The examples give the same answer on both engines (issue 18's "same answer everywhere", with
 * run-to-disk/time-zones.test.ts for TZ and threads): every step's result, the row counts, the rejects
 * and every output's rows (and shards) are identical on native DuckDB (1 and 2 threads) and
 * duckdb-wasm.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { WasmEngine } from '../../engine/wasm-engine';
import { ingestSource } from '../../ingest/ingest';
import { REJECTS_TABLE } from '../../table/rejects';
import { executePipeline } from '../../run/execute';
import { NativeEngine } from '../engine/native-engine';
import { loadSpec, resolveSources } from './run';

const EXAMPLES = ['penguins', 'flights'] as const;

/** What a run of the example on `engine` answers, as JSON text (durations left out). */
async function answer(engine: Engine, example: string): Promise<string> {
  try {
    const specPath = join('examples', example, `${example}.winnow.yaml`);
    const spec = await loadSpec(specPath);
    const sources = await resolveSources(spec, specPath);
    const input = sources.find((source) => source.name === (spec.input ?? Object.keys(spec.sources)[0]))!;
    const result = await executePipeline(engine, {
      spec,
      specFile: specPath,
      input,
      sources,
      ingest: ingestSource,
      asOf: new Date('2024-01-02T00:00:00Z'),
    });
    const outputs: Record<string, unknown> = {};
    for (const plan of result.outputs) {
      outputs[plan.name] = await engine.query(plan.select);
      for (let shard = 0; shard < plan.shards && plan.shards > 1; shard += 1) outputs[`${plan.name}#${shard}`] = await engine.query(plan.shardSelect(shard));
    }
    const rejects = await engine.query(`SELECT * FROM ${REJECTS_TABLE} ORDER BY ALL`);
    const steps = result.steps.map(({ durationMs: _durationMs, ...step }) => step);
    return JSON.stringify(
      {
        status: result.status,
        steps,
        rowCounts: result.rowCounts,
        gates: result.gates,
        failures: result.failures,
        rejects,
        outputs,
      },
      (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value),
    );
  } finally {
    await engine.close();
  }
}

describe('the examples on both engines', () => {
  it.each(EXAMPLES)(
    'example %s: identical step results, rejects and output rows on native (1 and 2 threads) and wasm',
    async (example) => {
      const native = await answer(await NativeEngine.create({ threads: 1 }), example);
      expect(native).toContain('"steps":[{');
      expect(await answer(await NativeEngine.create({ threads: 2 }), example)).toBe(native);
      expect(await answer(await WasmEngine.createForNode(), example)).toBe(native);
    },
    120_000,
  );
});
