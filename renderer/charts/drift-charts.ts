/**
 * The drift charts as the app draws them: the core's Plot options (pipelines/charts/drift-plots.ts,
 * the same ones report.html renders) turned into SVG elements in the page's document, or a test's.
 * Inputs are summaries computed in DuckDB (pipelines/charts/drift-distributions.ts), never rows.
 *
 * @example
 * const { histograms } = await columnDistributions(engine, samples);
 * panel.append(driftHistograms(histograms.baseline, histograms.current, { labels: { baseline: 'March', current: 'April' } }));
 */
import * as Plot from '@observablehq/plot';
import type { BinShare, CategoryShare, EcdfPoint } from '../../pipelines/charts/drift-distributions';
import {
  driftBarsOptions,
  driftHistogramsOptions,
  ecdfOptions,
  sparklineOptions,
  type DriftBarsOptions,
  type DriftPlotOptions,
  type EcdfOptions,
  type SparklineOptions as SparklinePlotOptions,
} from '../../pipelines/charts/drift-plots';

export type { BinShare, CategoryShare, EcdfPoint, KsMark } from '../../pipelines/charts/drift-distributions';
export type { SideLabels } from '../../pipelines/charts/drift-plots';

interface InDocument {
  /** The document to create the SVG in (a test's DOM); default the page's. */
  document?: Document;
}

export type DriftChartOptions = DriftPlotOptions & InDocument;

function plot(options: Plot.PlotOptions, document: Document | undefined): SVGSVGElement | HTMLElement {
  return Plot.plot(document ? { ...options, document } : options);
}

/** Overlaid histograms on shared bins (see driftHistogramsOptions). */
export function driftHistograms(
  baseline: readonly BinShare[],
  current: readonly BinShare[],
  { document, ...options }: DriftChartOptions = {},
): SVGSVGElement | HTMLElement {
  return plot(driftHistogramsOptions(baseline, current, options), document);
}

/** Paired bars of category shares (see driftBarsOptions). */
export function driftBars(
  baseline: readonly CategoryShare[],
  current: readonly CategoryShare[],
  { document, ...options }: DriftBarsOptions & InDocument = {},
): SVGSVGElement | HTMLElement {
  return plot(driftBarsOptions(baseline, current, options), document);
}

/** Both ECDFs with the KS distance marked (see ecdfOptions). */
export function ecdfChart(
  baseline: readonly EcdfPoint[],
  current: readonly EcdfPoint[],
  { document, ...options }: EcdfOptions & InDocument = {},
): SVGSVGElement | HTMLElement {
  return plot(ecdfOptions(baseline, current, options), document);
}

export type SparklineOptions = SparklinePlotOptions & InDocument;

/** A table row's glance at both distributions (see sparklineOptions). */
export function sparkline(
  baseline: readonly number[],
  current: readonly number[],
  { document, ...options }: SparklineOptions = {},
): SVGSVGElement | HTMLElement {
  return plot(sparklineOptions(baseline, current, options), document);
}
