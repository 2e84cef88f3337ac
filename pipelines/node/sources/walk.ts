/**
 * Every file under a folder, at any depth, for folder and glob sources (Node only). Symbolic
 * links are followed, to files and to folders alike, because a link in a data folder is data the
 * person put there: skipping it would read the source short without a word. The file keeps the
 * link's path (its hive partition folders are the link's), and whoever hashes it hashes the
 * bytes of its target, so a manifest pins what was read.
 *
 * What cannot be followed stops the walk with one line naming it: a link whose target is gone
 * (it may have been a folder of data, so even one whose name says nothing stops the walk), a link
 * to a folder that holds the link (following it would never end), and a wanted name that is
 * neither a file nor a folder (a FIFO would make the reader wait forever).
 */
import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { WinnowError } from '../../errors';

/**
 * The files under `folder` that `wanted` accepts, sorted by path (code point order); names
 * starting with '.' or '_' are skipped (`.DS_Store`, Spark's `_SUCCESS`). `uri` is the source as
 * the spec writes it, for the errors.
 */
export async function walkFiles(folder: string, uri: string, wanted: (path: string) => boolean): Promise<string[]> {
  const files: string[] = [];
  // Real paths of the folders from `folder` down to the one being read: a link back to one of them is a loop.
  const visit = async (dir: string, ancestors: ReadonlySet<string>): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      const path = join(dir, entry.name);
      const link = entry.isSymbolicLink();
      const found = link ? await stat(path).catch(async (error: NodeJS.ErrnoException) => refuseBrokenLink(uri, path, error)) : entry;
      if (found.isDirectory()) {
        const real = await realpath(path);
        if (ancestors.has(real)) {
          throw new WinnowError(
            `${uri}: ${path} is a symbolic link to ${real}, a folder that holds the link; following it would never end`,
            { file: path },
            'input',
          );
        }
        await visit(path, new Set([...ancestors, real]));
      } else if (found.isFile()) {
        if (wanted(path)) files.push(path);
      } else if (wanted(path)) {
        throw new WinnowError(`${uri}: ${path} is not a regular file (a pipe, socket or device); Winnow reads files and folders only`, { file: path }, 'input');
      }
    }
  };
  await visit(folder, new Set([await realpath(folder)]));
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function refuseBrokenLink(uri: string, path: string, error: NodeJS.ErrnoException): Promise<never> {
  const target = await readlink(path).catch(() => 'an unreadable target');
  const why = error.code === 'ELOOP' ? 'which leads round in a loop of links' : 'which does not exist';
  throw new WinnowError(`${uri}: ${path} is a symbolic link to ${target}, ${why}; remove the link or restore its target`, { file: path }, 'input');
}
