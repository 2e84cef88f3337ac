import { isAbsolute, relative, resolve, sep } from 'node:path';

/** `target` relative to `folder`, with '/' separators (how manifests write paths). */
export function relativePosix(folder: string, target: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target;
  return relative(folder, target).split(sep).join('/') || '.';
}

/** Resolves a manifest path (relative to its folder, or absolute, or a URL) to a local path. */
export function resolveFrom(folder: string, path: string): string {
  return isAbsolute(path) ? path : resolve(folder, ...path.split('/'));
}
