/**
 * Issue 11, property tests of the spec parser and the runner over generated specs, valid and
 * hostile (testing/hostile-spec-arbitraries.ts): random values at random paths, wrong types,
 * huge numbers, path traversal in names and URIs, SQL that tries to break out of a fragment,
 * unicode tricks, YAML that is not a spec at all.
 *
 * - The parser, on 1,000 specs per run: a Spec, or a WinnowError whose every line names the spec
 *   file (one line per error, no stack), within a bounded time; never another exception.
 * - `winnow validate --no-data` and `winnow run` on a bounded subset, over a tiny CSV in a temp
 *   folder: exit 0, 1 or 2; on 2, errors in complete lines and no stack; a run writes only under
 *   --out and the spec's folder (the whole temp tree is compared before and after), and nothing
 *   the SQL aimed at appears.
 */
import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hostileSpecArbitrary } from '../../../testing/hostile-spec-arbitraries';
import { columnNames } from '../../../testing/spec-arbitraries';
import { WinnowError } from '../../errors';
import { parseSpec, SpecErrors } from '../../spec/parse';
import type { Spec } from '../../spec/types';
import { restoreEnv, setEnv } from '../../../testing/s3rver-server';
import { winnow } from '../../../testing/cli-kit';

let root: string;
let escapeTarget: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'winnow-any-spec-'));
  escapeTarget = join(root, 'escaped.csv');
  mkdirSync(join(root, 'work'));
  writeFileSync(join(root, 'work', 'shared.csv'), `${columnNames.join(',')}\n1,5,OSL,a,0.5,x,2026-01-01,9.5\n`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(restoreEnv);

const stackFrame = /^\s+at |\n\s+at /;

/**
 * A known shortcoming of pipelines/spec/parse.ts, tolerated here: an error that quotes a value as
 * written (`got ...` for a seed, `unknown check kind "..."`) quotes it with its line breaks, so one
 * error's message can span lines. The CLI prints every error on one line regardless (cli.ts), and
 * that is what the property checks.
 */
/** What parsing `text` gives: the spec, or its errors (any other exception fails the property). */
function parseOutcome(text: string, file: string): { spec: Spec } | { errors: WinnowError[] } {
  try {
    return { spec: parseSpec(text, file) };
  } catch (error) {
    if (!(error instanceof WinnowError))
      throw new Error(`parseSpec threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`, { cause: error });
    return { errors: error instanceof SpecErrors ? error.errors : [error] };
  }
}

/** Exit 2's stderr: complete lines (no stack, no blank or indented continuation); several lines are several errors of the spec. */
function expectCleanFailure(err: string, specPath: string, context: string): void {
  const lines = err.trimEnd().split('\n');
  expect(lines.length, context).toBeGreaterThan(0);
  expect(err, context).not.toMatch(stackFrame);
  for (const line of lines) {
    expect(line.trim().length, `${context}: an empty line`).toBeGreaterThan(0);
    expect(line, context).not.toMatch(/^\s/);
    expect(line, context).not.toMatch(/^(Type|Reference|Range|Syntax)?Error\b/);
  }
  if (lines.length > 1) for (const line of lines) expect(line.startsWith(specPath), `${context}: ${line}`).toBe(true);
}

describe('the spec parser over 1,000 generated specs, valid and hostile', () => {
  it('an error quoting a value written over several lines is still printed on one line', async () => {
    const specPath = join(root, 'multi-line-seed.winnow.yaml');
    writeFileSync(specPath, 'version: 1\nname: x\nseed:\n  a: 1\n  b: [2, 3]\nsources:\n  s:\n    uri: data.csv\nsteps: []\n');
    const { code, err } = await winnow('validate', specPath, '--no-data');
    expect(code).toBe(2);
    expect(err).toBe(`${specPath}:4, field "seed": expected an integer from 0 to 9007199254740991 (2^53 - 1), got a: 1 b: [2, 3]\n`);
  });

  it('answers a Spec, or errors naming the file that `winnow validate` prints one per line; quickly; nothing else', async () => {
    const specPath = join(root, 'parse', 'generated.winnow.yaml');
    mkdirSync(join(root, 'parse'));
    let runs = 0;
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(
        hostileSpecArbitrary({
          uris: ['data.csv', '../data.csv', '/', '*', 's3://b/k.csv', 'http://h/a.csv', 'file:///etc/passwd'],
          escapeTarget: '/tmp/escaped.csv',
        }),
        async ({ text, mutation }) => {
          runs++;
          const started = performance.now();
          const outcome = parseOutcome(text, specPath);
          expect(performance.now() - started, mutation).toBeLessThan(3000);
          if ('spec' in outcome) {
            valid++;
            return;
          }
          expect(outcome.errors.length, mutation).toBeGreaterThan(0);
          for (const error of outcome.errors) {
            expect(error.place.file, mutation).toBe(specPath);
            expect(error.oneLine(), mutation).not.toMatch(stackFrame);
          }
          // What a person sees: validate refuses it before any engine starts, one line per error.
          writeFileSync(specPath, text);
          const validated = await winnow('validate', specPath, '--no-data');
          expect(validated.code, mutation).toBe(2);
          expectCleanFailure(validated.err, specPath, mutation);
        },
      ),
      { numRuns: 1000 },
    );
    expect(runs).toBeGreaterThanOrEqual(1000);
    // Both sides are exercised: a generator that only made broken specs would prove little.
    expect(valid).toBeGreaterThan(100);
    expect(runs - valid).toBeGreaterThan(300);
  }, 120_000);
});

/** Every file and folder under `folder`, relative to it. */
function tree(folder: string): Set<string> {
  return new Set(readdirSync(folder, { recursive: true, encoding: 'utf8' }));
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The URIs a run may read here: the tiny CSV, files beside it and above it in the temp folder, and remote ones that fail at once. */
const RUN_URIS = [
  'data.csv',
  'data.csv',
  'data.csv',
  '../shared.csv',
  '*.csv',
  'missing.csv',
  'sub/',
  'http://127.0.0.1:1/a.csv',
  's3://bucket/a.csv',
  '/etc/hostname',
  'file:///etc/hostname',
];

/**
 * Whether a parsed spec is one this test can afford to run: what it reads stays inside the temp
 * folder (or is /etc/hostname, or fails at once), and it writes a handful of files, not 10,000 shards.
 */
function affordable(spec: Spec, specDir: string): boolean {
  const readsHere = Object.values(spec.sources).every(
    ({ uri }) => RUN_URIS.includes(uri) || (!/^[a-z][a-z0-9+.-]*:/i.test(uri) && !uri.startsWith('~') && inside(root, resolve(specDir, uri))),
  );
  return readsHere && (spec.outputs ?? []).every((output) => (output.shards ?? 1) <= 8) && (spec.outputs ?? []).length <= 4;
}

/** `promise`, or a failure after `ms`: a spec may not make the runner hang. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took more than ${ms / 1000} s`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('winnow validate and winnow run over generated specs, in a temp folder', () => {
  it('exit 0, 1 or 2; errors in complete lines; no file outside --out and the spec folder', async () => {
    const data = `${columnNames.join(',')}\n${[
      '1,5,OSL,a,0.5,x,2026-01-01,9.5',
      '2,-3,ROM,b,0.9,y,2026-01-02,10',
      '3,40,LIM,a,0.1,x,2026-01-03,',
      '4,,OSL,b,0.7,z,2026-01-04,12.25',
      '5,12,ROM,a,0.3,y,2026-01-05,8',
      '6,0,LIM,,0.6,x,not a date,7',
    ].join('\n')}\n`;
    let run = 0;
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(hostileSpecArbitrary({ uris: RUN_URIS, escapeTarget }), async ({ text, mutation }) => {
        const specDir = join(root, 'work', `p${run}`);
        const outDir = join(root, 'work', `out${run}`);
        run++;
        const parsed = parseOutcome(text, join(specDir, 'spec.winnow.yaml'));
        fc.pre(!('spec' in parsed) || affordable(parsed.spec, specDir));
        mkdirSync(join(specDir, 'sub'), { recursive: true });
        writeFileSync(join(specDir, 'data.csv'), data);
        writeFileSync(join(specDir, 'sub', 'part.csv'), data);
        const specPath = join(specDir, 'spec.winnow.yaml');
        writeFileSync(specPath, text);
        setEnv({
          WINNOW_CACHE_DIR: join(specDir, '.cache'),
          AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
          AWS_ENDPOINT_URL_S3: undefined,
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'not-a-secret',
          AWS_SESSION_TOKEN: undefined,
          AWS_PROFILE: undefined,
          AWS_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'true',
          WINNOW_DOWNLOAD_ATTEMPTS: '1',
          WINNOW_HTTP_TIMEOUT_MS: '2000',
          WINNOW_S3_TIMEOUT_MS: '2000',
        });
        const before = tree(root);

        const validated = await within(20_000, 'winnow validate', winnow('validate', specPath, '--no-data'));
        const context = `${mutation}\n--- spec ---\n${text.slice(0, 2000)}\n--- stderr ---\n${validated.err}`;
        expect([0, 2], context).toContain(validated.code);
        if (validated.code === 2) expectCleanFailure(validated.err, specPath, `validate: ${context}`);

        const ran = await within(30_000, 'winnow run', winnow('run', specPath, '--out', outDir));
        const runContext = `${mutation}\n--- spec ---\n${text.slice(0, 2000)}\n--- stderr ---\n${ran.err}`;
        expect([0, 1, 2], runContext).toContain(ran.code);
        codes.set(ran.code, (codes.get(ran.code) ?? 0) + 1);
        if (ran.code === 2) expectCleanFailure(ran.err, specPath, `run: ${runContext}`);
        // A spec that does not parse is refused at once by both, in the same words.
        if (!('spec' in parsed)) {
          expect(validated.code).toBe(2);
          expect(ran.code).toBe(2);
        }
        if (ran.code !== 2) expect(existsSync(join(outDir, 'manifest.json')), runContext).toBe(true);

        const written = [...tree(root)].filter((path) => !before.has(path)).map((path) => join(root, path));
        const strays = written.filter((path) => !inside(specDir, path) && !inside(outDir, path));
        expect(strays, runContext).toEqual([]);
        expect(existsSync(escapeTarget), runContext).toBe(false);
        expect(existsSync('/tmp/escaped'), runContext).toBe(false);
      }),
      { numRuns: 120, interruptAfterTimeLimit: 25_000, maxSkipsPerRun: 10 },
    );
    console.info(`winnow run over ${run} generated specs: exit codes ${JSON.stringify(Object.fromEntries(codes))}`);
    // Some of each, or the subset proved little (a slow machine still runs a few of each).
    expect(run).toBeGreaterThan(10);
    expect(codes.get(2) ?? 0).toBeGreaterThan(0);
    expect((codes.get(0) ?? 0) + (codes.get(1) ?? 0)).toBeGreaterThan(0);
  }, 120_000);
});
