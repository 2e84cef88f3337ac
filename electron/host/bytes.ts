/** Sizes as people write them: "512MB", "1.5 GB", "2g", or a plain number of bytes. */
const units: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

export function parseBytes(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? units[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new Error(`"${text}" is not a size (write e.g. 512MB or 2GB)`);
  return Math.round(Number(match[1]) * unit);
}
