/** How the commands print: tables, numbers, shares and clipped text, written once for every command. */

export interface TableLayout {
  /** Put before every line (the commands indent tables under a heading). Default: none. */
  indent?: string;
  /** Columns padded on the left (numbers). The others are padded on the right. */
  rightAligned?: (column: number) => boolean;
}

/** Rows of cells as columns padded to their widest cell, two spaces apart, without trailing spaces. */
export function alignTable(rows: string[][], { indent = '', rightAligned = () => false }: TableLayout = {}): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, column) => (rightAligned(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd(),
  );
}

/** Four significant digits; exponent form for the very small and very large; '–' for no value. */
export function formatNumber(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '–';
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** A share as a percentage to one decimal, without a trailing zero: 0.5 → '50%', 0.1234 → '12.3%'. */
export function formatShare(value: number): string {
  return `${Number((value * 100).toFixed(1))}%`;
}

/** At most `length` characters on one line. */
export function clip(text: string, length = 60): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
