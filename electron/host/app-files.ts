/**
 * The app's own files (the built renderer) as both shells serve them: the browser-mode server
 * over HTTP and Electron's `winnow://app` protocol. A URL path becomes a file inside the app
 * folder, or a refusal: percent-encoding that does not decode is a 400, and a path that leaves
 * the folder, by `..` or through a symbolic link, is a 403. The check is on the real path (links
 * resolved) of both the folder and the file. The route table both shells answer with
 * (routes.ts) calls it.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type AppFile = { path: string; relative: string } | { status: 400 | 403 | 404; message: string };

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * The file `urlPath` (`/`, `/index.html`, `/assets/app-1a2b.js`) names under `root`.
 *
 * @example
 * await appFile('/app/dist/renderer', '/assets/%E0%A4%A') // { status: 400, message: 'malformed percent-encoding in the path' }
 */
export async function appFile(root: string, urlPath: string): Promise<AppFile> {
  let decoded: string;
  try {
    decoded = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath.replace(/^\/+/, ''));
  } catch {
    return { status: 400, message: 'malformed percent-encoding in the path' };
  }
  if (decoded.includes('\0')) return { status: 400, message: 'a NUL character in the path' };
  const lexical = resolve(root, decoded);
  if (!inside(resolve(root), lexical)) return { status: 403, message: 'forbidden' };
  const [realRoot, real] = await Promise.all([realpath(root).catch(() => undefined), realpath(lexical).catch(() => undefined)]);
  if (!realRoot || !real) return { status: 404, message: 'not found' };
  if (!inside(realRoot, real)) return { status: 403, message: 'forbidden' };
  const info = await stat(real).catch(() => undefined);
  if (!info?.isFile()) return { status: 404, message: 'not found' };
  return { path: real, relative: relative(realRoot, real).split(sep).join('/') };
}

/** The folder files unpacked from the asar live in (`app.asar` → `app.asar.unpacked`); the folder itself when not packaged. */
export function unpackedDir(dir: string): string {
  return dir.replace(/([\\/])app\.asar(?=$|[\\/])/, '$1app.asar.unpacked');
}
