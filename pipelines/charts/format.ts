/** Numbers as the analysis charts and tables show them: short, aligned, never in exponent soup. */

/** A measured value: integers with separators, others to four significant digits. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString('en-US');
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3)) return value.toExponential(2);
  return Number(value.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** A p-value, as the run report writes it too. */
export { formatPValue } from '../stats/profile/format';

/** A share in [0, 1] as a percentage, with a decimal where it matters. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  const percent = share * 100;
  if (percent !== 0 && Math.abs(percent) < 0.1) return `${percent < 0 ? '−' : ''}<0.1%`;
  return `${percent.toFixed(Math.abs(percent) < 10 ? 1 : 0)}%`;
}

/** An axis tick or bin edge; `temporal` edges are epoch seconds, shown as UTC dates. */
export function formatEdge(value: number, temporal = false): string {
  if (temporal) return new Date(value * 1000).toISOString().slice(0, 10);
  return formatValue(Number.isInteger(value) ? value : Number(value.toPrecision(4)));
}

/** A label cut to `length` characters, for axes; tooltips show it whole. */
export function truncate(label: string, length = 18): string {
  return label.length > length ? `${label.slice(0, length - 1)}…` : label;
}
