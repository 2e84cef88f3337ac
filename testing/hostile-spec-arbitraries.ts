/**
 * fast-check arbitraries for spec texts a careless or hostile hand might write: generated valid
 * specs (spec-arbitraries.ts), then mutated. A random value at a random path; a value of the
 * wrong type; huge, tiny and non-finite numbers; path traversal in names and URIs; SQL that tries
 * to break out of a fragment (a second statement, a file read, a COPY to a file); unicode that
 * plays tricks; and YAML that is not a mapping at all (tags, alias bombs, deep nesting, garbage).
 * What a spec may name on disk is the caller's: sources take their URIs from `uris`, and the SQL
 * that tries to write aims at `escapeTarget`, so a test can look for it afterwards.
 *
 * @example
 * fc.assert(fc.property(hostileSpecArbitrary({ uris: ['data.csv'], escapeTarget: '/tmp/x/escaped' }), ({ text }) => parsesOrRefuses(text)));
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Spec } from '../pipelines/spec/types';
import { columnNames, specArbitrary, specTextArbitrary } from './spec-arbitraries';

export interface HostileSpecOptions {
  /** The URIs sources may name (a test that runs specs passes only what it can afford to read). */
  uris: readonly string[];
  /** An absolute path that SQL breakouts try to write to (COPY ... TO, ATTACH). */
  escapeTarget: string;
  /** Most steps in the generated spec before mutation; default 4. */
  maxSteps?: number;
}

export interface HostileSpec {
  text: string;
  /** What was done to the valid spec, for a failure's message. */
  mutation: string;
}

/** Names that try to leave their folder or confuse a file system. */
export const traversalNames = [
  '../../escaped',
  '../escaped',
  '/tmp/escaped',
  '..',
  '.',
  '',
  ' ',
  'a/../../b',
  '..\\..\\escaped',
  'CON',
  'nul.csv',
  '~',
  '$HOME',
  '%2e%2e%2fescaped',
  'manifest',
  'rejects',
  'report',
  'snapshot',
];

/** SQL fragments that try to run a second statement, read a file, write `target` or change settings. */
export function sqlBreakouts(target: string): string[] {
  const quoted = `'${target.replaceAll("'", "''")}'`;
  return [
    `TRUE), FALSE); COPY (SELECT 42 AS x) TO ${quoted}; SELECT coalesce((TRUE`,
    `1) AS x FROM input; COPY (SELECT 42 AS x) TO ${quoted}; SELECT (1`,
    `SELECT * FROM input; COPY input TO ${quoted}`,
    `TRUE; ATTACH ${quoted} AS escaped`,
    `(SELECT count(*) FROM read_csv('/etc/passwd')) > 0`,
    `(SELECT content FROM read_text('/etc/hostname')) IS NOT NULL`,
    `getenv('HOME') IS NOT NULL`,
    `current_setting('enable_external_access')`,
    `TRUE; SET enable_external_access = true`,
    `TRUE; INSTALL httpfs; LOAD httpfs`,
    `x' OR '1'='1`,
    `"; DROP TABLE input; --`,
    `1 /* unterminated`,
    `'unterminated`,
    `$$dollar$$`,
    `TRUE -- trailing comment`,
    `1/0 > 0`,
    `(SELECT 1 FROM duckdb_settings() LIMIT 1) = 1`,
    `SELECT * FROM input UNION ALL SELECT * FROM input`,
    `WITH x AS (SELECT 1) SELECT * FROM x`,
  ];
}

/** Scalars of every YAML type, and numbers at the edges. */
const scalars = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, 1e-320, 0.1 + 0.2, 1e21, Infinity, -Infinity, Number.NaN),
  fc.constantFrom(true, false, null, 'yes', 'no', '~', '.inf', '.nan', '0x1F', '1e3', '2026-02-30'),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 12 }),
);

/** Strings that play unicode tricks: bidi overrides, zero width, combining marks, a lone surrogate, emoji. */
const trickyUnicode = fc.constantFrom(
  '\u202Eexe.csv',
  'a\u200Bb',
  'e\u0301',
  '\uFEFFid',
  'İ',
  'ﬁle',
  '\uD800',
  '🙂',
  '日本語',
  'Ω≈ç√',
  '\u0000',
  'tab\there',
  'line\nbreak',
  'a\u2028b',
);

function hostileValue(options: HostileSpecOptions): fc.Arbitrary<unknown> {
  return fc.oneof(
    scalars,
    trickyUnicode,
    fc.constantFrom(...traversalNames),
    fc.constantFrom(...sqlBreakouts(options.escapeTarget)),
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom([], {}, [[]], { '': null }, ['id', 'id'], 'x'.repeat(100_000)),
  );
}

type Path = (string | number)[];

/** Every path to a value inside `value` (not the root). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
  return [];
}

/** `root` with the value at `path` replaced (undefined: removed). */
function setAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    if (rest.length === 0 && replacement === undefined) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(root as Record<string, unknown>) };
  if (rest.length === 0 && replacement === undefined) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, replacement);
  return copy;
}

/** A spec whose sources name only `uris` (so a test controls what a run may read). */
function withUris(spec: Spec, uris: readonly string[], choices: number[]): Spec {
  const sources = Object.fromEntries(Object.keys(spec.sources).map((name, index) => [name, { uri: uris[choices[index % choices.length]! % uris.length]! }]));
  return { ...spec, sources } as Spec;
}

/** A step whose SQL fragment tries to break out. */
function breakoutStep(fragment: string, kind: number): Record<string, unknown> {
  const id = 'hostile';
  switch (kind % 4) {
    case 0:
      return { id, transform: 'filter', where: fragment };
    case 1:
      return { id, transform: 'derive', column: 'escaped', expr: fragment };
    case 2:
      return { id, check: 'sql', predicate: fragment, on_fail: 'warn' };
    default:
      return { id, transform: 'sql', query: fragment };
  }
}

const toYaml = (value: unknown) => stringify(value, { lineWidth: 0 });

/** Text-level damage: what a truncated download, a wrong file or a YAML trick looks like. */
const damagedTexts = (valid: string): fc.Arbitrary<HostileSpec> =>
  fc.oneof(
    fc.nat({ max: Math.max(0, valid.length - 1) }).map((cut) => ({ text: valid.slice(0, cut), mutation: `truncated at ${cut}` })),
    fc
      .tuple(fc.nat({ max: valid.length }), fc.string({ unit: 'binary', maxLength: 8 }))
      .map(([at, junk]) => ({ text: valid.slice(0, at) + junk + valid.slice(at), mutation: `junk at ${at}` })),
    fc.constantFrom(
      { text: '', mutation: 'empty' },
      { text: '\u0000\u0001\u0002PAR1', mutation: 'binary' },
      { text: '- a\n- b\n', mutation: 'a list' },
      { text: '42', mutation: 'a number' },
      { text: 'version: 1\nversion: 1\nname: x\nsources: {s: {uri: data.csv}}\nsteps: []\n', mutation: 'a duplicate key' },
      { text: '!!js/function "function () { return 1 }"', mutation: 'a JS tag' },
      { text: 'version: !!binary aGVsbG8=\nname: x\nsources: {s: {uri: data.csv}}\nsteps: []\n', mutation: 'a binary tag' },
      {
        text: `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 9 }, (_, level) => `l${level + 1}: &l${level + 1} [${Array.from({ length: 9 }, () => (level === 0 ? '*a' : `*l${level}`)).join(',')}]`).join('\n')}\n`,
        mutation: 'an alias bomb',
      },
      { text: `${'['.repeat(5000)}${']'.repeat(5000)}`, mutation: 'deep nesting' },
      { text: `version: 1\nname: ${'n'.repeat(1_000_000)}\nsources: {s: {uri: data.csv}}\nsteps: []\n`, mutation: 'a million-character name' },
      { text: '<<: *undefined\n', mutation: 'an unknown alias' },
      { text: 'version: 1\n\tname: tab\n', mutation: 'a tab indent' },
    ),
  );

/**
 * Spec texts, valid or damaged: a third valid (in varied layouts), the rest with one mutation —
 * a hostile or wrongly typed value at a random path, a path removed, a hostile name or URI, a
 * step whose SQL tries to break out, or text-level damage.
 */
export function hostileSpecArbitrary(options: HostileSpecOptions): fc.Arbitrary<HostileSpec> {
  const { uris, maxSteps = 4 } = options;
  const base = fc
    .tuple(specArbitrary({ maxSteps }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }))
    .map(([spec, choices]) => withUris(spec, uris, choices));
  return base.chain((spec) => {
    const paths = pathsOf(spec);
    const valid = toYaml(spec);
    return fc.oneof(
      { weight: 3, arbitrary: specTextArbitrary(spec).map((text) => ({ text, mutation: 'none' })) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom(...paths), hostileValue(options))
          .map(([path, value]) => ({ text: toYaml(setAt(spec, path, value)), mutation: `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 80)}` })),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...paths).map((path) => ({ text: toYaml(setAt(spec, path, undefined)), mutation: `${path.join('.')} removed` })),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            fc.constantFrom('name', 'outputs', 'step id', 'source name', 'column', 'uri'),
            fc.constantFrom(...traversalNames, ...uris, 'file:///etc/passwd', '/etc/hostname', '../../../../../../etc/hostname'),
          )
          .map(([where, name]) => {
            const first = Object.keys(spec.sources)[0]!;
            const hostile: Record<string, () => unknown> = {
              name: () => ({ ...spec, name }),
              outputs: () => ({ ...spec, outputs: [{ name }] }),
              'step id': () => ({ ...spec, steps: [{ id: name, check: 'not_null', column: columnNames[0] }] }),
              'source name': () => ({ ...spec, input: name, sources: { [name]: spec.sources[first] } }),
              column: () => ({ ...spec, steps: [...spec.steps, { id: 'renamed', transform: 'rename', columns: { [columnNames[0]!]: name } }] }),
              uri: () => ({ ...spec, sources: { ...spec.sources, [first]: { uri: name } } }),
            };
            return { text: toYaml(hostile[where]!()), mutation: `${where} = ${JSON.stringify(name)}` };
          }),
      },
      {
        weight: 3,
        arbitrary: fc.tuple(fc.constantFrom(...sqlBreakouts(options.escapeTarget)), fc.nat()).map(([fragment, kind]) => {
          const step = breakoutStep(fragment, kind);
          return { text: toYaml({ ...spec, steps: [...spec.steps.filter((each) => each.id !== 'hostile'), step] }), mutation: `step ${JSON.stringify(step)}` };
        }),
      },
      { weight: 2, arbitrary: damagedTexts(valid) },
    );
  });
}
