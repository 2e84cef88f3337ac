import { it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { WasmEngine } from './wasm-engine';
it('probe', async () => {
  const e = await WasmEngine.createForNode();
  const all = (e as any).resultBytes(`SELECT 1::TINYINT a, 1::SMALLINT b, 1::INTEGER c, 1::BIGINT d, 1::UTINYINT e, 1::USMALLINT f, 1::UINTEGER g, 1::UBIGINT h, 1::HUGEINT i, 1::UHUGEINT j, 1::FLOAT k, 1::DOUBLE l, 1::DECIMAL(4,1) m, 1::DECIMAL(9,1) n, 1::DECIMAL(18,1) o, 1::DECIMAL(38,1) p, 'x' q, 'x'::BLOB r, DATE '2024-01-01' s, TIME '01:00' tt, TIMESTAMP '2024-01-01' u, TIMESTAMPTZ '2024-01-01' v, TIMESTAMP_S '2024-01-01' w, TIMESTAMP_MS '2024-01-01' x, TIMESTAMP_NS '2024-01-01' y, INTERVAL 1 DAY z, uuid() aa, 'a'::ENUM('a') ab, [1] ac, [1]::INTEGER[1] ad, {'a':1} ae, MAP {'a':1} af, NULL ag, true ah, 1::VARINT ai`);
  for (const f of tableFromIPC(all).schema.fields) console.log(f.name, String(f.type), JSON.stringify([...f.metadata]));
});
