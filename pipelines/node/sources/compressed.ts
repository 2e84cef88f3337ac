/**
 * Whole-file checks of compressed inputs (Node only), made before any reader runs.
 *
 * DuckDB 1.4.3 reads a .gz that was cut short, or whose deflate data is damaged, as far as it
 * can and stops without an error (measured: a gzip cut to a tenth read as 493 of 5,000 rows; a
 * damaged block gave 4,199); it never checks the gzip CRC either. A truncated .zst reads as no
 * rows at all. So a compressed file is checked here, and a damaged one stops the run naming it:
 * - gzip: inflated once by zlib, which checks every member's CRC-32 and length. This is a second
 *   pass over the file's bytes, paid by compressed inputs only, because no reader Winnow uses can
 *   tell a complete stream from a cut one.
 * - zstd: its frames and blocks are walked by their headers (a few bytes per 128 KB block, no
 *   decompression), which finds a file cut short; damage inside a block is caught by DuckDB's
 *   own check of the frame's content checksum when the writer stored one (zstd's default).
 * A zero-byte file is left to the readers, which say it is empty.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { WinnowError } from '../../errors';

/** Throws a WinnowError (kind 'input') naming the first of `files` that is a damaged .gz or .zst; `labels` name them in errors (a remote object's URI). */
export async function checkCompressedFiles(files: readonly string[], labels: readonly string[] = files): Promise<void> {
  for (const [index, file] of files.entries()) {
    const label = labels[index] ?? file;
    const lower = file.toLowerCase();
    const problem = lower.endsWith('.gz') ? await gzipProblem(file) : lower.endsWith('.zst') ? await zstdProblem(file) : undefined;
    if (problem) throw new WinnowError(`${label} ${problem}; it cannot be read whole, so nothing of it is read`, { file: label }, 'input');
  }
}

async function gzipProblem(file: string): Promise<string | undefined> {
  if ((await stat(file)).size === 0) return undefined;
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), createGunzip({ chunkSize: 1 << 20 }), discard);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end/i.test((error as Error).message)) return 'is a gzip file cut short (its compressed stream ends early)';
    return `is a damaged gzip file (${(error as Error).message})`;
  }
}

const ZSTD_MAGIC = 0xfd2fb528;
/** Skippable frames have magic numbers 0x184D2A50 to 0x184D2A5F. */
const SKIPPABLE_MAGIC = 0x184d2a50;

/** Walks the zstd frames of `file` by their headers (RFC 8878, section 3.1). */
async function zstdProblem(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.alloc(8);
    const readAt = async (length: number, position: number) => (await handle.read(bytes, 0, length, position)).bytesRead === length;
    const cut = 'is a zstd file cut short (its last frame ends early)';
    let position = 0;
    while (position < size) {
      if (!(await readAt(4, position))) return cut;
      const magic = bytes.readUInt32LE(0);
      if ((magic & 0xfffffff0) === SKIPPABLE_MAGIC) {
        if (!(await readAt(8, position))) return cut;
        position += 8 + bytes.readUInt32LE(4);
        if (position > size) return cut;
        continue;
      }
      if (magic !== ZSTD_MAGIC)
        return position === 0 ? 'is not a zstd file (no zstd frame at its start)' : 'has bytes after its last zstd frame that are not zstd';
      if (!(await readAt(1, position + 4))) return cut;
      const descriptor = bytes[0] as number;
      const contentSizeFlag = descriptor >> 6;
      const singleSegment = (descriptor >> 5) & 1;
      const hasChecksum = (descriptor >> 2) & 1;
      const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] as number;
      const contentSizeBytes = contentSizeFlag === 0 ? singleSegment : ([0, 2, 4, 8][contentSizeFlag] as number);
      position += 4 + 1 + (singleSegment ? 0 : 1) + dictionaryBytes + contentSizeBytes;
      for (let last = false; !last;) {
        if (!(await readAt(3, position))) return cut;
        const header = bytes.readUIntLE(0, 3);
        last = (header & 1) === 1;
        const type = (header >> 1) & 3;
        if (type === 3) return 'is a damaged zstd file (a block of a reserved type)';
        // An RLE block holds one byte, repeated; raw and compressed blocks hold Block_Size bytes.
        position += 3 + (type === 1 ? 1 : header >> 3);
        if (position > size) return cut;
      }
      if (hasChecksum) position += 4;
      if (position > size) return cut;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
