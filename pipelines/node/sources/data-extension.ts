/** A data file's extensions: the data extension, then an optional compression one (`.csv`, `.csv.gz`). */
export const DATA_EXTENSION = /(\.[a-z0-9]+)(\.(?:gz|zst))?$/i;

/** The extensions a cached copy of `name` keeps, so a reader can tell its format (`a.CSV.gz` -> `.csv.gz`). */
export function dataExtensionOf(name: string): string {
  return (DATA_EXTENSION.exec(name)?.[0] ?? '').toLowerCase();
}
