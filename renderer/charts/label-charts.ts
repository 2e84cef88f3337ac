/**
 * Observable Plot factories for label quality: the classes' counts against an even split, and a
 * heatmap of agreement between each pair of annotators.
 *
 * @example
 * const balance = await classBalance(engine, table, { label: 'species' });
 * panel.append(classBalanceChart(balance.classes));
 */
import * as Plot from '@observablehq/plot';
import { formatShare, formatValue, truncate } from './format';
import { BASELINE, CHART_STYLE, GRID, MUTED, TEXT, TIP } from './palette';

export interface ClassBar {
  label: string;
  count: number;
  /** Of the labelled rows. */
  share: number;
}

export interface ClassBalanceChartOptions {
  /** Draw the count every class would have if the labelled rows were split evenly. Default true. */
  even?: boolean;
  width?: number;
  ariaLabel?: string;
  document?: Document;
}

/** Rows per class as horizontal bars in the order given (largest first), each with its share. */
export function classBalanceChart(classes: readonly ClassBar[], options: ClassBalanceChartOptions = {}): SVGSVGElement | HTMLElement {
  const { even = true, width = 520, ariaLabel = 'Rows per class', document } = options;
  const labelled = classes.reduce((total, entry) => total + entry.count, 0);
  const evenCount = classes.length > 1 && even ? [labelled / classes.length] : [];
  return Plot.plot({
    ...(document ? { document } : {}),
    width,
    height: 58 + Math.max(1, classes.length) * 22,
    marginTop: 26,
    marginLeft: 120,
    marginRight: 48,
    ariaLabel,
    style: CHART_STYLE,
    x: { label: 'rows', grid: true, nice: true },
    y: { label: null, domain: classes.map((entry) => entry.label), tickFormat: (label: string) => truncate(label), padding: 0.2 },
    marks: [
      Plot.barX(classes, {
        x: 'count',
        y: 'label',
        fill: BASELINE,
        fillOpacity: 0.85,
        tip: TIP,
        title: (entry: ClassBar) => `${entry.label}\n${formatValue(entry.count)} rows (${formatShare(entry.share)})`,
      }),
      Plot.text(classes, { x: 'count', y: 'label', text: (entry: ClassBar) => formatShare(entry.share), dx: 5, textAnchor: 'start', fill: TEXT }),
      Plot.ruleX(evenCount, { stroke: TEXT, strokeDasharray: '5,3', strokeWidth: 1.25 }),
      Plot.text(evenCount, {
        x: (count: number) => count,
        text: (count: number) => `even split: ${formatValue(Math.round(count))}`,
        frameAnchor: 'top',
        lineAnchor: 'bottom',
        dy: -4,
        fill: MUTED,
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** Agreement between two annotators (each pair once; the heatmap mirrors it). */
export interface AgreementCell {
  first: string;
  second: string;
  /** Cohen's kappa over the items both rated; null when undefined (no shared item, one label throughout). */
  value: number | null;
  /** Items both rated. */
  items: number;
  /** The share of those items on which they gave the same label. */
  observed?: number | null;
}

export interface AgreementHeatmapOptions {
  /** The annotators in the order of rows and columns; default in order of appearance. */
  annotators?: readonly string[];
  /** The coefficient's name, for tooltips. */
  coefficient?: string;
  ariaLabel?: string;
  document?: Document;
}

const CELL = 46;

/**
 * A symmetric annotator × annotator matrix coloured by agreement (cividis, readable in both themes
 * and for colour-blind readers, clamped to [0, 1]: negative agreement looks like none), the value
 * written in each cell. The diagonal is left grey.
 */
export function agreementHeatmap(cells: readonly AgreementCell[], options: AgreementHeatmapOptions = {}): SVGSVGElement | HTMLElement {
  const {
    annotators = [...new Set(cells.flatMap((cell) => [cell.first, cell.second]))],
    coefficient = 'Cohen’s κ',
    ariaLabel = `${coefficient} between each pair of annotators`,
    document,
  } = options;
  const mirrored = cells.flatMap((cell) => [cell, { ...cell, first: cell.second, second: cell.first }]);
  const defined = mirrored.filter((cell) => cell.value !== null);
  const diagonal = annotators.map((name) => ({ first: name, second: name }));
  const tip = (cell: AgreementCell) =>
    `${cell.first} × ${cell.second}\n${coefficient}: ${cell.value === null ? 'undefined' : formatValue(cell.value)}\n${formatValue(cell.items)} items rated by both${cell.observed !== undefined && cell.observed !== null ? `, ${formatShare(cell.observed)} the same label` : ''}`;
  const marginLeft = 24 + Math.min(16, Math.max(...annotators.map((name) => name.length), 4)) * 6.2;
  return Plot.plot({
    ...(document ? { document } : {}),
    width: marginLeft + 12 + Math.max(1, annotators.length) * CELL,
    height: 40 + Math.max(1, annotators.length) * CELL,
    marginTop: 36,
    marginLeft,
    marginRight: 12,
    marginBottom: 4,
    ariaLabel,
    style: CHART_STYLE,
    x: { axis: 'top', label: null, domain: annotators, tickFormat: (name: string) => truncate(name, 9) },
    y: { label: null, domain: annotators, tickFormat: (name: string) => truncate(name, 16) },
    // An undefined kappa (no item rated by both, one label throughout) is grey, like the diagonal.
    color: { type: 'linear', scheme: 'cividis', domain: [0, 1], clamp: true, unknown: GRID },
    marks: [
      Plot.cell(diagonal, { x: 'second', y: 'first', fill: GRID, inset: 1 }),
      Plot.cell(mirrored, { x: 'second', y: 'first', fill: 'value', inset: 1, tip: TIP, title: tip }),
      // cividis runs from dark blue to yellow: light text on the dark half, dark text on the light half.
      Plot.text(
        defined.filter((cell) => cell.value! < 0.5),
        { x: 'second', y: 'first', text: (cell: AgreementCell) => cell.value!.toFixed(2), fill: '#ffffff', fontWeight: 600 },
      ),
      Plot.text(
        defined.filter((cell) => cell.value! >= 0.5),
        { x: 'second', y: 'first', text: (cell: AgreementCell) => cell.value!.toFixed(2), fill: '#1d2127', fontWeight: 600 },
      ),
      Plot.text(
        mirrored.filter((cell) => cell.value === null),
        { x: 'second', y: 'first', text: () => '–', fill: MUTED },
      ),
    ],
  });
}
