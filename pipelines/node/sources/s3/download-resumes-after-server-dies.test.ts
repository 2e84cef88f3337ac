/**
 * The fault test: the S3 server dies mid-download of a big object. The run fails cleanly (exit 2,
 * one line), nothing half-written is in the cache's objects, and the next run after the server is
 * back resumes the download with a Range request from where it stopped and completes it.
 * A throttling TCP proxy between the client and s3rver slows the download enough to kill the
 * server part-way, and records the requests' Range headers.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../manifest/manifest';
import { main } from '../../cli/cli';
import { restoreEnv, s3ServerEnv, setEnv, startS3Server, type TestS3Server } from '../../../../testing/s3rver-server';

interface ThrottlingProxy {
  endpoint: string;
  /** `Range: bytes=N-` headers seen, as N. */
  rangeStarts: number[];
  close(): void;
}

/**
 * Forwards to `port`, passing at most one chunk (<= 64 KB) of each response every `delayMs`.
 * When `onResponseBytes` answers true, every connection is cut at once: what the dead server had
 * already written into socket buffers must not reach the client either.
 */
async function throttlingProxy(port: number, delayMs: number, onResponseBytes: (total: number) => boolean): Promise<ThrottlingProxy> {
  const rangeStarts: number[] = [];
  const sockets = new Set<Socket>();
  let responseBytes = 0;
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = createConnection({ host: '127.0.0.1', port });
    sockets.add(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString('latin1').matchAll(/^range: bytes=(\d+)-/gim)) rangeStarts.push(Number(match[1]));
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      upstream.pause();
      client.write(chunk);
      responseBytes += chunk.length;
      if (onResponseBytes(responseBytes)) {
        for (const socket of sockets) socket.destroy();
        return;
      }
      setTimeout(() => upstream.resume(), delayMs);
    });
    upstream.on('close', closeBoth);
    upstream.on('error', closeBoth);
    client.on('close', closeBoth);
    client.on('error', closeBoth);
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    rangeStarts,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

let server: TestS3Server;
let dir: string;
const rows = Array.from({ length: 300_000 }, (_, index) => `${index + 1},${index % 40},${(index * 7919) % 1000}`);
const big = ['id,temp,noise', ...rows].join('\n') + '\n';
const bigSha256 = createHash('sha256').update(big).digest('hex');

beforeAll(async () => {
  server = await startS3Server(['data']);
  dir = mkdtempSync(join(tmpdir(), 'winnow-s3-fault-'));
  await server.put('data', 'big/readings.csv', big);
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(restoreEnv);

describe('a download cut by the server dying', () => {
  it('fails the run cleanly, then the retry resumes with a Range request and completes', async () => {
    let killed: Promise<void> | undefined;
    // Kill the server once a third of the object has gone through.
    const proxy = await throttlingProxy(server.port, 15, (total) => {
      if (total <= big.length / 3 || killed) return false;
      killed = server.kill();
      return true;
    });
    const cache = join(dir, 'cache');
    setEnv({ ...s3ServerEnv(server, cache), AWS_ENDPOINT_URL: proxy.endpoint, WINNOW_DOWNLOAD_ATTEMPTS: '2' });
    const specPath = join(dir, 'big.winnow.yaml');
    writeFileSync(
      specPath,
      'version: 1\nname: big\nseed: 1\nsources:\n  readings:\n    uri: s3://data/big/readings.csv\nsteps:\n  - { id: cols, check: schema, columns: { id: BIGINT } }\noutputs: []\n',
    );
    const run = async () => {
      let err = '';
      const code = await main(['run', specPath, '--out', join(dir, 'out')], { out: () => undefined, err: (text) => void (err += text + '\n'), isTTY: false });
      return { code, err };
    };
    try {
      const failed = await run();
      await killed;
      expect(killed).toBeDefined();
      expect(failed.code, failed.err).toBe(2);
      expect(failed.err).toMatch(/^s3:\/\/data\/big\/readings\.csv: cannot reach the S3 endpoint http:\/\/127\.0\.0\.1:\d+ \(E[A-Z]+\): .*\n$/);
      // Nothing half-written passes for an object; the partial download waits to be resumed.
      expect(existsSync(join(cache, 'objects')) ? readdirSync(join(cache, 'objects')) : []).toEqual([]);
      const [partial] = readdirSync(join(cache, 'partial'));
      const kept = statSync(join(cache, 'partial', partial!)).size;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(big.length);
      expect(existsSync(join(dir, 'out', 'manifest.json'))).toBe(false);

      await server.restart();
      const resumed = await run();
      expect(resumed.err).toBe('');
      expect(resumed.code).toBe(0);
      expect(proxy.rangeStarts).toContain(kept);
      expect(readdirSync(join(cache, 'partial'))).toEqual([]);
      expect(readdirSync(join(cache, 'objects'))).toEqual([`${bigSha256}.csv`]);
      expect(readFileSync(join(cache, 'objects', `${bigSha256}.csv`), 'utf8') === big).toBe(true);
      const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as Manifest;
      expect(manifest.inputs[0]?.files[0]).toMatchObject({ uri: 's3://data/big/readings.csv', bytes: big.length, sha256: bigSha256 });
      expect(manifest.inputs[0]?.rows).toBe(rows.length);
    } finally {
      proxy.close();
    }
  }, 60_000);
});
