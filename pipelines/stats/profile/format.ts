/**
 * A profile as text for a terminal: a header, then one aligned block per column (statistic on
 * the left, value on the right). Numbers are rounded to 6 significant digits here; the JSON form
 * keeps every digit.
 */
import { PATTERNS } from './patterns';
import type { ColumnProfile, Profile } from './types';

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Text as it is, unless spaces at its ends or control characters would hide: then quoted. */
function formatText(value: string): string {
  return value === '' || /^\s|\s$|\p{Cc}/u.test(value) ? JSON.stringify(value) : value;
}

/** A p-value: small ones in exponent form, so 1e-12 and 1e-300 stay distinct. */
export function formatPValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value === 0) return '< 1e-300';
  return value < 1e-3 ? value.toExponential(1) : String(Number(value.toPrecision(3)));
}

/** Six significant digits, thousands separators for whole numbers, exponent form at the extremes. */
export function formatNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return formatText(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString('en-US');
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e15)) return value.toExponential(5).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(6)));
}

function percent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  return `${Number(((100 * part) / whole).toPrecision(3))}%`;
}

function countWithShare(part: number, whole: number): string {
  return `${formatNumber(part)} (${percent(part, whole)})`;
}

/** One character per bin: blank for an empty bin, else a bar scaled to the fullest bin. */
function sparkline(counts: number[]): string {
  const most = Math.max(...counts);
  return counts.map((count) => (count === 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((count / most) * (BARS.length - 1) + 0.5))])).join('');
}

/** Rows of cells, each column padded to its widest cell. */
function align(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((found, row) => row.map((cell, index) => Math.max(found[index] ?? 0, cell.length)), []);
  return rows.map((row) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd(),
  );
}

function columnRows(column: ColumnProfile): string[][] {
  const rows: string[][] = [
    ['count', formatNumber(column.count)],
    ['nulls', countWithShare(column.nulls, column.count + column.nulls)],
    ['distinct', `${formatNumber(column.distinct)} (${column.distinctExact ? 'exact' : 'approximate, HyperLogLog'})`],
  ];
  if (column.kind === 'numeric' || column.kind === 'string' || column.kind === 'temporal') {
    rows.push(['min', formatNumber(column.min)], ['max', formatNumber(column.max)]);
  }
  const numeric = column.numeric;
  if (numeric) {
    rows.push(['mean', formatNumber(numeric.mean)], ['std', formatNumber(numeric.std)]);
    if (numeric.quantiles.length > 0) {
      const values = numeric.quantiles.map((quantile) => `p${Number((quantile.probability * 100).toPrecision(4))} ${formatNumber(quantile.value)}`).join(' · ');
      rows.push(['quantiles', `${values}${numeric.quantilesExact ? '' : ' (approximate, T-Digest)'}`]);
    }
    rows.push(['zeros', countWithShare(numeric.zeros, column.count)], ['negatives', countWithShare(numeric.negatives, column.count)]);
    if (numeric.nonFinite > 0) rows.push(['NaN, ±Inf', countWithShare(numeric.nonFinite, column.count)]);
    const histogram = numeric.histogram;
    if (histogram) {
      const width = (histogram.high - histogram.low) / histogram.bins;
      const rule = `${histogram.rule}${histogram.capped ? ', capped' : ''}`;
      rows.push([
        'histogram',
        `|${sparkline(histogram.counts)}|  ${histogram.bins} ${histogram.bins === 1 ? 'bin' : 'bins'} of ${formatNumber(width)}, ${formatNumber(histogram.low)} to ${formatNumber(histogram.high)} (${rule})`,
      ]);
    }
  }
  if (column.lengths)
    rows.push(['length', `${formatNumber(column.lengths.min)} to ${formatNumber(column.lengths.max)}, mean ${formatNumber(column.lengths.mean)}`]);
  if (column.top && column.top.values.length > 0) {
    const entries = [
      ...column.top.values.map((value) => [formatText(String(value.value)), value.count] as const),
      ...(column.top.other > 0 ? [['(other)', column.top.other] as const] : []),
    ];
    const valueWidth = Math.min(40, Math.max(...entries.map(([value]) => value.length)));
    const countWidth = Math.max(...entries.map(([, count]) => formatNumber(count).length));
    entries.forEach(([value, count], index) => {
      const shown = value.length > valueWidth ? `${value.slice(0, valueWidth - 1)}…` : value.padEnd(valueWidth);
      rows.push([index === 0 ? 'top values' : '', `${shown}  ${formatNumber(count).padStart(countWidth)}  ${percent(count, column.count)}`]);
    });
  }
  const patterns = column.patterns;
  if (patterns && patterns.sampled > 0) {
    const found = PATTERNS.filter((pattern) => patterns.matches[pattern.name] > 0).map(
      (pattern) => `${pattern.name} ${percent(patterns.matches[pattern.name], patterns.sampled)}`,
    );
    rows.push(['patterns', found.length > 0 ? `${found.join(', ')} of ${formatNumber(patterns.sampled)} sampled` : 'none']);
    if (patterns.possiblePii)
      rows.push(['possible PII', patterns.pii.map((name) => `${name} ${percent(patterns.holding[name] ?? 0, patterns.sampled)}`).join(', ')]);
  }
  return rows;
}

/** The profile as text: `title` names what was profiled (a file, a table). */
export function formatProfile(profile: Profile, title: string): string {
  const { dataset } = profile;
  const exactness = dataset.exact
    ? 'distinct counts and quantiles exact'
    : `over ${formatNumber(dataset.exactRowLimit)} rows: distinct counts and quantiles approximate`;
  const lines = [`${title}: ${formatNumber(dataset.rows)} rows, ${formatNumber(dataset.columns)} columns; ${exactness}`];
  lines.push(`possible PII: ${dataset.possiblePii.length > 0 ? dataset.possiblePii.join(', ') : 'none found'}`);
  for (const column of profile.columns) {
    lines.push('', `${column.name}  ${column.type}  ${column.kind}`, ...align(columnRows(column)).map((line) => `  ${line}`));
  }
  return lines.join('\n');
}
