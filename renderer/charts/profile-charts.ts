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
  /** The document to create the chart in (a test's DOM); default the page's. */
  document?: Document;
}

const DAY = 86_400;

/**
 * A bin edge or tick: epoch seconds as UTC dates when `temporal`, with the time of day when the
 * bins are narrower than a day (`step`, in seconds), else a short number.
 */
function formatEdge(value: number, temporal: boolean, step = DAY): string {
  if (temporal) {
    const text = new Date(value * 1000).toISOString();
    if (step >= DAY) return text.slice(0, 10);
    return `${text.slice(0, 10)} ${text.slice(11, step >= 60 ? 16 : 19)}`;
  }
  return Math.abs(value) >= 1e5 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toExponential(2) : String(Math.round(value * 1000) / 1000);
}

export interface HistogramBin {
  x1: number;
  x2: number;
  count: number;
  /** The bin's tooltip: its range, its rows, and the quantiles that fall in it. */
  tip: string;
}

/**
 * The histogram's bins with their tooltips. The quantiles are told in the tooltip of the bin they
 * fall in rather than by tooltips of their own, which would open over the bin's when the pointer
 * is near a quantile's rule.
 */
export function histogramBins(histogram: Histogram, quantiles: QuantileValue[], temporal = false): HistogramBin[] {
  const step = (histogram.high - histogram.low) / histogram.bins;
  const last = histogram.counts.length - 1;
  return histogram.counts.map((count, index) => {
    const [x1, x2] = [histogram.edges[index]!, histogram.edges[index + 1]!];
    // Bins hold their low edge; the last also holds its high one.
    const inside = quantiles.filter((quantile) => quantile.value >= x1 && (quantile.value < x2 || (index === last && quantile.value === x2)));
    const lines = [`${formatEdge(x1, temporal, step)} – ${formatEdge(x2, temporal, step)}`, `${count.toLocaleString()} rows`];
    for (const quantile of inside) lines.push(`p${Math.round(quantile.probability * 100)}: ${formatEdge(quantile.value, temporal, step)}`);
    return { x1, x2, count, tip: lines.join('\n') };
  });
}

/** A histogram with one hover tip per bin (range, rows, quantiles in it); quantiles as dashed rules. */
export function histogramChart(
  histogram: Histogram,
  quantiles: QuantileValue[],
  { width = 360, height = 180, temporal = false, document }: ChartOptions = {},
): SVGSVGElement | HTMLElement {
  const bins = histogramBins(histogram, quantiles, temporal);
  const step = (histogram.high - histogram.low) / histogram.bins;
  return Plot.plot({
    ...(document ? { document } : {}),
    width,
    height,
    marginLeft: 44,
    style: { background: 'transparent', color: 'var(--text)', fontSize: '11px' },
    x: { label: null, tickFormat: (value: number) => formatEdge(value, temporal, Math.max(step, (histogram.high - histogram.low) / 5)), ticks: 5 },
    y: { label: 'rows', grid: true, nice: true },
    marks: [
      Plot.rectY(bins, { x1: 'x1', x2: 'x2', y: 'count', fill: 'var(--accent)', inset: 0.5, tip: true, title: 'tip' }),
      Plot.ruleX(quantiles, { x: 'value', stroke: 'var(--text)', strokeOpacity: 0.55, strokeDasharray: '3,3' }),
      Plot.ruleY([0]),
    ],
  });
}

/** The most frequent values as horizontal bars, with "other" last. */
export function topValuesChart(top: TopValues, { width = 360 }: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const rows = [
    ...top.values.map((entry) => ({ label: String(entry.value), count: entry.count, other: false })),
    ...(top.other > 0 ? [{ label: '(other)', count: top.other, other: true }] : []),
  ];
  return Plot.plot({
    width,
    height: 24 + rows.length * 20,
    marginLeft: 110,
    style: { background: 'transparent', color: 'var(--text)', fontSize: '11px' },
    x: { label: 'rows', grid: true, nice: true },
    y: { label: null, domain: rows.map((row) => row.label), tickFormat: (label: string) => (label.length > 16 ? `${label.slice(0, 15)}…` : label) },
    marks: [
      Plot.barX(rows, {
        x: 'count',
        y: 'label',
        fill: (row: (typeof rows)[number]) => (row.other ? 'var(--muted)' : 'var(--accent)'),
        tip: true,
        title: (row: (typeof rows)[number]) => `${row.label}\n${row.count.toLocaleString()} rows`,
      }),
      Plot.ruleX([0]),
    ],
  });
}
