import { formatBytes, plural } from '../../../report/format';
import { ObjectCache } from '../../sources/object-cache';
import type { RegisterCommand } from './command';

export const registerCache: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('cache')
    .description('Show where downloaded S3 and http(s) inputs are cached and how much they take, or empty the cache.')
    .option('--clear', 'remove every cached object and partial download (the next run downloads again)')
    .addHelpText(
      'after',
      '\nSettings: WINNOW_CACHE_DIR (default ~/.cache/winnow), WINNOW_CACHE_MAX_BYTES (default 50 GiB).\n\nExamples:\n  winnow cache\n  winnow cache --clear',
    )
    .action(async (options: { clear?: boolean }) => {
      const cache = new ObjectCache();
      const before = await cache.usage();
      if (options.clear) {
        await cache.clear();
        io.out(
          `cleared ${cache.root}: ${plural(before.objects, 'object')} (${formatBytes(before.objectBytes)}) and ${plural(before.partials, 'partial download')} removed`,
        );
      } else {
        io.out(
          [
            `cache: ${cache.root}`,
            `  objects: ${plural(before.objects, 'file')}, ${formatBytes(before.objectBytes)} (limit ${formatBytes(cache.maxBytes)}; least recently used go first)`,
            `  partial downloads: ${plural(before.partials, 'file')}, ${formatBytes(before.partialBytes)} (resumed by the next read of their object)`,
          ].join('\n'),
        );
      }
      setExit(0);
    });
};
