import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { NativeEngine } from '../../runner/native-engine';
import { WasmEngine } from '../../engine/wasm-engine';
import { loadFixture, REFERENCE_DIR } from '../reference/test-support';
import { zscoreOutliers } from './zscore';
import { computeSlices } from '../slices/slices';
it('precision and cost', async () => {
  const ref = JSON.parse(readFileSync(`${REFERENCE_DIR}outliers.json`, 'utf8'));
  const e = await NativeEngine.create({ threads: 2 });
  for (const [f, t] of Object.entries(ref.fixtures)) await loadFixture(e, f, f.replace('.csv', '').replaceAll('-', '_'), t as Record<string, string>);
  let worst = 0; let where = '';
  for (const c of ref.cases.filter((c: { method: string }) => c.method === 'zscore')) {
    const s = await zscoreOutliers(e, `"${c.fixture.replace('.csv', '').replaceAll('-', '_')}"`, c.column, { threshold: c.threshold ?? undefined });
    for (const k of ['mean', 'std']) {
      const a = s.statistics[k]!, b = c.statistics[k];
      if (b === null || b === 0) continue;
      const r = Math.abs(a - b) / Math.abs(b);
      if (r > worst) { worst = r; where = `${c.fixture} ${c.column} ${k} ${a} ${b}`; }
    }
  }
  console.log('worst relative', worst, where);
  const w = await WasmEngine.createForNode();
  for (const [name, engine] of [['native', e], ['wasm', w]] as const) {
    await engine.run(`CREATE TABLE big AS SELECT i + 1 AS __winnow_row, ['a','b','c','d'][1 + CAST(hash(i) % 4 AS INTEGER)] AS g, CAST(hash(i, 1) % 2 AS INTEGER) AS y, CAST(hash(i, 2) % 2 AS INTEGER) AS p, CAST(hash(i, 3) % 1000 AS DOUBLE) / 1000 AS s FROM range(1000000) r(i)`);
    for (const b of [0, 20, 200]) {
      const t = Date.now();
      await computeSlices(engine, 'big', { by: ['g'], label: 'y', prediction: 'p', score: 's', bootstrap: b });
      console.log(name, 'bootstrap', b, Date.now() - t, 'ms');
    }
  }
  await e.close(); await w.close();
}, 600000);
