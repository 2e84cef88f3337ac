/**
 * Colours and type of the analysis charts (drift, slices, labels). Hues are Okabe–Ito's, which
 * stay apart for every common colour-vision deficiency: blue for the baseline (and any single
 * series), orange for the current data, vermillion for what is flagged. Each is a CSS variable
 * that the page sets per theme (the app's renderer/views/views.css, report.html's
 * pipelines/report/styles.ts: a lighter blue on dark backgrounds), with the light theme's value
 * as the fallback, so a chart drawn outside either (a snapshot, a lone SVG) reads too. The app
 * and the report draw drift with this one pair: baseline #0072B2, current #E69F00.
 * Meaning never rests on colour alone: flagged marks also carry a sign, lines also differ in dash.
 */

export const BASELINE = 'var(--chart-baseline, #0072B2)';
export const CURRENT = 'var(--chart-current, #E69F00)';
export const FLAGGED = 'var(--chart-flagged, #D55E00)';
export const TEXT = 'var(--text, #1d2127)';
export const MUTED = 'var(--muted, #6b7280)';
export const GRID = 'var(--line, #e3e4e8)';

/** Plot's `style` for every chart: the app's text colour on a transparent background. */
export const CHART_STYLE = { background: 'transparent', color: TEXT, fontSize: '11px', fontVariantNumeric: 'tabular-nums', overflow: 'visible' } as const;

/** The dash of the current data's lines, so the two sides differ without colour. */
export const CURRENT_DASH = '5,3';

/** Tooltips on the panel's colour with the app's border, not Plot's white, so dark themes read them. */
export const TIP = { fill: 'var(--panel, #ffffff)', stroke: 'var(--line, #e3e4e8)' } as const;
