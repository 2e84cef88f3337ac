/**
 * Observable Plot factories for the report's profile charts, and `renderSvg`. Each returns Plot
 * options (marks and scales) that `renderSvg` turns into an SVG string, so charts compose and
 * render without a browser: the DOM is linkedom's, which runs anywhere.
 *
 * The drift charts are not here: the report draws the app's own (pipelines/charts/drift-plots.ts,
 * with `tooltips: 'title'`), so one column's drift looks the same in both. Colours are CSS
 * variables with a fallback (`var(--chart-bar, #3b6ea8)`): the page sets them per theme, and a
 * chart opened on its own still draws. Every mark that carries data has a `title`, which a
 * static page shows as a native tooltip.
 *
 * @example
 * renderSvg(histogramPlot(column.numeric.histogram, { label: column.name }));
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Histogram } from '../stats/profile/histogram';
import type { QuantileValue, TopValues } from '../stats/profile/types';
import { formatCount, formatNumber, formatPercent } from './format';

export const COLORS = {
  bar: 'var(--chart-bar, #3b6ea8)',
} as const;

const STYLE = { background: 'transparent', fontSize: '11px', overflow: 'visible' };

/** Short axis ticks: 2K, 1.5M, 0.25, -3. */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return String(Number(value.toPrecision(4)));
}

/** Long category labels shortened for an axis; the tooltip keeps the full text. */
function truncate(label: string, length: number): string {
  return label.length > length ? `${label.slice(0, length - 1)}…` : label;
}

/** Left margin wide enough for the longest (shortened) label, at about 6.5 px a character. */
function labelMargin(labels: string[], length: number): number {
  return Math.min(20 + Math.max(4, ...labels.map((label) => truncate(label, length).length)) * 6.5, 160);
}

function shareOf(count: number, total: number): number {
  return total === 0 ? 0 : count / total;
}

export interface HistogramOptions {
  width?: number;
  height?: number;
  /** The x axis label: the column's name. */
  label?: string;
  /** Quantiles drawn as vertical rules. */
  quantiles?: QuantileValue[];
}

/**
 * A profile's numeric histogram: rows per bin, with its quantiles as vertical rules (the
 * median solid, the others dashed).
 *
 * @example
 * renderSvg(histogramPlot(column.numeric.histogram, { label: column.name, quantiles: column.numeric.quantiles }));
 */
export function histogramPlot(histogram: Histogram, { width = 380, height = 180, label, quantiles = [] }: HistogramOptions = {}): Plot.PlotOptions {
  const total = histogram.counts.reduce((sum, count) => sum + count, 0);
  const bins = histogram.counts.map((count, index) => {
    const [low, high] = [histogram.edges[index]!, histogram.edges[index + 1]!];
    const closing = index === histogram.counts.length - 1 ? ']' : ')';
    return {
      low,
      high,
      count,
      title: `[${formatNumber(low)}, ${formatNumber(high)}${closing}\n${formatCount(count)} rows (${formatPercent(shareOf(count, total))})`,
    };
  });
  return {
    width,
    height,
    marginLeft: 48,
    marginBottom: 34,
    style: STYLE,
    x: { label: label ?? null, labelAnchor: 'center', labelArrow: 'none', tickFormat: formatTick, ticks: 6 },
    y: { label: 'rows', labelArrow: 'none', grid: true, nice: true, tickFormat: formatTick, ticks: 4 },
    marks: [
      Plot.rectY(bins, { x1: 'low', x2: 'high', y: 'count', fill: COLORS.bar, insetLeft: 0.5, insetRight: 0.5, title: 'title' }),
      Plot.ruleX(
        quantiles.filter((quantile) => quantile.probability !== 0.5),
        {
          x: 'value',
          stroke: 'currentColor',
          strokeOpacity: 0.45,
          strokeDasharray: '3,3',
          title: (quantile: QuantileValue) => `p${Number((quantile.probability * 100).toPrecision(4))}: ${formatNumber(quantile.value)}`,
        },
      ),
      Plot.ruleX(
        quantiles.filter((quantile) => quantile.probability === 0.5),
        {
          x: 'value',
          stroke: 'currentColor',
          strokeOpacity: 0.9,
          strokeWidth: 1.5,
          title: (quantile: QuantileValue) => `median: ${formatNumber(quantile.value)}`,
        },
      ),
      Plot.ruleY([0]),
    ],
  };
}

export interface TopValuesOptions {
  width?: number;
  /** Characters of a value shown on the axis. Default 18. */
  labelLength?: number;
}

/**
 * A profile's most frequent values as horizontal bars, each labelled with its share of the
 * non-null values. The values not listed ("other") are left out of the bars, whose scale they
 * would flatten; the share labels still count them.
 */
export function topValuesPlot(top: TopValues, { width = 380, labelLength = 18 }: TopValuesOptions = {}): Plot.PlotOptions {
  const total = top.values.reduce((sum, entry) => sum + entry.count, top.other);
  const data = top.values.map((entry) => {
    const label = String(entry.value);
    const share = formatPercent(shareOf(entry.count, total));
    return { label, count: entry.count, share, title: `${label}\n${formatCount(entry.count)} rows (${share})` };
  });
  return {
    width,
    height: 30 + data.length * 21,
    marginLeft: labelMargin(
      data.map((row) => row.label),
      labelLength,
    ),
    marginRight: 48,
    marginTop: 4,
    style: STYLE,
    x: { label: 'rows', labelArrow: 'none', labelAnchor: 'right', grid: true, nice: true, tickFormat: formatTick, ticks: 4 },
    y: { label: null, domain: data.map((row) => row.label), tickFormat: (label: string) => truncate(label, labelLength), padding: 0.2 },
    marks: [
      Plot.barX(data, { x: 'count', y: 'label', fill: COLORS.bar, title: 'title' }),
      Plot.text(data, { x: 'count', y: 'label', text: 'share', textAnchor: 'start', dx: 4, fill: 'currentColor', fillOpacity: 0.75 }),
      Plot.ruleX([0]),
    ],
  };
}

let document: Document | undefined;

/** linkedom's document, made once: Plot creates its elements in it. */
function maybeDocument(): Document {
  document ??= parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
  return document;
}

/** Renders Plot options to an SVG string (inline-ready: no XML namespace declaration). */
export function renderSvg(options: Plot.PlotOptions): string {
  const chart = Plot.plot({ ...options, document: maybeDocument() });
  return chart.outerHTML;
}
