/**
 * Observable Plot options for drift, the one set the app's Drift tab and report.html both draw:
 * the two sides' distributions overlaid (histograms for numbers, paired bars for categories),
 * their ECDFs with the Kolmogorov–Smirnov distance marked, and a sparkline for a table row.
 * Inputs are the summaries of ./drift-distributions.ts (bins, shares, ECDF points), never rows.
 *
 * Each builder returns plain Plot options and needs no DOM: the app passes them to `Plot.plot`
 * in the page (renderer/charts/drift-charts.ts), the report to `renderSvg` on linkedom
 * (pipelines/report/charts.ts). Colours are ./palette.ts's baseline/current pair.
 *
 * Tooltips: `tooltips: 'tip'` (the default, the app) shows Plot's pointer tip; `'title'` (a
 * static page with no script, the report) writes each mark's text as an SVG `<title>`, which
 * the browser shows natively. The text is the same either way.
 *
 * @example
 * const { histograms } = await columnDistributions(engine, samples);
 * Plot.plot(driftHistogramsOptions(histograms.baseline, histograms.current, { labels: { baseline: 'March', current: 'April' } }));
 */
import * as Plot from '@observablehq/plot';
import type { BinShare, CategoryShare, EcdfPoint, KsMark } from './drift-distributions';
import { formatEdge, formatShare, formatValue, truncate } from './format';
import { legendMarks } from './legend';
import { BASELINE, CHART_STYLE, CURRENT, CURRENT_DASH, MUTED, TEXT, TIP } from './palette';

/** What the two sides are called in legends and tooltips (file names, split values). */
export interface SideLabels {
  baseline: string;
  current: string;
}

export interface DriftPlotOptions {
  width?: number;
  height?: number;
  /** x values are epoch seconds (DATE and TIMESTAMP columns): ticks and tips show dates. */
  temporal?: boolean;
  labels?: SideLabels;
  /** The x axis label (the column's name); none by default. */
  label?: string;
  /** What a screen reader announces for the chart. */
  ariaLabel?: string;
  /** Pointer tips (interactive pages) or SVG `<title>`s (static pages). Default 'tip'. */
  tooltips?: 'tip' | 'title';
}

const DEFAULT_LABELS: SideLabels = { baseline: 'baseline', current: 'current' };

/** A bin as an interval: [a, b), the last closed [a, b], a folded tail as < b or ≥ a. */
export function binRange(bin: BinShare, temporal: boolean, last: boolean): string {
  if (bin.openLow) return `< ${formatEdge(bin.x2, temporal)}`;
  if (bin.openHigh) return `≥ ${formatEdge(bin.x1, temporal)}`;
  return `[${formatEdge(bin.x1, temporal)}, ${formatEdge(bin.x2, temporal)}${last ? ']' : ')'}`;
}

/** One side's line of a tooltip: `baseline: 12% (120 of 1,000)`. */
function sideLine(label: string, share: number | undefined, count: number, total: number | undefined): string {
  return `${label}: ${formatShare(share ?? 0)} (${formatValue(count)}${total === undefined ? '' : ` of ${formatValue(total)}`})`;
}

/** The x axis's label options: the column's name centred, or none. */
function xLabel(label: string | undefined): { label: string | null; labelAnchor?: 'center'; labelArrow?: 'none' } {
  return label ? { label, labelAnchor: 'center', labelArrow: 'none' } : { label: null };
}

/** About six x ticks; fewer for dates on a narrow chart, whose labels (2026-01-01) are wide. */
function xTicks(width: number, temporal: boolean): number {
  return temporal ? Math.max(2, Math.min(6, Math.floor(width / 85))) : 6;
}

function sum(entries: readonly { count: number }[]): number {
  return entries.reduce((total, entry) => total + entry.count, 0);
}

/** The channels that carry a mark's tooltip text in either mode. */
function tooltip<T>(mode: 'tip' | 'title', text: (datum: T) => string): { title: (datum: T) => string; tip?: typeof TIP } {
  return mode === 'tip' ? { tip: TIP, title: text } : { title: text };
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
 * Hovering a bin tells both sides' shares and counts. Default 520 × 220.
 */
export function driftHistogramsOptions(baseline: readonly BinShare[], current: readonly BinShare[], options: DriftPlotOptions = {}): Plot.PlotOptions {
  const {
    width = 520,
    height = 220,
    temporal = false,
    labels = DEFAULT_LABELS,
    label,
    ariaLabel = 'Histograms of the baseline and the current data',
    tooltips = 'tip',
  } = options;
  const totals = { baseline: sum(baseline), current: sum(current) };
  const both = baseline.map((bin, index) => ({ ...bin, last: index === baseline.length - 1, current: current[index] }));
  const text = (bin: (typeof both)[number]) =>
    `${binRange(bin, temporal, bin.last)}\n${sideLine(labels.baseline, bin.share, bin.count, totals.baseline)}\n${sideLine(labels.current, bin.current?.share, bin.current?.count ?? 0, totals.current)}`;
  return {
    width,
    height,
    marginTop: 34,
    marginLeft: 48,
    ...(label ? { marginBottom: 34 } : {}),
    ariaLabel,
    style: CHART_STYLE,
    x: { ...xLabel(label), tickFormat: (value: number) => formatEdge(value, temporal), ticks: xTicks(width, temporal) },
    y: { label: 'share of values (%)', percent: true, grid: true, nice: true },
    marks: [
      Plot.rectY(baseline, { x1: 'x1', x2: 'x2', y: 'share', fill: BASELINE, fillOpacity: 0.3 }),
      Plot.rectY(current, { x1: 'x1', x2: 'x2', y: 'share', fill: CURRENT, fillOpacity: 0.15 }),
      Plot.lineY(outline(baseline), { x: 'x', y: 'share', curve: 'step-after', stroke: BASELINE, strokeWidth: 1.75 }),
      Plot.lineY(outline(current), { x: 'x', y: 'share', curve: 'step-after', stroke: CURRENT, strokeWidth: 1.75, strokeDasharray: CURRENT_DASH }),
      Plot.ruleY([0]),
      Plot.rectY(both, {
        x1: 'x1',
        x2: 'x2',
        y: (bin: (typeof both)[number]) => Math.max(bin.share, bin.current?.share ?? 0),
        fillOpacity: 0,
        ...tooltip(tooltips, text),
      }),
      legendMarks([
        { label: labels.baseline, color: BASELINE },
        { label: labels.current, color: CURRENT },
      ]),
    ],
  };
}

export interface DriftBarsOptions extends DriftPlotOptions {
  /** Each side's values in all, when the bars leave categories out (tooltips then say "of N"). */
  totals?: { baseline: number; current: number };
}

/**
 * A categorical column's shares on each side, as paired horizontal bars per category (baseline
 * above, current below), in the order of `categories`' first appearance in `baseline` then
 * `current`. Default width 520, height 44 + 26 per category.
 */
export function driftBarsOptions(baseline: readonly CategoryShare[], current: readonly CategoryShare[], options: DriftBarsOptions = {}): Plot.PlotOptions {
  const categories = [...new Set([...baseline, ...current].map((entry) => entry.category))];
  const {
    width = 520,
    height = 44 + categories.length * 26,
    labels = DEFAULT_LABELS,
    ariaLabel = 'Shares of each category in the baseline and the current data',
    tooltips = 'tip',
    totals,
  } = options;
  const rows = [...baseline.map((entry) => ({ ...entry, side: 'baseline' as const })), ...current.map((entry) => ({ ...entry, side: 'current' as const }))];
  const shareOf = (side: 'baseline' | 'current', category: string) => (side === 'baseline' ? baseline : current).find((entry) => entry.category === category);
  const text = (row: (typeof rows)[number]) => {
    const before = shareOf('baseline', row.category);
    const after = shareOf('current', row.category);
    return `${row.category}\n${sideLine(labels.baseline, before?.share, before?.count ?? 0, totals?.baseline)}\n${sideLine(labels.current, after?.share, after?.count ?? 0, totals?.current)}`;
  };
  return {
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
      Plot.barX(rows, {
        x: 'share',
        y: 'side',
        fy: 'category',
        fill: (row: (typeof rows)[number]) => (row.side === 'baseline' ? BASELINE : CURRENT),
        ...tooltip(tooltips, text),
      }),
      Plot.ruleX([0]),
      legendMarks(
        [
          { label: labels.baseline, color: BASELINE },
          { label: labels.current, color: CURRENT },
        ],
        { facet: 'super' },
      ),
    ],
  };
}

export interface EcdfOptions extends DriftPlotOptions {
  /** Where the ECDFs are furthest apart, marked with D; none by default. */
  ks?: KsMark | null;
  /** Narrows the x axis (to leave long tails out) and clips the lines to it. */
  xDomain?: [number, number];
}

/**
 * The two ECDFs as step lines (baseline solid, current dashed) and, when given, the KS distance
 * as a rule between them at the x where they are furthest apart, labelled with D. With pointer
 * tips, a rule follows the pointer and the tip tells both sides at that x.
 */
export function ecdfOptions(baseline: readonly EcdfPoint[], current: readonly EcdfPoint[], options: EcdfOptions = {}): Plot.PlotOptions {
  const {
    width = 520,
    height = 220,
    temporal = false,
    labels = DEFAULT_LABELS,
    ks = null,
    xDomain,
    label,
    tooltips = 'tip',
    ariaLabel = 'Empirical cumulative distributions of the baseline and the current data',
  } = options;
  const marked = ks ? [ks] : [];
  const clip = xDomain !== undefined;
  const both = pairedSteps(baseline, current);
  const text = (point: (typeof both)[number]) =>
    `≤ ${formatEdge(point.x, temporal)}\n${labels.baseline}: ${formatShare(point.baseline)}\n${labels.current}: ${formatShare(point.current)}`;
  const pointer =
    tooltips === 'tip'
      ? [
          Plot.ruleX(both, Plot.pointerX({ x: 'x', stroke: MUTED, strokeOpacity: 0.6 })),
          Plot.tip(both, Plot.pointerX({ x: 'x', y: (point: (typeof both)[number]) => Math.max(point.baseline, point.current), title: text, ...TIP })),
        ]
      : [Plot.dot(both, { x: 'x', y: (point: (typeof both)[number]) => Math.max(point.baseline, point.current), r: 4, fillOpacity: 0, title: text, clip })];
  return {
    width,
    height,
    marginTop: 34,
    marginLeft: 48,
    marginRight: 24,
    ariaLabel,
    style: CHART_STYLE,
    x: {
      ...xLabel(label),
      tickFormat: (value: number) => formatEdge(value, temporal),
      ticks: xTicks(width, temporal),
      ...(xDomain ? { domain: xDomain } : {}),
    },
    y: { label: 'share of values ≤ x (%)', percent: true, grid: true, domain: [0, 100] },
    marks: [
      pointer[0]!,
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
      ...pointer.slice(1),
      legendMarks([
        { label: labels.baseline, color: BASELINE, glyph: 'line' },
        { label: labels.current, color: CURRENT, glyph: 'dashed' },
      ]),
    ],
  };
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
}

/** A table row's glance at both distributions: shares per bin (or category), no axes. Default 112 × 24. */
export function sparklineOptions(baseline: readonly number[], current: readonly number[], options: SparklineOptions = {}): Plot.PlotOptions {
  const { width = 112, height = 24, kind = 'numeric', ariaLabel = 'Distributions of the baseline and the current data' } = options;
  const count = Math.max(baseline.length, current.length);
  const top = Math.max(1e-9, ...baseline, ...current);
  const frame = {
    width,
    height,
    margin: 1,
    ariaLabel,
    style: CHART_STYLE,
    x: { axis: null, domain: [0, Math.max(count, 1)] },
    y: { axis: null, domain: [0, top] },
  };
  if (kind === 'categorical') {
    const bars = (shares: readonly number[], offset: number) => shares.map((share, index) => ({ x1: index + offset, x2: index + offset + 0.45, share }));
    return {
      ...frame,
      marks: [
        Plot.rectY(bars(baseline, 0.05), { x1: 'x1', x2: 'x2', y: 'share', fill: BASELINE }),
        Plot.rectY(bars(current, 0.5), { x1: 'x1', x2: 'x2', y: 'share', fill: CURRENT }),
      ],
    };
  }
  const steps = (shares: readonly number[]) => [...shares.map((share, index) => ({ x: index, share })), { x: shares.length, share: shares.at(-1) ?? 0 }];
  return {
    ...frame,
    marks: [
      Plot.areaY(steps(baseline), { x: 'x', y: 'share', curve: 'step-after', fill: BASELINE, fillOpacity: 0.25 }),
      Plot.lineY(steps(baseline), { x: 'x', y: 'share', curve: 'step-after', stroke: BASELINE, strokeWidth: 1.25 }),
      Plot.lineY(steps(current), { x: 'x', y: 'share', curve: 'step-after', stroke: CURRENT, strokeWidth: 1.25, strokeDasharray: '3,2' }),
    ],
  };
}
