/**
 * s3:// sources against a real S3-compatible server (s3rver on 127.0.0.1, started here), through
 * the code a user runs: resolveSource, the object cache, `winnow run` and `--snapshot`.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../manifest/manifest';
import type { DownloadProgress } from '../../../protocol/host';
import { resolveSource } from '../resolve-source';
import { runSpecFile } from '../../run-to-disk/run';
import { NativeEngine } from '../../engine/native-engine';
import { ObjectCache } from '../object-cache';
import { resolveS3 } from './resolve-s3';
import { restoreEnv, s3ServerEnv, setEnv, startS3Server, type TestS3Server } from '../../../../testing/s3rver-server';
import { formatOfPath } from '../resolve-source';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

let server: TestS3Server;
let dir: string;
let cacheDir: string;

beforeAll(async () => {
  server = await startS3Server(['data']);
  dir = mkdtempSync(join(tmpdir(), 'winnow-s3-'));
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(restoreEnv);

function useServer(): void {
  cacheDir = mkdtempSync(join(dir, 'cache-'));
  setEnv(s3ServerEnv(server, cacheDir));
}

describe('resolving s3:// sources', () => {
  it('fetches one key into the content-addressed cache, with its ETag and sha256', async () => {
    useServer();
    const text = 'id,city\n1,Oslo\n2,Rome\n';
    await server.put('data', 'single/cities.csv', text);
    const source = await resolveSource('cities', { uri: 's3://data/single/cities.csv' }, dir);
    expect(source.format).toBe('csv');
    // Read under its key's path: a hard link to the object named by its content.
    expect(source.files).toEqual([join(cacheDir, 'names', sha256(text), 'data', 'single', 'cities.csv')]);
    expect(statSync(source.files[0]!).ino).toBe(statSync(join(cacheDir, 'objects', `${sha256(text)}.csv`)).ino);
    expect(readFileSync(source.files[0]!, 'utf8')).toBe(text);
    expect(source.remote).toEqual([{ uri: 's3://data/single/cities.csv', bytes: text.length, sha256: sha256(text), etag: md5(text) }]);
    expect(readdirSync(join(cacheDir, 'partial'))).toEqual([]);
  });

  it('lists a prefix in key order, keeping data files and skipping hidden and underscore names', async () => {
    useServer();
    await server.put('data', 'prefix/b.csv', 'a\n2\n');
    await server.put('data', 'prefix/a/z.csv', 'a\n1\n');
    await server.put('data', 'prefix/_SUCCESS', '');
    await server.put('data', 'prefix/.hidden.csv', 'a\n9\n');
    await server.put('data', 'prefix/_tmp/c.csv', 'a\n9\n');
    await server.put('data', 'prefix/notes.txt', 'not data');
    const source = await resolveSource('events', { uri: 's3://data/prefix/' }, dir);
    expect(source.remote?.map((object) => object.uri)).toEqual(['s3://data/prefix/a/z.csv', 's3://data/prefix/b.csv']);
    expect(source.files.map((file) => readFileSync(file, 'utf8'))).toEqual(['a\n1\n', 'a\n2\n']);
    // Without the trailing slash a key that is not there is read as the folder it names.
    expect((await resolveSource('events', { uri: 's3://data/prefix' }, dir)).remote).toHaveLength(2);
  });

  it('matches globs over keys', async () => {
    useServer();
    await server.put('data', 'logs/2026-01/part-1.csv', 'a\n1\n');
    await server.put('data', 'logs/2026-02/part-2.csv', 'a\n2\n');
    await server.put('data', 'logs/2025-12/part-0.csv', 'a\n0\n');
    await server.put('data', 'logs/2026-02/other.csv', 'a\n3\n');
    const source = await resolveSource('logs', { uri: 's3://data/logs/2026-*/part-*.csv' }, dir);
    expect(source.remote?.map((object) => object.uri)).toEqual(['s3://data/logs/2026-01/part-1.csv', 's3://data/logs/2026-02/part-2.csv']);
    await expect(resolveSource('logs', { uri: 's3://data/logs/2027-*/part-*.csv' }, dir)).rejects.toMatchObject({
      kind: 'input',
      message: 's3://data/logs/2027-*/part-*.csv: no key matches the pattern',
    });
  });

  it('takes an unchanged object from the cache, and fetches a changed one again', async () => {
    useServer();
    await server.put('data', 'again/a.csv', 'a\n1\n');
    const first = await resolveSource('a', { uri: 's3://data/again/a.csv' }, dir);
    const cachedAt = statSync(first.files[0]!).mtimeMs;
    await server.put('data', 'again/a.csv', 'a\n1\n2\n');
    const second = await resolveSource('a', { uri: 's3://data/again/a.csv' }, dir);
    expect(second.files[0]).not.toBe(first.files[0]);
    expect(readFileSync(second.files[0]!, 'utf8')).toBe('a\n1\n2\n');
    expect(statSync(first.files[0]!).mtimeMs).toBe(cachedAt);
  });

  it('evicts the least recently used objects beyond the size limit, never one in use', async () => {
    useServer();
    for (const name of ['one', 'two', 'three']) await server.put('data', `lru/${name}.csv`, `a\n${name.repeat(100)}\n`);
    const options = { formatOfPath };
    const warm = new ObjectCache(cacheDir);
    const [one] = await resolveS3('s3://data/lru/one.csv', { ...options, cache: warm });
    const [two] = await resolveS3('s3://data/lru/two.csv', { ...options, cache: warm });
    utimesSync(one!.path, new Date(1_000_000), new Date(1_000_000));
    utimesSync(two!.path, new Date(2_000_000), new Date(2_000_000));
    // A new process with room for two objects uses "one" again, then fetches "three": "two" goes.
    const small = new ObjectCache(cacheDir, one!.bytes * 2 + 10);
    await resolveS3('s3://data/lru/one.csv', { ...options, cache: small });
    const [three] = await resolveS3('s3://data/lru/three.csv', { ...options, cache: small });
    expect(readdirSync(join(cacheDir, 'objects')).sort()).toEqual([one!, three!].map((object) => `${object.sha256}.csv`).sort());
    // The evicted object's name goes with it: a hard link left behind would keep its bytes on disk.
    expect(readdirSync(join(cacheDir, 'names')).sort()).toEqual([one!.sha256, three!.sha256].sort());
    expect((await resolveS3('s3://data/lru/two.csv', { ...options, cache: small }))[0]?.sha256).toBe(two!.sha256);
  });

  it('reads anonymously when asked (public buckets)', async () => {
    useServer();
    setEnv({ WINNOW_S3_ANONYMOUS: '1', AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    await server.put('data', 'public/a.csv', 'a\n1\n');
    // s3rver lets unsigned requests through as a public bucket would.
    expect((await resolveSource('a', { uri: 's3://data/public/a.csv' }, dir)).remote?.[0]?.uri).toBe('s3://data/public/a.csv');
  });
});

const weatherSpec = (uri: string) => `version: 1
name: weather
seed: 11
sources:
  readings:
    uri: ${uri}
steps:
  - { id: cols, check: schema, columns: { id: BIGINT, temp: BIGINT } }
outputs:
  - { name: clean, format: parquet }
`;

describe('winnow run on S3 inputs', () => {
  it('pins each object in the manifest: URI, bytes, sha256, ETag', async () => {
    useServer();
    const part1 = 'id,temp\n1,5\n2,7\n';
    const part2 = 'id,temp\n3,9\n';
    await server.put('data', 'run/part-1.csv', part1);
    await server.put('data', 'run/part-2.csv', part2);
    const specPath = join(dir, 'run.winnow.yaml');
    writeFileSync(specPath, weatherSpec('s3://data/run/'));
    const outcome = await runSpecFile(specPath, { out: join(dir, 'out-run') });
    expect(outcome.exitCode).toBe(0);
    const manifest = JSON.parse(readFileSync(outcome.manifestPath!, 'utf8')) as Manifest;
    expect(manifest.inputs[0]?.rows).toBe(3);
    expect(manifest.inputs[0]?.files.map(({ uri, bytes, sha256: hash, etag }) => ({ uri, bytes, sha256: hash, etag }))).toEqual([
      { uri: 's3://data/run/part-1.csv', bytes: part1.length, sha256: sha256(part1), etag: md5(part1) },
      { uri: 's3://data/run/part-2.csv', bytes: part2.length, sha256: sha256(part2), etag: md5(part2) },
    ]);
  });

  it('--snapshot re-lists the objects and names every changed, added and missing one (exit 3)', async () => {
    useServer();
    await server.put('data', 'snap/a.csv', 'id,temp\n1,5\n');
    await server.put('data', 'snap/b.csv', 'id,temp\n2,6\n');
    await server.put('data', 'snap/c.csv', 'id,temp\n3,7\n');
    const specPath = join(dir, 'snap.winnow.yaml');
    writeFileSync(specPath, weatherSpec('s3://data/snap/'));
    const pinned = await runSpecFile(specPath, { out: join(dir, 'out-snap') });
    expect(pinned.exitCode).toBe(0);
    const same = await runSpecFile(specPath, { out: join(dir, 'out-snap-2'), snapshot: pinned.manifestPath });
    expect(same.exitCode).toBe(0);

    await server.put('data', 'snap/a.csv', 'id,temp\n1,50\n');
    await server.remove('data', 'snap/b.csv');
    await server.put('data', 'snap/d.csv', 'id,temp\n4,8\n');
    const changed = await runSpecFile(specPath, { out: join(dir, 'out-snap-3'), snapshot: pinned.manifestPath });
    expect(changed.exitCode).toBe(3);
    expect(changed.snapshotDifferences?.map(({ path, change }) => `${change} ${path}`)).toEqual([
      'changed s3://data/snap/a.csv',
      'added s3://data/snap/d.csv',
      'missing s3://data/snap/b.csv',
    ]);
    expect(changed.snapshotDifferences?.[0]?.detail).toMatch(/^ETag [0-9a-f]{32} != pinned [0-9a-f]{32}/);
    // Found by the listing: the changed and added objects were not downloaded.
    expect(readdirSync(join(cacheDir, 'objects'))).toHaveLength(3);
  });

  it('--snapshot names a pinned single key that is gone as missing (exit 3), not as an unreadable input', async () => {
    useServer();
    await server.put('data', 'gone/only.csv', 'id,temp\n1,5\n');
    const specPath = join(dir, 'gone.winnow.yaml');
    writeFileSync(specPath, weatherSpec('s3://data/gone/only.csv'));
    const pinned = await runSpecFile(specPath, { out: join(dir, 'out-gone') });
    expect(pinned.exitCode).toBe(0);
    await server.remove('data', 'gone/only.csv');
    const gone = await runSpecFile(specPath, { out: join(dir, 'out-gone-2'), snapshot: pinned.manifestPath });
    expect(gone.exitCode).toBe(3);
    expect(gone.snapshotDifferences).toEqual([{ source: 'readings', path: 's3://data/gone/only.csv', change: 'missing' }]);
  });

  it('--snapshot still compares the sha256 when the ETag matches (a store that keeps ETags across rewrites)', async () => {
    useServer();
    await server.put('data', 'same-etag/a.csv', 'id,temp\n1,5\n');
    const specPath = join(dir, 'same-etag.winnow.yaml');
    writeFileSync(specPath, weatherSpec('s3://data/same-etag/a.csv'));
    const pinned = await runSpecFile(specPath, { out: join(dir, 'out-same-etag') });
    const manifest = JSON.parse(readFileSync(pinned.manifestPath!, 'utf8')) as Manifest;
    manifest.inputs[0]!.files[0]!.sha256 = '0'.repeat(64);
    writeFileSync(pinned.manifestPath!, JSON.stringify(manifest));
    const outcome = await runSpecFile(specPath, { out: join(dir, 'out-same-etag-2'), snapshot: pinned.manifestPath });
    expect(outcome.exitCode).toBe(3);
    expect(outcome.snapshotDifferences?.[0]).toMatchObject({
      path: 's3://data/same-etag/a.csv',
      change: 'changed',
      detail: expect.stringMatching(/^sha256 [0-9a-f]{12}… != pinned 000000000000…/),
    });
  });
});

describe('download progress', () => {
  it('counts objects and bytes up to the listing totals, and a cached object at once', async () => {
    useServer();
    const parts = ['a\n' + '1\n'.repeat(5000), 'a\n' + '2\n'.repeat(3000)];
    await server.put('data', 'progress/part-0.csv', parts[0]!);
    await server.put('data', 'progress/part-1.csv', parts[1]!);
    const total = parts[0]!.length + parts[1]!.length;
    const seen: DownloadProgress[] = [];
    await resolveS3('s3://data/progress/', { formatOfPath, onProgress: (progress) => seen.push(progress) });
    expect(seen[0]).toEqual({ objects: 2, objectsDone: 0, bytes: total, bytesDone: 0 });
    expect(seen.at(-1)).toEqual({ objects: 2, objectsDone: 2, bytes: total, bytesDone: total });
    expect(seen.every((progress, index) => index === 0 || progress.bytesDone >= seen[index - 1]!.bytesDone)).toBe(true);

    const again: DownloadProgress[] = [];
    await resolveS3('s3://data/progress/', { formatOfPath, onProgress: (progress) => again.push(progress) });
    expect(again.at(-1)).toEqual({ objects: 2, objectsDone: 2, bytes: total, bytesDone: total });
  });
});

describe('hive partitions on S3', () => {
  it('become columns, as in a local folder: objects are read under their keys', async () => {
    useServer();
    await server.put('data', 'sales/year=2025/region=eu/part-0.csv', 'id,amount\n1,10\n2,20\n');
    await server.put('data', 'sales/year=2026/region=us/part-0.csv', 'id,amount\n3,30\n');
    await server.put('data', 'sales/_SUCCESS', '');
    const specPath = join(dir, 'hive.winnow.yaml');
    writeFileSync(
      specPath,
      `version: 1\nname: hive\nseed: 1\nsources:\n  sales: { uri: "s3://data/sales/" }\nsteps:\n  - { id: cols, check: schema, columns: { year: BIGINT, region: VARCHAR } }\noutputs:\n  - { name: all, format: csv }\n`,
    );
    const outcome = await runSpecFile(specPath, { out: join(dir, 'out-hive') });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.manifest?.inputs[0]?.schema.map((column) => column.name)).toEqual(['id', 'amount', 'region', 'year']);
    expect(readFileSync(join(dir, 'out-hive', 'all.csv'), 'utf8')).toBe('id,amount,region,year\n1,10,eu,2025\n2,20,eu,2025\n3,30,us,2026\n');
  });
});

describe('rows of S3 objects', () => {
  it('name their object, not the cached copy, in rejects and in check examples', async () => {
    useServer();
    await server.put('data', 'named/part-0.csv', 'id,temp\n1,5\n2,99\n3,4,extra\n');
    const specPath = join(dir, 'named.winnow.yaml');
    writeFileSync(
      specPath,
      `version: 1\nname: named\nseed: 1\nsources:\n  readings: { uri: "s3://data/named/" }\nsteps:\n  - { id: hot, check: between, column: temp, min: 0, max: 50, on_fail: warn }\noutputs: []\n`,
    );
    const outcome = await runSpecFile(specPath, { out: join(dir, 'out-named') });
    expect(outcome.manifest?.rowCounts).toMatchObject({ read: 3, kept: 2, rejected: 1 });
    expect(outcome.result?.steps[0]?.examples).toEqual([{ row: 2, file: 's3://data/named/part-0.csv', line: 3, value: '99' }]);
    const engine = await NativeEngine.create();
    try {
      const rejects = await engine.query(`SELECT file, line FROM read_parquet('${join(dir, 'out-named', 'rejects.parquet')}')`);
      expect(rejects).toEqual([{ file: 's3://data/named/part-0.csv', line: 4 }]);
    } finally {
      await engine.close();
    }
  });
});

describe("a source's own s3 settings", () => {
  it('reads through the endpoint the spec names, over the environment', async () => {
    useServer();
    setEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    await server.put('data', 'own/a.csv', 'a\n1\n');
    const specPath = join(dir, 'own.winnow.yaml');
    writeFileSync(
      specPath,
      `version: 1\nname: own\nseed: 1\nsources:\n  a:\n    uri: s3://data/own/a.csv\n    s3: { endpoint: "${server.endpoint}", region: us-east-1 }\nsteps: []\noutputs: []\n`,
    );
    const outcome = await runSpecFile(specPath, { out: join(dir, 'out-own') });
    expect(outcome.manifest?.inputs[0]?.files[0]?.uri).toBe('s3://data/own/a.csv');
  });
});
