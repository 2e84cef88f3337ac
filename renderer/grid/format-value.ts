/**
 * How one value of the working set reads to a person: the grid and the row dialog both show
 * cells through formatCellValue, so a value looks the same wherever it appears.
 *
 *   TIMESTAMP (any precision)   2001-01-14 21:45, 2001-01-14 21:45:07, 2001-01-14 21:45:07.25
 *   TIMESTAMP WITH TIME ZONE    2001-01-14 21:45+00:00
 *   DATE                        2001-01-14
 *   TIME                        21:45, 21:45:07.5
 *   numbers                     integers in full, others to at most 6 decimals, never grouped
 *   null                        ∅
 *
 * A TIMESTAMP has no time zone: it is the wall-clock time DuckDB stores, so it is shown without
 * one. The engines hand it over as ISO 8601 with a "Z" (see Engine.query), which would make it
 * read as UTC; that "Z" is dropped here. A TIMESTAMP WITH TIME ZONE is an instant, which the
 * engines give in UTC: it is shown in UTC with its offset, +00:00.
 */

/** What a null reads as, in the grid and in the row dialog. */
export const NULL_MARK = '∅';

/** YYYY-MM-DD, then optionally a time of day, then optionally a zone: the engines' timestamps and DuckDB's own text. */
const DATE_TIME = /^([+-]?\d{4,6}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

type TimeKind = 'date' | 'timestamp' | 'zoned' | 'time';

function timeKindOf(type: string): TimeKind | null {
  const upper = type.trim().toUpperCase();
  if (upper === 'DATE') return 'date';
  if (upper === 'TIMESTAMP WITH TIME ZONE' || upper === 'TIMESTAMPTZ') return 'zoned';
  if (upper.startsWith('TIMESTAMP')) return 'timestamp';
  if (upper === 'TIME') return 'time';
  return null;
}

/** Seconds only when they are not zero; a fraction only when it is not zero, without trailing zeros. */
function clock(hours: string, minutes: string, seconds = '00', fraction = ''): string {
  const digits = fraction.replace(/^\./, '').replace(/0+$/, '');
  if (digits) return `${hours}:${minutes}:${seconds}.${digits}`;
  return seconds === '00' ? `${hours}:${minutes}` : `${hours}:${minutes}:${seconds}`;
}

/** A Date, or milliseconds since the epoch (a number or bigint), as ISO 8601 text; null when it is neither. */
function maybeIsoText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const date = value instanceof Date ? value : typeof value === 'number' || typeof value === 'bigint' ? new Date(Number(value)) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

function formatDateTime(value: unknown, kind: Exclude<TimeKind, 'time'>): string | null {
  const text = maybeIsoText(value);
  const parts = text === null ? null : DATE_TIME.exec(text.trim());
  if (!parts) return null;
  const [, day, hours, minutes, seconds, fraction, zone] = parts;
  if (kind === 'date' || hours === undefined || minutes === undefined) return day!;
  const time = `${day} ${clock(hours, minutes, seconds, fraction)}`;
  if (kind === 'timestamp') return time;
  return `${time}${offsetOf(zone ?? 'Z')}`;
}

/** An ISO 8601 zone designator as a ±HH:MM offset: Z is +00:00, +01 is +01:00. */
function offsetOf(zone: string): string {
  if (zone === 'Z') return '+00:00';
  const [, sign, hours, minutes = '00'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  return `${sign}${hours}:${minutes}`;
}

/** A time of day: microseconds since midnight, as the engines give TIME, or DuckDB's HH:MM:SS text. */
function formatTime(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'bigint') {
    const micros = BigInt(value);
    if (micros < 0n) return null;
    const pad = (part: bigint) => String(part).padStart(2, '0');
    const fraction = micros % 1_000_000n;
    return clock(
      pad(micros / 3_600_000_000n),
      pad((micros / 60_000_000n) % 60n),
      pad((micros / 1_000_000n) % 60n),
      fraction ? `.${String(fraction).padStart(6, '0')}` : '',
    );
  }
  const parts = typeof value === 'string' ? /^(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(value.trim()) : null;
  return parts ? clock(parts[1]!, parts[2]!, parts[3], parts[4]) : null;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
}

/**
 * A cell's value as text, by its DuckDB column type (e.g. 'TIMESTAMP', 'DECIMAL(10,2)').
 * Values come as the engines give them (see Engine.query); timestamps may also be Dates or
 * milliseconds since the epoch. A value that does not fit its type is shown as it is.
 *
 * @example
 * formatCellValue('2001-01-14T21:45:00.000Z', 'TIMESTAMP'); // '2001-01-14 21:45'
 * formatCellValue(null, 'INTEGER'); // '∅'
 */
export function formatCellValue(value: unknown, type: string): string {
  if (value === null) return NULL_MARK;
  if (value === undefined) return '';
  const kind = timeKindOf(type) ?? (value instanceof Date ? 'timestamp' : null);
  const formatted = kind === 'time' ? formatTime(value) : kind ? formatDateTime(value, kind) : null;
  if (formatted !== null) return formatted;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'object' && !(value instanceof Date))
    return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? String(inner) : inner));
  return String(value);
}
