/**
 * Observable Plot factory for slice analysis: a metric per slice as horizontal bars with their
 * 95% confidence intervals as whiskers, the whole table's value as a dashed rule, a check's bound
 * as a dotted one, and flagged slices in vermillion with a "!" beside them.
 *
 * @example
 * panel.append(sliceBars(report.slices.map(toSliceBar), { metric: 'accuracy', overall: 0.91, domain: [0, 1] }));
 */
import * as Plot from '@observablehq/plot';
import { formatValue, truncate } from './format';
import { BASELINE, CHART_STYLE, FLAGGED, TEXT, TIP } from './palette';

export interface SliceBar {
  /** `origin=SFO`, `island=Biscoe, flipper_length_mm=(190, 197]`. */
  name: string;
  /** null when the slice has no value (no evaluated rows): no bar is drawn. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  rows: number;
  flagged: boolean;
  /** Why it is flagged, for the tooltip. */
  note?: string;
}

export interface SliceBarsOptions {
  /** The metric's name, for the axis and tooltips. */
  metric?: string;
  /** The whole table's value, drawn as a dashed rule. */
  overall?: number | null;
  /** A check's bound, drawn as a dotted rule in the flag colour. */
  bound?: { value: number; side: 'min' | 'max' } | null;
  /** The x domain; default from the data (from 0). */
  domain?: [number, number];
  /** Values are proportions shown as percentages. */
  percent?: boolean;
  width?: number;
  ariaLabel?: string;
  document?: Document;
}

/** Longest slice label drawn whole; longer ones end in an ellipsis (the tooltip has the whole name). */
const LABEL_CHARS = 48;

/** Bars per slice in the order given, whiskers for their intervals, flagged slices marked. */
export function sliceBars(slices: readonly SliceBar[], options: SliceBarsOptions = {}): SVGSVGElement | HTMLElement {
  const {
    metric = 'value',
    overall = null,
    bound = null,
    domain,
    percent = false,
    width = 520,
    ariaLabel = `${metric} per slice with 95% confidence intervals`,
    document,
  } = options;
  const shown = slices.filter((slice) => slice.value !== null);
  const intervals = shown.filter((slice) => slice.lower !== null && slice.upper !== null);
  const flagged = shown.filter((slice) => slice.flagged);
  const format = (value: number | null) => (value === null ? '—' : percent ? `${formatValue(value * 100)}%` : formatValue(value));
  const tip = (slice: SliceBar) =>
    [
      slice.name,
      `${metric}: ${format(slice.value)}${slice.lower !== null && slice.upper !== null ? ` [${format(slice.lower)}, ${format(slice.upper)}]` : ''}`,
      `${formatValue(slice.rows)} rows`,
      ...(slice.note ? [slice.note] : []),
    ].join('\n');
  // Labels of two-way slices ("species=Chinstrap, island=Dream") get the room they need, up to a limit.
  const longest = Math.min(LABEL_CHARS, Math.max(8, ...slices.map((slice) => slice.name.length)));
  const marginLeft = Math.round(longest * 6.4 + 16);
  return Plot.plot({
    ...(document ? { document } : {}),
    width: Math.max(width, marginLeft + 260),
    height: 56 + Math.max(1, slices.length) * 20,
    marginTop: 30,
    marginLeft,
    marginRight: 28,
    ariaLabel,
    style: CHART_STYLE,
    x: {
      label: percent ? `${metric} (%)` : metric,
      grid: true,
      percent,
      ...(domain ? { domain: percent ? domain.map((edge) => edge * 100) : domain } : { nice: true }),
    },
    y: { label: null, domain: slices.map((slice) => slice.name), tickFormat: (name: string) => truncate(name, LABEL_CHARS), padding: 0.25 },
    marks: [
      Plot.barX(shown, { x: 'value', y: 'name', fill: (slice: SliceBar) => (slice.flagged ? FLAGGED : BASELINE), fillOpacity: 0.85, tip: TIP, title: tip }),
      Plot.ruleY(intervals, { y: 'name', x1: 'lower', x2: 'upper', stroke: TEXT, strokeWidth: 1.25 }),
      Plot.tickX(intervals, { x: 'lower', y: 'name', stroke: TEXT, insetTop: 3, insetBottom: 3 }),
      Plot.tickX(intervals, { x: 'upper', y: 'name', stroke: TEXT, insetTop: 3, insetBottom: 3 }),
      Plot.text(flagged, {
        x: (slice: SliceBar) => slice.upper ?? slice.value,
        y: 'name',
        text: () => '!',
        dx: 7,
        fill: FLAGGED,
        fontWeight: 700,
        fontSize: 13,
      }),
      Plot.ruleX(overall !== null ? [overall] : [], { stroke: TEXT, strokeDasharray: '5,3', strokeWidth: 1.25 }),
      Plot.text(overall !== null ? [overall] : [], {
        x: (value: number) => value,
        text: (value: number) => `all rows ${format(value)}`,
        frameAnchor: 'top',
        lineAnchor: 'bottom',
        dy: -13,
        fill: TEXT,
      }),
      Plot.ruleX(bound ? [bound.value] : [], { stroke: FLAGGED, strokeDasharray: '2,3', strokeWidth: 1.25 }),
      Plot.text(bound ? [bound] : [], {
        x: 'value',
        text: (rule: { value: number; side: string }) => `${rule.side} ${format(rule.value)}`,
        frameAnchor: 'top',
        lineAnchor: 'bottom',
        dy: -1,
        fill: FLAGGED,
      }),
      Plot.ruleX([domain?.[0] ?? 0]),
    ],
  });
}
