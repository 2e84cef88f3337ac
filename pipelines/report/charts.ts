/**
 * Observable Plot factories for the report's charts. Each returns Plot options (marks and
 * scales) that `renderSvg` turns into an SVG string, so charts compose and render without a
 * browser: the DOM is linkedom's, which runs anywhere.
 *
 * Colours are CSS variables with a fallback (`var(--baseline, #0072b2)`): the page sets them per
 * theme, and a chart opened on its own still draws. Baseline and current are blue and orange
 * from the Okabe–Ito palette, which readers with any common colour-vision deficiency tell apart;
 * they also differ in form (filled bars, an outline), never in colour alone. Every mark that
 * carries data has a `title`, which a static page shows as a native tooltip.
 *
 * @example
 * renderSvg(driftHistogramPlot(sides, { label: 'delay' }));
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Histogram } from '../stats/profile/histogram';
import type { QuantileValue, TopValues } from '../stats/profile/types';
import { formatCount, formatNumber, formatPercent } from './format';
import type { BinnedSides, CategorySides } from './types';

export const COLORS = {
  bar: 'var(--chart-bar, #3b6ea8)',
  baseline: 'var(--baseline, #0072b2)',
  current: 'var(--current, #d55e00)',
} as const;

const STYLE = { background: 'transparent', fontSize: '11px', overflow: 'visible' };

/** Short axis ticks: 2K, 1.5M, 0.25, -3. */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return String(Number(value.toPrecision(4)));
}

/** A bin's or value's label: dates for temporal columns (epoch seconds), else numbers. */
function formatEdge(value: number, temporal: boolean): string {
  if (!temporal) return formatNumber(value);
  const iso = new Date(value * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
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
    return { low, high, count, title: `[${formatNumber(low)}, ${formatNumber(high)}${closing}\n${formatCount(count)} rows (${formatPercent(shareOf(count, total))})` };
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
        { x: 'value', stroke: 'currentColor', strokeOpacity: 0.45, strokeDasharray: '3,3', title: (quantile: QuantileValue) => `p${Number((quantile.probability * 100).toPrecision(4))}: ${formatNumber(quantile.value)}` },
      ),
      Plot.ruleX(
        quantiles.filter((quantile) => quantile.probability === 0.5),
        { x: 'value', stroke: 'currentColor', strokeOpacity: 0.9, strokeWidth: 1.5, title: (quantile: QuantileValue) => `median: ${formatNumber(quantile.value)}` },
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
    marginLeft: labelMargin(data.map((row) => row.label), labelLength),
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

export interface DriftChartOptions {
  width?: number;
  height?: number;
  /** The x axis label: the column's name. */
  label?: string;
  /** Characters of a category shown on the axis (categorical). Default 18. */
  labelLength?: number;
}

function sidesTitle(heading: string, baseline: number, baselineTotal: number, current: number, currentTotal: number): string {
  return `${heading}\nbaseline: ${formatPercent(shareOf(baseline, baselineTotal))} (${formatCount(baseline)} of ${formatCount(baselineTotal)})\ncurrent: ${formatPercent(shareOf(current, currentTotal))} (${formatCount(current)} of ${formatCount(currentTotal)})`;
}

/**
 * Both sides of a numeric column on shared bins, as shares of each side's values (the sides
 * differ in size): the baseline as filled bars, the current data as an outline over them.
 */
export function driftHistogramPlot(sides: BinnedSides, { width = 440, height = 200, label }: DriftChartOptions = {}): Plot.PlotOptions {
  const { edges, baseline, current, temporal } = sides;
  const x = (edge: number) => (temporal ? new Date(edge * 1000) : edge);
  const bins = baseline.counts.map((count, index) => {
    const [low, high] = [edges[index]!, edges[index + 1]!];
    const closing = index === baseline.counts.length - 1 ? ']' : ')';
    return {
      low: x(low),
      high: x(high),
      baseline: shareOf(count, baseline.total),
      current: shareOf(current.counts[index]!, current.total),
      title: sidesTitle(`[${formatEdge(low, temporal)}, ${formatEdge(high, temporal)}${closing}`, count, baseline.total, current.counts[index]!, current.total),
    };
  });
  const top = Math.max(0, ...bins.map((bin) => Math.max(bin.baseline, bin.current)));
  // The outline: up at the first edge, along each bin's share, down at the last edge.
  const outline = [
    { x: x(edges[0]!), y: 0 },
    ...bins.map((bin) => ({ x: bin.low, y: bin.current })),
    { x: x(edges[edges.length - 1]!), y: bins[bins.length - 1]?.current ?? 0 },
    { x: x(edges[edges.length - 1]!), y: 0 },
  ];
  return {
    width,
    height,
    marginLeft: 44,
    marginBottom: 34,
    style: STYLE,
    x: { label: label ?? null, labelAnchor: 'center', labelArrow: 'none', ticks: 6, ...(temporal ? { type: 'utc' as const } : { tickFormat: formatTick }) },
    y: { label: 'share of values (%)', labelArrow: 'none', percent: true, grid: true, nice: true, ticks: 4 },
    marks: [
      Plot.rectY(bins, { x1: 'low', x2: 'high', y: 'baseline', fill: COLORS.baseline, fillOpacity: 0.55, insetLeft: 0.5, insetRight: 0.5 }),
      Plot.line(outline, { x: 'x', y: 'y', curve: 'step-after', stroke: COLORS.current, strokeWidth: 2 }),
      Plot.ruleY([0]),
      // Invisible columns over each bin, so hovering anywhere above it shows both sides.
      Plot.rectY(bins, { x1: 'low', x2: 'high', y1: 0, y2: top || 1, fill: 'transparent', title: 'title' }),
    ],
  };
}

/**
 * Both sides of a categorical column as paired bars per category (baseline above, current
 * below), as shares of each side's values. The categories not listed are left out of the bars
 * (their shares are for a caption to say).
 */
export function driftBarsPlot(sides: CategorySides, { width = 440, labelLength = 18 }: DriftChartOptions = {}): Plot.PlotOptions {
  const { baseline, current } = sides;
  const categories = sides.categories.map((category, index) => ({ category, baseline: baseline.counts[index]!, current: current.counts[index]! }));
  const data = categories.flatMap((entry) => {
    const title = sidesTitle(entry.category, entry.baseline, baseline.total, entry.current, current.total);
    return [
      { category: entry.category, side: 'baseline', share: shareOf(entry.baseline, baseline.total), title },
      { category: entry.category, side: 'current', share: shareOf(entry.current, current.total), title },
    ];
  });
  return {
    width,
    height: 34 + categories.length * 26,
    marginLeft: labelMargin(categories.map((entry) => entry.category), labelLength),
    marginTop: 4,
    marginBottom: 30,
    style: STYLE,
    x: { label: 'share of values (%)', labelArrow: 'none', labelAnchor: 'right', percent: true, grid: true, nice: true, ticks: 4 },
    y: { axis: null, domain: ['baseline', 'current'], padding: 0.05 },
    fy: { label: null, axis: 'left', domain: categories.map((entry) => entry.category), tickFormat: (label: string) => truncate(label, labelLength), padding: 0.18 },
    color: { domain: ['baseline', 'current'], range: [COLORS.baseline, COLORS.current] },
    marks: [
      Plot.barX(data, { x: 'share', y: 'side', fy: 'category', fill: 'side', title: 'title' }),
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
