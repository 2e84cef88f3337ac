/** A header's tiny distribution sketch, drawn as plain SVG bars (dozens of them render at once). */
import { useState } from 'react';
import type { Engine } from '../../pipelines/engine/engine';
import type { Column } from '../../pipelines/table/column';
import { isBinnable, MINI_BINS, miniHistogramQuery } from './mini-histogram-query';
import { useLiveEffect } from '../components/use-live-effect';

const cache = new Map<string, Promise<number[]>>();

function bars(engine: Engine, table: string, column: Column): Promise<number[]> {
  const key = `${table}\u0000${column.name}\u0000${column.type}`;
  let found = cache.get(key);
  if (!found) {
    found = engine.query(miniHistogramQuery(table, column)).then((rows) => {
      if (!isBinnable(column)) return rows.map((row) => Number(row.n));
      const counts = new Array<number>(MINI_BINS).fill(0);
      for (const row of rows) if (row.bin !== null) counts[Number(row.bin)] = Number(row.n);
      return counts;
    });
    cache.set(key, found);
  }
  return found;
}

export function MiniHistogram({ engine, table, column }: { engine: Engine; table: string; column: Column }) {
  const [counts, setCounts] = useState<number[] | null>(null);
  useLiveEffect(
    (live) => {
      bars(engine, table, column).then(
        (result) => live() && setCounts(result),
        () => live() && setCounts([]),
      );
    },
    [engine, table, column],
  );
  if (!counts || counts.length === 0) return <svg className="mini-histogram" width={48} height={18} aria-hidden="true" />;
  const max = Math.max(...counts, 1);
  const width = 48 / counts.length;
  return (
    <svg className="mini-histogram" width={48} height={18} aria-hidden="true">
      {counts.map((count, index) => {
        const height = count === 0 ? 0 : Math.max(1, (count / max) * 18);
        return <rect key={index} x={index * width + 0.5} y={18 - height} width={Math.max(1, width - 1)} height={height} />;
      })}
    </svg>
  );
}
