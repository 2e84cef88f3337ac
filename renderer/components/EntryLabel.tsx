/**
 * One entry of the files or S3 browser: an icon for its kind (drawn, not an emoji, so it looks the
 * same without an emoji font), its name, and its size when it is a file or an object.
 */

export type EntryKind = 'bucket' | 'folder' | 'file';

const ICONS: Record<EntryKind, string> = {
  bucket: 'M2.5 4.5 4 13a1.5 1.5 0 0 0 1.5 1.2h5A1.5 1.5 0 0 0 12 13l1.5-8.5M2.5 4.5c0-1 2.5-1.8 5.5-1.8s5.5.8 5.5 1.8-2.5 1.8-5.5 1.8-5.5-.8-5.5-1.8Z',
  folder: 'M1.5 4v8.5a1 1 0 0 0 1 1h11a1 1 0 0 0 1-1V6a1 1 0 0 0-1-1H7.8L6.3 3H2.5a1 1 0 0 0-1 1Z',
  file: 'M4 1.5h5.2l3.3 3.3v9.2a.5.5 0 0 1-.5.5H4a.5.5 0 0 1-.5-.5V2a.5.5 0 0 1 .5-.5ZM9 1.5V5h3.5',
};

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function EntryLabel({ kind, name, bytes }: { kind: EntryKind; name: string; bytes?: number }) {
  return (
    <>
      <svg className="entry-icon" data-kind={kind} viewBox="0 0 16 16" aria-hidden="true">
        <path d={ICONS[kind]} />
      </svg>
      <span className="entry-name">{name}</span>
      {kind === 'file' && bytes !== undefined ? <span className="entry-size">{formatBytes(bytes)}</span> : null}
    </>
  );
}
