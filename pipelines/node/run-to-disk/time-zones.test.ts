/**
 * Same answer on every host (issue 18): the runner in child processes under TZ=UTC, Asia/Tokyo
 * and America/New_York. Hash splits over a TIMESTAMP WITH TIME ZONE, samples and shards write
 * byte-identical files; freshness ages and time-split cutoffs are taken in UTC; and the examples'
 * outputs and every check's result are identical under each zone with 1 and 2 threads.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnowInTimeZone } from '../../../testing/time-zone-kit';
import type { CliOutcome } from '../../../testing/cli-kit';

const ZONES = ['UTC', 'Asia/Tokyo', 'America/New_York'] as const;
const EXAMPLES = ['penguins', 'flights'] as const;

/** 200 rows, an id and a TIMESTAMP WITH TIME ZONE 37 minutes apart, across midnight in every zone above. */
const stamps =
  [
    'id,t',
    ...Array.from(
      { length: 200 },
      (_, index) => `${index + 1},${new Date(Date.UTC(2024, 0, 1, 0, 37 * index)).toISOString().replace('T', ' ').replace('.000Z', '+00')}`,
    ),
  ].join('\n') + '\n';

const specs = {
  hashed: `version: 1
name: hashed
seed: 3
sources:
  stamps: { uri: data/stamps.csv }
steps:
  - { id: parts, transform: split, method: hash, key: [id, t], fractions: { train: 0.8, test: 0.2 } }
  - { id: whole, transform: split, method: hash, fractions: { a: 0.5, b: 0.5 } }
outputs:
  - { name: train, from: parts.train, format: csv, shards: 3 }
  - { name: test, from: parts.test, format: csv }
  - { name: whole_a, from: whole.a, format: csv }
`,
  sampled: `version: 1
name: sampled
seed: 5
sources:
  stamps: { uri: data/stamps.csv }
steps:
  - { id: some, transform: sample, fraction: 0.3 }
outputs:
  - { name: some, format: csv, shards: 2 }
`,
  timed: `version: 1
name: timed
seed: 1
sources:
  times: { uri: data/times.csv }
steps:
  - { id: by_time, transform: split, method: time, column: t, cutoffs: { train: "2024-01-01 04:00:00", test: null } }
outputs:
  - { name: train, from: by_time.train, format: csv }
  - { name: test, from: by_time.test, format: csv }
`,
  fresh: `version: 1
name: fresh
seed: 1
sources:
  times: { uri: data/fresh.csv }
steps:
  - { id: recent, check: freshness, column: t, max_age: 1 hours, on_fail: warn }
outputs:
  - { name: all, format: csv }
`,
};

/** What a run promises, without what differs from one run to the next (times, host, durations). */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== 'object') return value;
  const volatile = new Set(['startedAt', 'finishedAt', 'timings', 'durationMs', 'environment', 'engine', 'tool']);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !volatile.has(key))
      .map(([key, inner]) => [key, comparable(inner)]),
  );
}

interface RunRecord {
  manifest: Record<string, unknown>;
  report: {
    steps: {
      id: string;
      success: boolean | null;
      observed: Record<string, unknown>;
    }[];
  };
  /** Each output file's bytes, by path. */
  files: Record<string, string>;
}

async function record(dir: string): Promise<RunRecord> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown> & { outputs: { files: { path: string }[] }[] };
  const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as RunRecord['report'];
  const files: Record<string, string> = {};
  for (const output of manifest.outputs) for (const file of output.files) files[file.path] = await readFile(join(dir, file.path), 'utf8');
  return { manifest, report, files };
}

let folder: string;
/** Zone -> run name -> what it wrote. */
const runs = new Map<string, Map<string, RunRecord>>();
const outcomes = new Map<string, CliOutcome[]>();

const runName = (zone: string, name: string) => `${zone.replace('/', '_')}-${name}`;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-tz-'));
  await mkdir(join(folder, 'data'));
  await writeFile(join(folder, 'data', 'stamps.csv'), stamps);
  await writeFile(join(folder, 'data', 'times.csv'), 'id,t\n1,2024-01-01 02:00:00+00\n2,2024-01-01 06:00:00+00\n');
  await writeFile(join(folder, 'data', 'fresh.csv'), 'id,t\n1,2024-01-01 09:00:00+00\n2,2024-01-01 12:00:00+00\n3,2024-01-01 11:00:00+00\n');
  for (const [name, text] of Object.entries(specs)) await writeFile(join(folder, `${name}.winnow.yaml`), text);
  for (const example of EXAMPLES)
    await cp(join('examples', example), join(folder, example), {
      recursive: true,
    });
  const planned: [string, string[]][] = [
    ['hashed', ['run', join(folder, 'hashed.winnow.yaml')]],
    ['sampled', ['run', join(folder, 'sampled.winnow.yaml')]],
    ['timed', ['run', join(folder, 'timed.winnow.yaml')]],
    ['fresh-14', ['run', join(folder, 'fresh.winnow.yaml'), '--as-of', '2024-01-01T14:00:00Z']],
    ['fresh-1230', ['run', join(folder, 'fresh.winnow.yaml'), '--as-of', '2024-01-01T12:30:00Z']],
    ...EXAMPLES.flatMap((example): [string, string[]][] =>
      ['1', '2'].map((threads) => [`${example}-t${threads}`, ['run', join(folder, example, `${example}.winnow.yaml`), '--threads', threads]]),
    ),
  ];
  const commands = (zone: string): [string, string[]][] =>
    planned.map(([name, args]) => {
      const asOf = args.includes('--as-of') ? [] : ['--as-of', '2024-01-02T00:00:00Z'];
      return [name, [...args, ...asOf, '--out', join(folder, runName(zone, name))]];
    });
  // One child per zone, all at once: each runs its commands in turn.
  await Promise.all(
    ZONES.map(async (zone) => {
      const list = commands(zone);
      const results = await winnowInTimeZone(
        zone,
        list.map(([, args]) => args),
      );
      outcomes.set(zone, results);
      const byName = new Map<string, RunRecord>();
      for (const [index, [name]] of list.entries()) {
        if (results[index]!.code === 0) byName.set(name, await record(join(folder, runName(zone, name))));
      }
      runs.set(zone, byName);
    }),
  );
}, 180_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const at = (zone: string, name: string): RunRecord => {
  const found = runs.get(zone)?.get(name);
  if (!found) throw new Error(`no run ${name} under ${zone}: ${JSON.stringify(outcomes.get(zone)?.map((outcome) => outcome.err.trim()))}`);
  return found;
};

describe('the same answer under every TZ', () => {
  it.each(['hashed', 'sampled', 'timed'])('%s: byte-identical output files and manifests under UTC, Tokyo and New York', (name) => {
    const utc = at('UTC', name);
    expect(Object.keys(utc.files).length).toBeGreaterThan(0);
    for (const zone of ZONES.slice(1)) {
      expect(at(zone, name).files).toEqual(utc.files);
      expect(comparable(at(zone, name).manifest)).toEqual(comparable(utc.manifest));
    }
  });

  it('a hash split keyed on a TIMESTAMP WITH TIME ZONE puts each row in the same part everywhere (and shards them alike)', () => {
    const parts = (zone: string) => {
      const { files } = at(zone, 'hashed');
      const ids = (path: string) =>
        files[path]!.trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split(',')[0]);
      return {
        train: Object.keys(files)
          .filter((path) => path.startsWith('train'))
          .sort()
          .map(ids),
        test: ids('test.csv'),
      };
    };
    const utc = parts('UTC');
    expect(utc.train).toHaveLength(3);
    expect(utc.train.flat().length + utc.test.length).toBe(200);
    for (const zone of ZONES.slice(1)) expect(parts(zone)).toEqual(utc);
  });

  it('time split: a cutoff without an offset is read in UTC (02:00Z in train, 06:00Z in test) on every host', () => {
    for (const zone of ZONES) {
      const { files } = at(zone, 'timed');
      expect(files['train.csv']).toBe('id,t\n1,2024-01-01 02:00:00+00\n');
      expect(files['test.csv']).toBe('id,t\n2,2024-01-01 06:00:00+00\n');
    }
  });

  it('freshness on a TIMESTAMP WITH TIME ZONE: the newest value (12:00Z) is 7200 s old at 14:00Z and 1800 s at 12:30Z on every host', () => {
    for (const zone of ZONES) {
      const late = at(zone, 'fresh-14').report.steps.find((step) => step.id === 'recent')!;
      const soon = at(zone, 'fresh-1230').report.steps.find((step) => step.id === 'recent')!;
      expect(late).toMatchObject({
        success: false,
        observed: { ageSeconds: 7200, newest: '2024-01-01 12:00:00' },
      });
      expect(soon).toMatchObject({
        success: true,
        observed: { ageSeconds: 1800, newest: '2024-01-01 12:00:00' },
      });
    }
  });

  it.each(EXAMPLES)('example %s: outputs and every check result identical under three zones with 1 and 2 threads', (example) => {
    const first = at('UTC', `${example}-t1`);
    expect(first.report.steps.length).toBeGreaterThan(0);
    for (const zone of ZONES) {
      for (const threads of ['1', '2']) {
        const other = at(zone, `${example}-t${threads}`);
        expect(other.files).toEqual(first.files);
        expect(comparable(other.manifest)).toEqual(comparable(first.manifest));
        expect(comparable(other.report.steps)).toEqual(comparable(first.report.steps));
      }
    }
  });
});
