/** Content hashes of files, streamed so a 10 GB Parquet file needs no memory. */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';

export interface FileHash {
  bytes: number;
  sha256: string;
}

export async function hashFile(path: string): Promise<FileHash> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  const { size } = await stat(path);
  return { bytes: size, sha256: hash.digest('hex') };
}

/** A pass-through stream that feeds every chunk to `hashes` and says how many bytes went by. */
export function hashingStream(hashes: readonly Hash[], onBytes: (bytes: number) => void = () => undefined): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (const hash of hashes) hash.update(chunk);
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
