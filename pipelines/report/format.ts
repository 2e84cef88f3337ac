/**
 * Numbers, times, sizes and step results as short text for the report. Locale-independent
 * (en-US separators, UTC times), so a report reads the same on every host.
 */
import { formatNumber } from '../stats/profile/format';

export { formatNumber };

/** A count with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toLocaleString('en-US');
}

/** A fraction as a percentage: more digits for small non-zero shares, so 0.0004 is not "0.0%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  if (fraction === 0) return '0%';
  const percent = fraction * 100;
  if (Math.abs(percent) < 0.01) return '<0.01%';
  return `${Number(percent.toPrecision(Math.abs(percent) < 1 ? 2 : 3))}%`;
}

/** A file size in B, kB, MB, GB (powers of 1000, as `ls --si`). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${Number(value.toPrecision(3))} ${units[unit]}`;
}

/** An ISO time as `2026-11-24 05:14:06 UTC`; anything else as it is. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Milliseconds as `840 ms`, `2.4 s`, `3 min 12 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toPrecision(2))} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The first 12 hex digits of a hash: enough to tell files apart at a glance. */
export function abbreviateHash(sha256: string): string {
  return sha256.slice(0, 12);
}

function compactValue(value: unknown, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (depth > 2) return `[${value.length} items]`;
    const shown = value.slice(0, 6).map((item) => compactValue(item, depth + 1));
    return `[${shown.join(', ')}${value.length > shown.length ? `, … ${value.length - shown.length} more` : ''}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  if (depth > 2) return `{${entries.length} keys}`;
  const shown = entries.slice(0, 8).map(([key, item]) => `${key}: ${compactValue(item, depth + 1)}`);
  return `{${shown.join(', ')}${entries.length > shown.length ? `, … ${entries.length - shown.length} more` : ''}}`;
}

/**
 * An object's fields as `[key, value]` pairs, nested values shortened: what a step observed or
 * fitted, at a glance. Empty lists and objects are left out; the full value is in the manifest.
 */
export function compactFields(fields: Record<string, unknown>): [string, string][] {
  return Object.entries(fields)
    .filter(
      ([, value]) =>
        !(Array.isArray(value) && value.length === 0) && !(value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0),
    )
    .map(([key, value]) => [key, compactValue(value, 1)]);
}

/** `3 files`, `1 file`, `1,204 rows`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
