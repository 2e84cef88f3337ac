/** A header's tiny distribution sketch, drawn as plain SVG bars (dozens of them render at once). */
import { useState } from 'react';
import type { Engine } from '../../pipelines/engine/engine';
import { headerSketch } from '../../pipelines/stats/profile/header-sketch';
import type { Column } from '../../pipelines/table/column';
import { useLiveEffect } from '../components/use-live-effect';

const cache = new Map<string, Promise<number[]>>();

function bars(engine: Engine, table: string, column: Column): Promise<number[]> {
  const key = `${table}\u0000${column.name}\u0000${column.type}`;
  let found = cache.get(key);
  if (!found) {
    found = headerSketch(engine, table, column);
    cache.set(key, found);
  }
  return found;
}

/** `counts`: the sketch the host drew already (WorkingSet.sketches); else it is queried from `table`. */
export function MiniHistogram({ engine, table, column, counts: given }: { engine: Engine; table: string; column: Column; counts?: number[] }) {
  const [queried, setQueried] = useState<number[] | null>(null);
  useLiveEffect(
    (live) => {
      if (given) return;
      bars(engine, table, column).then(
        (result) => live() && setQueried(result),
        () => live() && setQueried([]),
      );
    },
    [engine, table, column, given],
  );
  const counts = given ?? queried;
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
