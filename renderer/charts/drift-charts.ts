/**
 * Observable Plot factories for drift: the two sides' distributions overlaid (histograms for
 * numbers, paired bars for categories), their ECDFs with the Kolmogorov–Smirnov distance marked,
 * and a sparkline for a table row. Inputs are summaries computed in DuckDB (bins, shares, ECDF
 * points: renderer/views/drift-distributions.ts), never rows.
 *
 * @example
 * const { baseline, current } = await numericHistogram(engine, samples);
 * panel.append(driftHistograms(baseline, current, { labels: { baseline: 'March', current: 'April' } }));
 */
import * as Plot from '@observablehq/plot';
import { formatEdge, formatShare, formatValue, truncate } from './format';
import { legendMarks } from './legend';
import { BASELINE, CHART_STYLE, CURRENT, CURRENT_DASH, MUTED, TEXT, TIP } from './palette';

/** One bin of a histogram, with the share of the side's values in it. */
export interface BinShare {
  x1: number;
  x2: number;
  count: number;
  share: number;
  /** The first bin holds every value below x2 (the lower tail is folded in). */
  openLow?: boolean;
  /** The last bin holds every value from x1 up (the upper tail is folded in). */
  openHigh?: boolean;
}

export interface CategoryShare {
  category: string;
  count: number;
  share: number;
}

/** A point of an ECDF: the share `p` of a side's values at or below `x`. */
export interface EcdfPoint {
  x: number;
  p: number;
}

/** Where the two ECDFs are furthest apart: the KS statistic D = |baseline − current| at x. */
export interface KsMark {
  x: number;
  baseline: number;
  current: number;
  distance: number;
}

/** What the two sides are called in legends and tooltips (file names, split values). */
export interface SideLabels {
  baseline: string;
  current: string;
}

export interface DriftChartOptions {
  width?: number;
  height?: number;
  /** x values are epoch seconds (DATE and TIMESTAMP columns): ticks and tips show dates. */
  temporal?: boolean;
  labels?: SideLabels;
  /** What a screen reader announces for the chart. */
  ariaLabel?: string;
  /** The document to create the SVG in (a test's DOM); default the page's. */
  document?: Document;
}

const DEFAULT_LABELS: SideLabels = { baseline: 'baseline', current: 'current' };

function maybeDocument(document: Document | undefined): { document?: Document } {
  return document ? { document } : {};
}

function binRange(bin: BinShare, temporal: boolean): string {
  if (bin.openLow) return `< ${formatEdge(bin.x2, temporal)}`;
  if (bin.openHigh) return `≥ ${formatEdge(bin.x1, temporal)}`;
  return `${formatEdge(bin.x1, temporal)} – ${formatEdge(bin.x2, temporal)}`;
}

/** A histogram's outline as points for a step-after line: up at the first edge, down at the last. */
function outline(bins: readonly BinShare[]): { x: number; share: number }[] {
  if (bins.length === 0) return [];
  const last = bins.at(-1)!;
  return [{ x: bins[0]!.x1, share: 0 }, ...bins.map((bin) => ({ x: bin.x1, share: bin.share })), { x: last.x2, share: last.share }, { x: last.x2, share: 0 }];
}

/**
 * Overlaid histograms of a numeric column on shared bins, as shares of each side's values (the
 * sides may differ in size): the baseline a translucent area with a solid outline, the current
 * data a fainter one with a dashed outline, so where they agree the baseline's colour shows.
 * Hovering a bin tells both sides' shares and counts.
 */
export function driftHistograms(baseline: readonly BinShare[], current: readonly BinShare[], options: DriftChartOptions = {}): SVGSVGElement | HTMLElement {
  const { width = 520, height = 220, temporal = false, labels = DEFAULT_LABELS, ariaLabel = 'Histograms of the baseline and the current data', document } = options;
  const both = baseline.map((bin, index) => ({ ...bin, current: current[index] }));
  const tip = (bin: (typeof both)[number]) =>
    `${binRange(bin, temporal)}\n${labels.baseline}: ${formatShare(bin.share)} (${formatValue(bin.count)})\n${labels.current}: ${formatShare(bin.current?.share)} (${formatValue(bin.current?.count ?? 0)})`;
  return Plot.plot({
    ...maybeDocument(document),
    width,
    height,
    marginTop: 34,
    marginLeft: 48,
    ariaLabel,
    style: CHART_STYLE,
    x: { label: null, tickFormat: (value: number) => formatEdge(value, temporal), ticks: 6 },
    y: { label: 'share of values (%)', percent: true, grid: true, nice: true },
    marks: [
      Plot.rectY(baseline, { x1: 'x1', x2: 'x2', y: 'share', fill: BASELINE, fillOpacity: 0.3 }),
      Plot.rectY(current, { x1: 'x1', x2: 'x2', y: 'share', fill: CURRENT, fillOpacity: 0.15 }),
      Plot.lineY(outline(baseline), { x: 'x', y: 'share', curve: 'step-after', stroke: BASELINE, strokeWidth: 1.75 }),
      Plot.lineY(outline(current), { x: 'x', y: 'share', curve: 'step-after', stroke: CURRENT, strokeWidth: 1.75, strokeDasharray: CURRENT_DASH }),
      Plot.ruleY([0]),
      Plot.rectY(both, { x1: 'x1', x2: 'x2', y: (bin: (typeof both)[number]) => Math.max(bin.share, bin.current?.share ?? 0), fillOpacity: 0, tip: TIP, title: tip }),
      legendMarks([
        { label: labels.baseline, color: BASELINE },
        { label: labels.current, color: CURRENT },
      ]),
    ],
  });
}

/**
 * A categorical column's shares on each side, as paired horizontal bars per category (baseline
 * above, current below), in the order of `categories`' first appearance in `baseline` then
 * `current`.
 */
export function driftBars(baseline: readonly CategoryShare[], current: readonly CategoryShare[], options: DriftChartOptions = {}): SVGSVGElement | HTMLElement {
  const categories = [...new Set([...baseline, ...current].map((entry) => entry.category))];
  const { width = 520, height = 44 + categories.length * 26, labels = DEFAULT_LABELS, ariaLabel = 'Shares of each category in the baseline and the current data', document } = options;
  const rows = [
    ...baseline.map((entry) => ({ ...entry, side: 'baseline' as const })),
    ...current.map((entry) => ({ ...entry, side: 'current' as const })),
  ];
  const shareOf = (side: 'baseline' | 'current', category: string) => (side === 'baseline' ? baseline : current).find((entry) => entry.category === category);
  const tip = (row: (typeof rows)[number]) => {
    const before = shareOf('baseline', row.category);
    const after = shareOf('current', row.category);
    return `${row.category}\n${labels.baseline}: ${formatShare(before?.share ?? 0)} (${formatValue(before?.count ?? 0)})\n${labels.current}: ${formatShare(after?.share ?? 0)} (${formatValue(after?.count ?? 0)})`;
  };
  return Plot.plot({
    ...maybeDocument(document),
    width,
    height,
    marginTop: 34,
    marginLeft: 120,
    ariaLabel,
    style: CHART_STYLE,
    x: { label: 'share of values (%)', percent: true, grid: true, nice: true, axis: 'bottom' },
    y: { axis: null, domain: ['baseline', 'current'], paddingInner: 0.08, paddingOuter: 0.1 },
    fy: { label: null, domain: categories, tickFormat: (category: string) => truncate(category), padding: 0.18 },
    marks: [
      Plot.barX(rows, { x: 'share', y: 'side', fy: 'category', fill: (row: (typeof rows)[number]) => (row.side === 'baseline' ? BASELINE : CURRENT), tip: TIP, title: tip }),
      Plot.ruleX([0]),
      legendMarks([
        { label: labels.baseline, color: BASELINE },
        { label: labels.current, color: CURRENT },
      ], { facet: 'super' }),
    ],
  });
}

/**
 * The two ECDFs as step lines (baseline solid, current dashed) and, when given, the KS distance
 * as a rule between them at the x where they are furthest apart, labelled with D. `xDomain`
 * narrows the x axis (to leave long tails out) and clips the lines to it.
 */
export function ecdfChart(baseline: readonly EcdfPoint[], current: readonly EcdfPoint[], options: DriftChartOptions & { ks?: KsMark | null; xDomain?: [number, number] } = {}): SVGSVGElement | HTMLElement {
  const { width = 520, height = 220, temporal = false, labels = DEFAULT_LABELS, ks = null, xDomain, ariaLabel = 'Empirical cumulative distributions of the baseline and the current data', document } = options;
  const marked = ks ? [ks] : [];
  // A given x domain (the histograms' range, tails left out) clips the lines to it.
  const clip = xDomain !== undefined;
  const both = pairedSteps(baseline, current);
  const tip = (point: (typeof both)[number]) => `≤ ${formatEdge(point.x, temporal)}\n${labels.baseline}: ${formatShare(point.baseline)}\n${labels.current}: ${formatShare(point.current)}`;
  return Plot.plot({
    ...maybeDocument(document),
    width,
    height,
    marginTop: 34,
    marginLeft: 48,
    marginRight: 24,
    ariaLabel,
    style: CHART_STYLE,
    x: { label: null, tickFormat: (value: number) => formatEdge(value, temporal), ticks: 6, ...(xDomain ? { domain: xDomain } : {}) },
    y: { label: 'share of values ≤ x (%)', percent: true, grid: true, domain: [0, 100] },
    marks: [
      Plot.ruleX(both, Plot.pointerX({ x: 'x', stroke: MUTED, strokeOpacity: 0.6 })),
      Plot.lineY(baseline, { x: 'x', y: 'p', curve: 'step-after', stroke: BASELINE, strokeWidth: 1.75, clip }),
      Plot.lineY(current, { x: 'x', y: 'p', curve: 'step-after', stroke: CURRENT, strokeWidth: 1.75, strokeDasharray: CURRENT_DASH, clip }),
      Plot.ruleX(marked, { x: 'x', y1: 'baseline', y2: 'current', stroke: TEXT, strokeWidth: 2 }),
      Plot.dot(
        marked.flatMap((mark) => [
          { x: mark.x, p: mark.baseline },
          { x: mark.x, p: mark.current },
        ]),
        { x: 'x', y: 'p', r: 3, fill: TEXT },
      ),
      Plot.text(marked, {
        x: 'x',
        y: (mark: KsMark) => (mark.baseline + mark.current) / 2,
        text: (mark: KsMark) => `D = ${formatValue(mark.distance)}`,
        dx: 7,
        textAnchor: 'start',
        fontWeight: 600,
        stroke: 'var(--panel, #ffffff)',
        strokeWidth: 3,
        paintOrder: 'stroke',
        fill: TEXT,
      }),
      Plot.tip(both, Plot.pointerX({ x: 'x', y: (point: (typeof both)[number]) => Math.max(point.baseline, point.current), title: tip, ...TIP })),
      legendMarks([
        { label: labels.baseline, color: BASELINE, glyph: 'line' },
        { label: labels.current, color: CURRENT, glyph: 'dashed' },
      ]),
    ],
  });
}

/**
 * Both ECDFs at every x where either has a point: each step function read at x (the last point
 * at or before it), for one tooltip that tells both.
 */
function pairedSteps(baseline: readonly EcdfPoint[], current: readonly EcdfPoint[]): { x: number; baseline: number; current: number }[] {
  const xs = [...new Set([...baseline, ...current].map((point) => point.x))].sort((a, b) => a - b);
  const at = (points: readonly EcdfPoint[]) => {
    let index = -1;
    return (x: number) => {
      while (index + 1 < points.length && points[index + 1]!.x <= x) index += 1;
      return index < 0 ? 0 : points[index]!.p;
    };
  };
  const before = at(baseline);
  const after = at(current);
  return xs.map((x) => ({ x, baseline: before(x), current: after(x) }));
}

export interface SparklineOptions {
  width?: number;
  height?: number;
  /** numeric: shares per bin as step areas; categorical: shares per category as paired bars. */
  kind?: 'numeric' | 'categorical';
  ariaLabel?: string;
  document?: Document;
}

/** A table row's glance at both distributions: shares per bin (or category), no axes. */
export function sparkline(baseline: readonly number[], current: readonly number[], options: SparklineOptions = {}): SVGSVGElement | HTMLElement {
  const { width = 112, height = 24, kind = 'numeric', ariaLabel = 'Distributions of the baseline and the current data', document } = options;
  const count = Math.max(baseline.length, current.length);
  const top = Math.max(1e-9, ...baseline, ...current);
  const frame = { ...maybeDocument(document), width, height, margin: 1, ariaLabel, style: CHART_STYLE, x: { axis: null, domain: [0, Math.max(count, 1)] }, y: { axis: null, domain: [0, top] } };
  if (kind === 'categorical') {
    const bars = (shares: readonly number[], offset: number) => shares.map((share, index) => ({ x1: index + offset, x2: index + offset + 0.45, share }));
    return Plot.plot({
      ...frame,
      marks: [Plot.rectY(bars(baseline, 0.05), { x1: 'x1', x2: 'x2', y: 'share', fill: BASELINE }), Plot.rectY(bars(current, 0.5), { x1: 'x1', x2: 'x2', y: 'share', fill: CURRENT })],
    });
  }
  const steps = (shares: readonly number[]) => [...shares.map((share, index) => ({ x: index, share })), { x: shares.length, share: shares.at(-1) ?? 0 }];
  return Plot.plot({
    ...frame,
    marks: [
      Plot.areaY(steps(baseline), { x: 'x', y: 'share', curve: 'step-after', fill: BASELINE, fillOpacity: 0.25 }),
      Plot.lineY(steps(baseline), { x: 'x', y: 'share', curve: 'step-after', stroke: BASELINE, strokeWidth: 1.25 }),
      Plot.lineY(steps(current), { x: 'x', y: 'share', curve: 'step-after', stroke: CURRENT, strokeWidth: 1.25, strokeDasharray: '3,2' }),
    ],
  });
}
