/**
 * Lossless round trip: the app edits the spec's text, not a re-serialisation of it. For the
 * examples and for generated specs in varied layouts, saving without an edit gives the same
 * bytes, changing one value rewrites only that value's lines, and adding, removing or moving a
 * key or a step keeps every other line and comment.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isCollection, isMap, isScalar, parse, parseDocument, type Node } from 'yaml';
import { textArbitrary, writtenSpecArbitrary } from '../../testing/spec-arbitraries';
import { reconcileYaml } from './edit';
import { parseSpec } from './parse';

type Path = (string | number)[];
type Json = unknown;
type JsonRecord = Record<string, Json>;

const examplesFolder = fileURLToPath(new URL('../../examples/', import.meta.url));
const examples = readdirSync(examplesFolder, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) =>
    readdirSync(`${examplesFolder}${folder.name}`)
      .filter((file) => file.endsWith('.winnow.yaml'))
      .map((file) => `${folder.name}/${file}`),
  );

/** Bounded so a slow machine cannot hang CI: fewer runs rather than no answer. */
/** FC_SEED and FC_PATH replay a failure that fast-check printed (seed and path of its report). */
const propertyRuns = {
  numRuns: 200,
  interruptAfterTimeLimit: 4_000,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true } : {}),
};

const isRecord = (value: Json): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Paths to every scalar (string, number, boolean, null) in a value. */
function leafPaths(value: Json, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leafPaths(item, [...path, index]));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, [...path, key]));
  return [path];
}

/** Paths to every key of every mapping in a value. */
function keyPaths(value: Json, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keyPaths(item, [...path, index]));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, inner]) => [[...path, key], ...keyPaths(inner, [...path, key])]);
  return [];
}

const getIn = (value: Json, path: Path): Json => path.reduce<Json>((node, key) => (node as JsonRecord)[key], value);

/** A copy of `value` with `change` applied to what stands at `path` (its owner, and the key or index in it). */
function changedAt(value: Json, path: Path, change: (owner: JsonRecord | Json[], key: string | number) => void): Json {
  const copy = structuredClone(value);
  change(getIn(copy, path.slice(0, -1)) as JsonRecord | Json[], path.at(-1)!);
  return copy;
}

const withLeaf = (value: Json, path: Path, leaf: Json) => changedAt(value, path, (owner, key) => ((owner as JsonRecord)[key] = leaf));
const withoutKey = (value: Json, path: Path) => changedAt(value, path, (owner, key) => delete (owner as JsonRecord)[key]);

/** A copy of `object` with `key` added right after `after` (or first), as an editor adds a field. */
function withKeyAfter(object: JsonRecord, key: string, value: Json, after?: string): JsonRecord {
  const entries = Object.entries(object);
  const at = after === undefined ? 0 : entries.findIndex(([name]) => name === after) + 1;
  return Object.fromEntries([...entries.slice(0, at), [key, value], ...entries.slice(at)]);
}

function withSteps(spec: Json, steps: Json[]): JsonRecord {
  return { ...(spec as JsonRecord), steps };
}

function swapped<T>(items: T[], index: number): T[] {
  const copy = [...items];
  [copy[index], copy[index + 1]] = [copy[index + 1]!, copy[index]!];
  return copy;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function lastContent(text: string, end: number, floor: number): number {
  let at = end - 1;
  while (at > floor && /\s/.test(text[at]!)) at--;
  return at;
}

/** The text's node at `path`, and where its lines begin (its key's line, in a mapping). */
function nodeAt(text: string, path: Path): { node: Node; begin: number } {
  const document = parseDocument(text);
  const node = document.getIn(path, true) as Node;
  const owner = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents;
  const pair = isMap(owner) ? owner.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path.at(-1))) : undefined;
  const keyStart = (pair?.key as Node | undefined)?.range?.[0];
  return { node, begin: Math.min(node.range![0], keyStart ?? Infinity) };
}

/**
 * Offsets of the whole lines a value (with its key) stands on. A value inside a flow collection
 * (`[a, b]`, `{ id: a, ... }`) is part of that collection's text, which is rewritten as one piece.
 */
function linesOf(text: string, path: Path): { start: number; end: number } {
  const document = parseDocument(text);
  const flowOwner = path.findIndex((_key, index) => {
    const owner = document.getIn(path.slice(0, index + 1), true);
    return isCollection(owner) && owner.flow;
  });
  const { node, begin } = nodeAt(text, flowOwner === -1 ? path : path.slice(0, flowOwner + 1));
  return { start: lineStart(text, begin), end: lineEnd(text, lastContent(text, node.range![1], begin)) };
}

/** Only the lines of `span` may differ: the text before and after them is unchanged. */
function expectOnlyLinesChanged(before: string, after: string, span: { start: number; end: number }, label: string): void {
  const tail = before.slice(span.end);
  expect(after.slice(0, span.start), `${label}: the text before the value's lines`).toBe(before.slice(0, span.start));
  expect(after.length, `${label}: the text after the value's lines`).toBeGreaterThanOrEqual(span.start + tail.length);
  expect(after.slice(after.length - tail.length), `${label}: the text after the value's lines`).toBe(tail);
}

/** The lines removed from and added to `before`, between the longest unchanged first and last lines. */
function lineChanges(before: string, after: string): { removed: string[]; added: string[] } {
  const [old, next] = [before.split('\n'), after.split('\n')];
  let prefix = 0;
  while (prefix < old.length && prefix < next.length && old[prefix] === next[prefix]) prefix++;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < next.length - prefix && old[old.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  return { removed: old.slice(prefix, old.length - suffix), added: next.slice(prefix, next.length - suffix) };
}

/** Whether step `index` is written as one flow mapping (`- { id: a, ... }`), which an edit rewrites as a whole. */
function inFlowStep(text: string, index: number): boolean {
  const step = parseDocument(text).getIn(['steps', index], true);
  return isCollection(step) && Boolean(step.flow);
}

const isComment = (line: string) => line.trimStart().startsWith('#');
const commentLines = (text: string) => text.split('\n').filter(isComment);

/**
 * The lines a removed key or list item may take with it: its own (down to its last value, not
 * comments after it) and the comment lines directly above it.
 */
function unitLines(text: string, path: Path): string[] {
  const { node, begin } = nodeAt(text, path);
  const lines = text.split('\n');
  const lineIndex = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  let first = lineIndex(begin);
  let last = lineIndex(lastContent(text, node.range![1], begin));
  const keyIndent = lines[first]!.length - lines[first]!.trimStart().length;
  while (first > 0 && isComment(lines[first - 1]!)) first--;
  // Trailing comment lines are not the unit's, but a block scalar's lines that start with '#'
  // (`description: >-` then `    # not a comment`) are its value: deeper than its key.
  const trailingComment = (line: string) => isComment(line) && line.length - line.trimStart().length <= keyIndent;
  while (last > first && (trailingComment(lines[last]!) || lines[last]!.trim() === '')) last--;
  return lines.slice(first, last + 1);
}

/** Every comment line of `before` is still in `after`, but those of `mayGo`. */
function expectCommentsKept(before: string, after: string, mayGo: string[] = []): void {
  const missing = commentLines(before);
  for (const line of commentLines(after)) {
    const index = missing.indexOf(line);
    if (index !== -1) missing.splice(index, 1);
  }
  for (const line of missing) expect(mayGo, `a comment line was lost: ${line}`).toContain(line);
}

/** A list item's dash line, or a key whose mapping or list was emptied (`key: {}`). */
const rewritable = (line: string) => /^\s*-( |$)/.test(line) || /: (\{\}|\[\])$/.test(line);

/**
 * The edit only added lines. One line may be rewritten: a list item's dash line, when a key
 * goes before the item's first key (`- id: a` becomes `- description: ...` and `  id: a`).
 */
function expectOnlyLinesAdded(before: string, after: string, label = ''): void {
  const { removed } = lineChanges(before, after);
  expect(removed.length, `${label}: lines rewritten`).toBeLessThanOrEqual(1);
  if (removed.length) expect(removed[0], `${label}: the rewritten line`).toMatch(/^\s*- /);
}

/**
 * The edit only removed lines, from those of `mayGo` (blank lines aside). One line may be
 * rewritten: the dash line of a list item whose first key went (the next key moves up onto it),
 * or the key of a mapping or list the removal emptied (`key: {}`).
 */
function expectOnlyLinesRemoved(before: string, after: string, mayGo: string[], label = ''): void {
  const { removed, added } = lineChanges(before, after);
  expect(added.length, `${label}: lines rewritten`).toBeLessThanOrEqual(1);
  if (added.length) expect(rewritable(added[0]!), `${label}: the rewritten line ${added[0]}`).toBe(true);
  const others = removed.filter((line) => line.trim() !== '' && !mayGo.includes(line));
  expect(others.length, `${label}: other lines removed: ${others.join(' | ')}`).toBeLessThanOrEqual(added.length);
}

interface ScalarCandidates {
  text: string;
  number: number;
  /** Any scalar, of any type, used instead when set. */
  other: Json;
}

/** A different scalar: of the same JSON type (null becomes a number), or any other. */
function otherScalar(old: Json, candidates: ScalarCandidates): Json {
  if (candidates.other !== undefined && !Object.is(candidates.other, old)) return candidates.other;
  if (typeof old === 'boolean') return !old;
  if (typeof old === 'string') return candidates.text === old ? `${old}x` : candidates.text;
  if (typeof old === 'number') return candidates.number === old ? old + 1 : candidates.number;
  return candidates.number;
}

/** Steps an editor adds: a one-liner, one with a list and a mapping, one with a long note. */
const newSteps: JsonRecord[] = [
  { id: 'added_check', check: 'not_null', column: 'id' },
  { id: 'added_cast', transform: 'cast', columns: { delay: 'INTEGER', when: 'DATE' } },
  {
    id: 'added_in_set',
    check: 'in_set',
    description: 'A long note: it has a colon, a # and "quotes" in it, and runs on well past eighty characters.',
    column: 'label',
    values: ['a', 'b', 1, true],
  },
];

it('finds the example specs', () => {
  expect(examples.length).toBeGreaterThanOrEqual(2);
});

describe.each(examples)('reconcileYaml on examples/%s', (file) => {
  const text = readFileSync(`${examplesFolder}${file}`, 'utf8');
  const spec = parse(text) as JsonRecord;
  const steps = spec.steps as JsonRecord[];

  it('is byte-identical without an edit, whatever the key order of the value', () => {
    expect(reconcileYaml(text, structuredClone(spec))).toBe(text);
    const reversed = Object.fromEntries(Object.entries(spec).reverse());
    expect(reconcileYaml(text, reversed)).toBe(text);
  });

  const leaves = leafPaths(spec).map((path) => [path.join('.'), path] as const);

  it.each(leaves)('changing %s rewrites only its own lines', (label, path) => {
    const old = getIn(spec, path);
    const span = linesOf(text, path);
    const replacements = typeof old === 'boolean' ? [!old] : typeof old === 'number' ? [old + 1, -0.125] : [`${String(old)}_2`, "it's: #1"];
    for (const value of replacements) {
      const expected = withLeaf(spec, path, value);
      const edited = reconcileYaml(text, expected);
      expect(parse(edited), `${label} = ${JSON.stringify(value)}`).toEqual(expected);
      expectOnlyLinesChanged(text, edited, span, `${label} = ${JSON.stringify(value)}`);
      expect(commentLines(edited)).toEqual(commentLines(text));
    }
  });

  const removable = keyPaths(spec)
    .filter((path) => path.length > 1 || path[0] !== 'version')
    .map((path) => [path.join('.'), path] as const);

  it.each(removable)('removing %s takes only its lines and the comments above it', (label, path) => {
    const expected = withoutKey(spec, path);
    const edited = reconcileYaml(text, expected);
    expect(parse(edited)).toEqual(expected);
    const unit = unitLines(text, path);
    expectOnlyLinesRemoved(text, edited, unit, label);
    expectCommentsKept(text, edited, unit);
  });

  it('adds a key after its neighbour, in the style of its siblings, changing no other line', () => {
    const cases: [string, JsonRecord][] = [
      ['input after seed', withKeyAfter(spec, 'input', Object.keys(spec.sources as object)[0], 'seed')],
      [
        'enabled on the first step',
        withSteps(
          spec,
          steps.map((step, index) => (index === 0 ? withKeyAfter(step, 'enabled', false, 'id') : step)),
        ),
      ],
      [
        'on_fail at the end of the last check',
        withSteps(
          spec,
          steps.map((step, index) => (index === steps.findLastIndex((one) => one.check) ? { ...step, on_fail: 'warn' } : step)),
        ),
      ],
      [
        'a source option',
        changedAt(
          spec,
          ['sources', Object.keys(spec.sources as object)[0]!, 'options'],
          (owner, key) => ((owner as JsonRecord)[key] = { ...((owner as JsonRecord)[key] as object), delimiter: ',' }),
        ) as JsonRecord,
      ],
      [
        'a description first in a step',
        withSteps(
          spec,
          steps.map((step, index) => (index === 2 ? withKeyAfter(step, 'description', 'Added: with a colon # and a hash') : step)),
        ),
      ],
      [
        'a list-valued parameter',
        withSteps(
          spec,
          steps.map((step, index) => (index === 1 ? { ...step, tags: ['a', 'b'] } : step)),
        ),
      ],
    ];
    for (const [label, expected] of cases) {
      const edited = reconcileYaml(text, expected);
      expect(parse(edited), label).toEqual(expected);
      expectOnlyLinesAdded(text, edited, label);
      expect(commentLines(edited), label).toEqual(commentLines(text));
    }
  });

  it.each(steps.map((_step, index) => index).concat(steps.length))('inserting a step at %i adds lines and changes no other', (index) => {
    for (const step of newSteps) {
      const expected = withSteps(spec, steps.toSpliced(index, 0, step));
      const edited = reconcileYaml(text, expected);
      expect(parse(edited)).toEqual(expected);
      expect(parseSpec(edited, file).steps).toHaveLength(steps.length + 1);
      expect(lineChanges(text, edited).removed).toEqual([]);
      expect(commentLines(edited)).toEqual(commentLines(text));
    }
  });

  it.each(steps.map((step, index) => [String(step.id), index] as const))('removing step %s takes only its lines and the comments above it', (_id, index) => {
    const expected = withSteps(spec, steps.toSpliced(index, 1));
    const edited = reconcileYaml(text, expected);
    expect(parse(edited)).toEqual(expected);
    const { removed, added } = lineChanges(text, edited);
    const unit = unitLines(text, ['steps', index]);
    expect(added).toEqual([]);
    expect(removed.filter((line) => line.trim() !== '')).toEqual(unit.filter((line) => line.trim() !== ''));
    expectCommentsKept(text, edited, unit);
  });

  it.each(steps.slice(1).map((step, index) => [String(step.id), index] as const))('moving step %s up (Alt+↑) keeps every line', (_id, index) => {
    const expected = withSteps(spec, swapped(steps, index));
    const edited = reconcileYaml(text, expected);
    expect(parse(edited)).toEqual(expected);
    expect(edited.split('\n').sort()).toEqual(text.split('\n').sort());
    // Moving it back gives the file as it was.
    expect(reconcileYaml(edited, spec)).toBe(text);
  });
});

describe('reconcileYaml on generated specs', () => {
  const written = writtenSpecArbitrary();

  it('reads back the generated spec, which parseSpec accepts, and leaves it byte-identical without an edit', () => {
    fc.assert(
      fc.property(written, ({ spec, text }) => {
        expect(parse(text)).toEqual(spec);
        parseSpec(text, 'generated.winnow.yaml');
        expect(reconcileYaml(text, structuredClone(spec))).toBe(text);
      }),
      propertyRuns,
    );
  });

  it('changes one leaf value by rewriting only its own lines', () => {
    const number = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => value + 0),
    );
    const change = fc.record({
      choice: fc.nat(),
      text: textArbitrary,
      number,
      other: fc.option(fc.oneof(textArbitrary, number, fc.boolean(), fc.constant(null)), { nil: undefined, freq: 4 }),
    });
    fc.assert(
      fc.property(written, change, ({ spec, text }, { choice, ...candidates }) => {
        const leaves = leafPaths(spec);
        const path = leaves[choice % leaves.length]!;
        const expected = withLeaf(spec, path, otherScalar(getIn(spec, path), candidates));
        const edited = reconcileYaml(text, expected);
        expect(parse(edited)).toEqual(expected);
        expectOnlyLinesChanged(text, edited, linesOf(text, path), path.join('.'));
      }),
      propertyRuns,
    );
  });

  it('removes or adds one key of a step, keeping every other line and comment', () => {
    const operation = fc.record({ remove: fc.boolean(), step: fc.nat(), key: fc.nat(), position: fc.nat(), value: textArbitrary });
    fc.assert(
      fc.property(written, operation, ({ spec, text }, { remove, step: stepChoice, key: keyChoice, position, value }) => {
        const steps = spec.steps as unknown as JsonRecord[];
        if (steps.length === 0) return;
        const index = stepChoice % steps.length;
        const keys = Object.keys(steps[index]!);
        if (remove) {
          const path = ['steps', index, keys[keyChoice % keys.length]!];
          const expected = withoutKey(spec, path);
          const edited = reconcileYaml(text, expected);
          expect(parse(edited)).toEqual(expected);
          const unit = unitLines(text, path);
          if (!inFlowStep(text, index)) expectOnlyLinesRemoved(text, edited, unit, path.join('.'));
          expectCommentsKept(text, edited, unit);
        } else {
          const after = position % (keys.length + 1) === 0 ? undefined : keys[(position % (keys.length + 1)) - 1];
          const expected = withSteps(spec, steps.toSpliced(index, 1, withKeyAfter(steps[index]!, 'note_added', value, after)));
          const edited = reconcileYaml(text, expected);
          expect(parse(edited)).toEqual(expected);
          if (!inFlowStep(text, index)) expectOnlyLinesAdded(text, edited, `steps.${index}.note_added`);
          expect(commentLines(edited)).toEqual(commentLines(text));
        }
      }),
      propertyRuns,
    );
  });

  it('inserts, removes and moves a step, keeping every other line', () => {
    const operation = fc.record({ kind: fc.constantFrom('insert', 'remove', 'move'), at: fc.nat(), step: fc.constantFrom(...newSteps) });
    fc.assert(
      fc.property(written, operation, ({ spec, text }, { kind, at, step }) => {
        const steps = spec.steps as unknown as JsonRecord[];
        if (kind === 'insert') {
          const expected = withSteps(spec, steps.toSpliced(at % (steps.length + 1), 0, step));
          const edited = reconcileYaml(text, expected);
          expect(parse(edited)).toEqual(expected);
          if (steps.length > 0) expect(lineChanges(text, edited).removed).toEqual([]);
          expect(commentLines(edited)).toEqual(commentLines(text));
        } else if (kind === 'remove' && steps.length > 0) {
          const index = at % steps.length;
          const expected = withSteps(spec, steps.toSpliced(index, 1));
          const edited = reconcileYaml(text, expected);
          expect(parse(edited)).toEqual(expected);
          const unit = unitLines(text, ['steps', index]);
          // Removing the last step leaves `steps: []`.
          if (steps.length > 1) expectOnlyLinesRemoved(text, edited, unit, `steps.${index}`);
          expectCommentsKept(text, edited, unit);
        } else if (kind === 'move' && steps.length > 1) {
          const expected = withSteps(spec, swapped(steps, at % (steps.length - 1)));
          const edited = reconcileYaml(text, expected);
          expect(parse(edited)).toEqual(expected);
          expect(edited.split('\n').sort()).toEqual(text.split('\n').sort());
        }
      }),
      propertyRuns,
    );
  });
});

describe('reconcileYaml on text that is not YAML', () => {
  it.each([
    ['an unclosed flow list', 'version: 1\nsteps: [a, b\nname: x\n'],
    ['an unclosed quote', 'name: "flights\nseed: 7\n'],
    ['a bad indentation', 'sources:\n  a:\n    uri: x\n   format: csv\n'],
  ])('throws a one-line error for %s', (_label, text) => {
    expect(() => reconcileYaml(text, { name: 'x' })).toThrow(Error);
    try {
      reconcileYaml(text, { name: 'x' });
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).toMatch(/not valid YAML/);
    }
  });
});

describe('flow collections keep their padding', () => {
  it('a step written `{ id: a, ... }` stays padded when one value changes, and a tight one stays tight', () => {
    const padded = 'steps:\n  - { id: a, check: between, column: x, min: 1, max: 5 }\n';
    expect(reconcileYaml(padded, { steps: [{ id: 'a', check: 'between', column: 'x', min: 2, max: 5 }] })).toBe(
      'steps:\n  - { id: a, check: between, column: x, min: 2, max: 5 }\n',
    );
    const tight = 'steps:\n  - {id: a, check: between, column: x, min: 1, max: 5}\n';
    expect(reconcileYaml(tight, { steps: [{ id: 'a', check: 'between', column: 'x', min: 2, max: 5 }] })).toBe(
      'steps:\n  - {id: a, check: between, column: x, min: 2, max: 5}\n',
    );
  });
});
