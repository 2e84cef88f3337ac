/** A between check's picture: the column's histogram (from SQL bins) with the bounds drawn. */
import * as Plot from '@observablehq/plot';
import { useRef } from 'react';
import type { Engine } from '../../pipelines/engine/engine';
import { ident } from '../../pipelines/sql';
import { useLiveEffect } from '../components/use-live-effect';

const BINS = 40;

export function BoundsChart({
  engine,
  table,
  column,
  min,
  max,
}: {
  engine: Engine;
  table: string;
  column: string;
  min?: number | string;
  max?: number | string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  useLiveEffect(
    (live) => {
      const value = `CAST(${ident(column)} AS DOUBLE)`;
      engine
        .query(
          `WITH v AS (SELECT ${value} AS x FROM ${table} WHERE ${value} IS NOT NULL AND isfinite(${value})), r AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
         SELECT lo + (hi - lo) * bin / ${BINS} AS x1, lo + (hi - lo) * (bin + 1) / ${BINS} AS x2, n FROM (
           SELECT CAST(least(${BINS - 1}, floor((x - lo) / nullif(hi - lo, 0) * ${BINS})) AS INTEGER) AS bin, count(*) AS n FROM v, r GROUP BY ALL
         ), r ORDER BY bin`,
        )
        .then((bins) => {
          const element = holder.current;
          if (!live() || !element) return;
          const bounds = [min, max].filter((bound): bound is number => typeof bound === 'number');
          element.replaceChildren(
            Plot.plot({
              width: 380,
              height: 120,
              marginLeft: 40,
              style: { background: 'transparent', color: 'var(--text)', fontSize: '10px' },
              y: { label: null, grid: true },
              x: { label: column },
              marks: [
                Plot.rectY(bins, {
                  x1: 'x1',
                  x2: 'x2',
                  y: 'n',
                  fill: 'var(--accent)',
                  inset: 0.5,
                  tip: true,
                  title: (bin: Record<string, number>) => `${bin.x1!.toFixed(2)} – ${bin.x2!.toFixed(2)}: ${bin.n} rows`,
                }),
                Plot.ruleX(bounds, { stroke: 'var(--error)', strokeWidth: 2 }),
                Plot.ruleY([0]),
              ],
            }),
          );
        })
        .catch(() => undefined);
    },
    [engine, table, column, min, max],
  );
  return <div ref={holder} className="chart" aria-label={`Histogram of ${column} with the bounds`} role="img" />;
}
