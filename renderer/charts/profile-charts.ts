/**
 * Observable Plot factories for a column profile. Each returns a Plot figure element; colours
 * come from CSS variables so both themes (and colour-blind readers) get readable charts.
 */
import * as Plot from '@observablehq/plot';
import type { Histogram } from '../../pipelines/stats/profile/histogram';
import type { QuantileValue, TopValues } from '../../pipelines/stats/profile/types';

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Marks time values (epoch seconds in the histogram) as dates on the axis. */
  temporal?: boolean;
}

function formatEdge(value: number, temporal: boolean): string {
  if (temporal) return new Date(value * 1000).toISOString().slice(0, 10);
  return Math.abs(value) >= 1e5 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toExponential(2) : String(Math.round(value * 1000) / 1000);
}

/** A histogram with hover tips giving each bin's range and count; quantiles as ticks beneath. */
export function histogramChart(histogram: Histogram, quantiles: QuantileValue[], { width = 360, height = 180, temporal = false }: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const bins = histogram.counts.map((count, index) => ({
    x1: histogram.edges[index]!,
    x2: histogram.edges[index + 1]!,
    count,
    range: `${formatEdge(histogram.edges[index]!, temporal)} – ${formatEdge(histogram.edges[index + 1]!, temporal)}`,
  }));
  return Plot.plot({
    width,
    height,
    marginLeft: 44,
    style: { background: 'transparent', color: 'var(--text)', fontSize: '11px' },
    x: { label: null, tickFormat: (value: number) => formatEdge(value, temporal), ticks: 5 },
    y: { label: 'rows', grid: true, nice: true },
    marks: [
      Plot.rectY(bins, { x1: 'x1', x2: 'x2', y: 'count', fill: 'var(--accent)', inset: 0.5, tip: true, title: (bin: (typeof bins)[number]) => `${bin.range}\n${bin.count.toLocaleString()} rows` }),
      Plot.ruleX(quantiles, { x: 'value', stroke: 'var(--text)', strokeOpacity: 0.55, strokeDasharray: '3,3', title: (quantile: QuantileValue) => `p${Math.round(quantile.probability * 100)}: ${formatEdge(quantile.value, temporal)}`, tip: true }),
      Plot.ruleY([0]),
    ],
  });
}

/** The most frequent values as horizontal bars, with "other" last. */
export function topValuesChart(top: TopValues, { width = 360 }: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const rows = [...top.values.map((entry) => ({ label: String(entry.value), count: entry.count, other: false })), ...(top.other > 0 ? [{ label: '(other)', count: top.other, other: true }] : [])];
  return Plot.plot({
    width,
    height: 24 + rows.length * 20,
    marginLeft: 110,
    style: { background: 'transparent', color: 'var(--text)', fontSize: '11px' },
    x: { label: 'rows', grid: true, nice: true },
    y: { label: null, domain: rows.map((row) => row.label), tickFormat: (label: string) => (label.length > 16 ? `${label.slice(0, 15)}…` : label) },
    marks: [
      Plot.barX(rows, { x: 'count', y: 'label', fill: (row: (typeof rows)[number]) => (row.other ? 'var(--muted)' : 'var(--accent)'), tip: true, title: (row: (typeof rows)[number]) => `${row.label}\n${row.count.toLocaleString()} rows` }),
      Plot.ruleX([0]),
    ],
  });
}
