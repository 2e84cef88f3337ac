/**
 * Editing a spec's text in place. The app holds the spec as YAML text (the document a person
 * may also edit by hand, with comments and an order of their own) and changes it by giving the
 * value it should now have: `reconcileYaml(text, next)` rewrites only the parts of the text
 * whose values differ, so comments, key order, quoting, blank lines, folded descriptions and
 * fields the app does not show all survive every edit.
 *
 * It works on the text, guided by the `yaml` parse tree's source ranges: a changed scalar is
 * replaced where it stands (in its own quoting style), a removed key or list item takes its
 * lines (and the comment lines directly above it) with it, an added one is written in the style
 * of its siblings, and a reordered list moves its items' lines. What cannot be changed in place
 * (a flow collection, a block scalar) is re-rendered alone. The result is parsed again and
 * checked against `next`; only if that failed would the edit fall back to the Document API.
 *
 * @example
 * reconcileYaml('seed: 7 # fixed\nname: a\n', { seed: 8, name: 'a' }) // 'seed: 8 # fixed\nname: a\n'
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, stringify, visit, type Document, type Node, type Pair, type ToStringOptions } from 'yaml';

interface Edit {
  start: number;
  end: number;
  text: string;
}

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPrimitive = (value: Json) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Equal as data: maps compare by keys regardless of order, lists by position. */
export function sameValue(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keysA = Object.keys(a).filter((key) => a[key] !== undefined);
    const keysB = Object.keys(b).filter((key) => b[key] !== undefined);
    return keysA.length === keysB.length && keysA.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}

const keyOf = (pair: Pair): string => String(isScalar(pair.key) ? pair.key.value : pair.key);

class TextEditor {
  readonly edits: Edit[] = [];
  readonly options: ToStringOptions;

  constructor(readonly text: string) {
    this.options = { lineWidth: 0, flowCollectionPadding: false, indentSeq: indentsSequences(text) };
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The offset just past the end of the line holding `offset` (past its newline). */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline === -1 ? this.text.length : newline + 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** The last offset before `end` that is not white space. */
  lastContent(end: number): number {
    let at = end - 1;
    while (at > 0 && /\s/.test(this.text[at]!)) at--;
    return at;
  }

  /** Extends a unit's start over the comment lines directly above it at the same indentation. */
  withComments(lineStart: number, column: number): number {
    let start = lineStart;
    while (start > 0) {
      const previous = this.lineStart(start - 1);
      const line = this.text.slice(previous, start - 1);
      if (!line.trimStart().startsWith('#') || line.length - line.trimStart().length !== column) break;
      start = previous;
    }
    return start;
  }

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text });
  }

  apply(): string {
    const sorted = [...this.edits].sort((a, b) => b.start - a.start || b.end - a.end);
    let result = this.text;
    let limit = Infinity;
    for (const edit of sorted) {
      if (edit.end > limit) throw new Error('overlapping edits');
      result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
      limit = edit.start;
    }
    return result;
  }

  /** A value as YAML lines, each indented by `column` spaces: lists of scalars in flow style. */
  render(value: Json, column: number, flowMaps = false): string {
    const document = parseDocument(stringify(value, this.options));
    visit(document, {
      Seq(_key, node) {
        if (node.items.every((item) => isScalar(item)) && JSON.stringify(node.toJSON()).length <= 80) node.flow = true;
      },
      Map(_key, node, path) {
        if (flowMaps && path.length <= 2 && JSON.stringify(node.toJSON()).length <= 110) node.flow = true;
      },
    });
    const pad = ' '.repeat(column);
    return document
      .toString(this.options)
      .split('\n')
      .filter((line, index, lines) => index < lines.length - 1 || line !== '')
      .map((line) => (line ? pad + line : line))
      .join('\n')
      .concat('\n');
  }

  renderFlow(value: Json, replacing?: readonly number[]): string {
    const rendered = stringify(value, { ...this.options, collectionStyle: 'flow' }).trimEnd();
    // `{ id: a, min: 1 }` stays padded inside its outer brackets, as it was written.
    const was = replacing ? this.text.slice(replacing[0], replacing[1]) : '';
    const padded = /^[{[] /.test(was) && / [}\]]$/.test(was.trimEnd());
    return padded && /^[{[][^ ][\s\S]*[^ ][}\]]$/.test(rendered) ? `${rendered[0]} ${rendered.slice(1, -1)} ${rendered.at(-1)}` : rendered;
  }

  /** A scalar written where another stood, in the same quoting style; null when it needs lines of its own. */
  renderScalar(value: Json, old: Scalar): string | null {
    if (old.type === Scalar.BLOCK_FOLDED || old.type === Scalar.BLOCK_LITERAL) return null;
    if (typeof value === 'string' && /[\n\r]/.test(value)) return null;
    const type =
      typeof value === 'string' && (old.type === Scalar.QUOTE_SINGLE || old.type === Scalar.QUOTE_DOUBLE || old.type === Scalar.PLAIN) ? old.type : undefined;
    const text = stringify(value, { ...this.options, defaultStringType: type ?? 'PLAIN' }).trimEnd();
    return text.includes('\n') ? null : text;
  }
}

/** Whether block lists are indented under their key (`key:\n  - a`) rather than flush (`key:\n- a`). */
function indentsSequences(text: string): boolean {
  const match = /^( *)[^\s#-][^\n]*:[ \t]*\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)- /m.exec(text);
  return match ? match[2]!.length > match[1]!.length : true;
}

/** Where a block list item's dash stands. */
function dashOf(editor: TextEditor, item: Node): number {
  let at = item.range![0] - 1;
  while (at >= 0 && /\s/.test(editor.text[at]!)) at--;
  return editor.text[at] === '-' ? at : item.range![0];
}

interface Unit {
  /** Start of the unit's first line, its comments included. */
  start: number;
  /** Start of the line the item itself begins on. */
  itemStart: number;
  /** Just past the newline of its last line. */
  end: number;
  column: number;
  /** A list item's first key, on the dash's line (`- id: a`): the unit starts at the key, and the dash stays. */
  inline?: boolean;
}

function pairUnit(editor: TextEditor, pair: Pair): Unit {
  const keyNode = pair.key as Node;
  const begin = keyNode.range![0];
  const value = pair.value as Node | null;
  const last = value?.range ? Math.max(editor.lastContent(value.range[1]), begin) : keyNode.range![1];
  const itemStart = editor.lineStart(begin);
  const column = editor.column(begin);
  if (/\S/.test(editor.text.slice(itemStart, begin))) return { start: begin, itemStart: begin, end: editor.lineEnd(last), column, inline: true };
  return { start: editor.withComments(itemStart, column), itemStart, end: editor.lineEnd(last), column };
}

function itemUnit(editor: TextEditor, item: Node): Unit {
  const dash = dashOf(editor, item);
  const itemStart = editor.lineStart(dash);
  const column = editor.column(dash);
  return { start: editor.withComments(itemStart, column), itemStart, end: editor.lineEnd(editor.lastContent(item.range![1])), column };
}

/** Changes `node`'s text to say `next`; false when it cannot be done in place (the caller re-renders the node's owner). */
function reconcile(editor: TextEditor, node: Node | null | undefined, next: Json): boolean {
  if (!node?.range) return false;
  if (sameValue(node.toJSON(), next)) return true;
  if (isScalar(node)) {
    if (!isPrimitive(next)) return false;
    const text = editor.renderScalar(next, node);
    if (text === null) return false;
    editor.replace(node.range[0], node.range[1], text);
    return true;
  }
  if (isMap(node) && isObject(next)) {
    if (node.flow) {
      editor.replace(node.range[0], node.range[1], editor.renderFlow(next, node.range));
      return true;
    }
    // A block mapping cannot be emptied line by line: its owner writes `{}`.
    if (Object.values(next).every((value) => value === undefined)) return false;
    reconcileMap(editor, node.items, next);
    return true;
  }
  if (isSeq(node) && Array.isArray(next)) {
    if (node.flow) {
      if (node.items.length === 0 && next.some((item) => !isPrimitive(item))) return false;
      editor.replace(node.range[0], node.range[1], editor.renderFlow(next, node.range));
      return true;
    }
    if (next.length === 0) return false;
    reconcileSeq(editor, node.items as Node[], next);
    return true;
  }
  return false;
}

function reconcileMap(editor: TextEditor, pairs: Pair[], next: Record<string, Json>): void {
  const present = new Map(pairs.map((pair) => [keyOf(pair), pair] as const));
  // A key that went while a new one came with the same value was renamed: the key changes in place.
  const gone = pairs.filter((pair) => next[keyOf(pair)] === undefined);
  const renamed = new Map<Pair, string>();
  for (const key of Object.keys(next).filter((candidate) => next[candidate] !== undefined && !present.has(candidate))) {
    const pair = gone.find((candidate) => !renamed.has(candidate) && sameValue((candidate.value as Node | null)?.toJSON?.() ?? null, next[key]));
    const keyNode = pair?.key as Node | undefined;
    if (!pair || !isScalar(keyNode) || !keyNode.range) continue;
    const text = editor.renderScalar(key, keyNode);
    if (text === null) continue;
    renamed.set(pair, key);
    present.set(key, pair);
    editor.replace(keyNode.range[0], keyNode.range[1], text);
  }
  const units = pairs.map((pair) => pairUnit(editor, pair));
  const head = units[0]!;
  const column = head.column;
  const headGone = !renamed.has(pairs[0]!) && next[keyOf(pairs[0]!)] === undefined;
  // Whether a pair's edits (if any) stay after its key, so its line may move up onto the dash's line.
  const inPlace = pairs.map((pair, index) => {
    if (renamed.has(pair)) return true;
    const key = keyOf(pair);
    const unit = units[index]!;
    if (next[key] === undefined) {
      if (!unit.inline) editor.replace(unit.start, unit.end, '');
      return false;
    }
    if (reconcile(editor, pair.value as Node | null, next[key])) return true;
    const text = editor.render({ [key]: next[key] }, column);
    editor.replace(unit.itemStart, unit.end, unit.inline ? text.slice(column) : text);
    return false;
  });
  // New keys go after the nearest key before them (in the new value's order) that the text has.
  const keys = Object.keys(next).filter((key) => next[key] !== undefined);
  const inserts = new Map<number, string>();
  let leading = '';
  keys.forEach((key, index) => {
    if (present.has(key)) return;
    const anchor = keys
      .slice(0, index)
      .reverse()
      .find((earlier) => present.has(earlier));
    const text = editor.render({ [key]: next[key] }, column);
    if (!anchor) leading += text;
    else {
      const at = pairUnit(editor, present.get(anchor)!).end;
      inserts.set(at, (inserts.get(at) ?? '') + text);
    }
  });
  for (const [at, text] of inserts) editor.replace(at, at, text);
  if (!head.inline) {
    if (leading) editor.replace(head.itemStart, head.itemStart, leading);
  } else if (!headGone) {
    // The first key shares the dash's line (`- id: a`): keys put before it go after the dash.
    if (leading) editor.replace(head.start, head.start, leading.slice(column) + ' '.repeat(column));
  } else if (leading) {
    editor.replace(head.start, head.end, leading.slice(column));
  } else if (units[1] && inPlace[1] && units[1].start === head.end && units[1].itemStart === head.end) {
    editor.replace(head.start, units[1].itemStart + column, '');
  } else {
    // Nothing can move up onto the dash's line: the item's keys start on the next line.
    editor.replace(editor.lastContent(head.start) + 1, head.end, '\n');
  }
}

function reconcileSeq(editor: TextEditor, items: Node[], next: Json[]): void {
  const old = items.map((item) => item.toJSON() as Json);
  const units = items.map((item) => itemUnit(editor, item));
  const column = units[0]!.column;
  const spaced = units.slice(1).some((unit, index) => /\n[ \t]*\n/.test(editor.text.slice(units[index]!.end - 1, unit.start)));
  const flowMaps = isMap(items[0]) && items[0].flow;
  const renderItems = (values: Json[]) => values.map((value) => editor.render([value], column, flowMaps)).join(spaced ? '\n' : '');

  const permutation = permutationOf(old, next);
  if (permutation) {
    // The items' own lines move; the gaps between them (blank lines, section comments) stay.
    const pieces = units.map((unit) => editor.text.slice(unit.start, unit.end));
    let text = '';
    units.forEach((unit, index) => {
      text += pieces[permutation[index]!];
      if (index < units.length - 1) text += editor.text.slice(unit.end, units[index + 1]!.start);
    });
    editor.replace(units[0]!.start, units.at(-1)!.end, text);
    return;
  }
  let prefix = 0;
  while (prefix < old.length && prefix < next.length && sameValue(old[prefix], next[prefix])) prefix++;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < next.length - prefix && sameValue(old[old.length - 1 - suffix], next[next.length - 1 - suffix])) suffix++;
  const oldMiddle = old.length - prefix - suffix;
  const newMiddle = next.slice(prefix, next.length - suffix);
  if (oldMiddle === newMiddle.length) {
    newMiddle.forEach((value, offset) => {
      const index = prefix + offset;
      if (!reconcile(editor, items[index], value)) editor.replace(units[index]!.itemStart, units[index]!.end, renderItems([value]));
    });
    return;
  }
  for (let index = prefix; index < prefix + oldMiddle; index++) editor.replace(units[index]!.start, units[index]!.end, '');
  if (newMiddle.length === 0) return;
  if (prefix + oldMiddle < units.length) {
    const before = units[prefix + oldMiddle]!.start;
    editor.replace(before, before, renderItems(newMiddle) + (spaced ? '\n' : ''));
  } else {
    const after = units[prefix - 1] ? units[prefix - 1]!.end : units[0]!.start;
    editor.replace(after, after, (spaced && prefix > 0 ? '\n' : '') + renderItems(newMiddle));
  }
}

/** When `next` holds exactly the items of `old` in another order: for each new position, the old index. */
function permutationOf(old: Json[], next: Json[]): number[] | null {
  if (old.length !== next.length || old.length < 2) return null;
  const taken = new Set<number>();
  const order: number[] = [];
  for (const value of next) {
    const index = old.findIndex((candidate, position) => !taken.has(position) && sameValue(candidate, value));
    if (index === -1) return null;
    taken.add(index);
    order.push(index);
  }
  return order.every((index, position) => index === position) ? null : order;
}

function renderWhole(text: string, next: Json): string {
  if (text.trimStart().startsWith('{')) return JSON.stringify(next, null, 2) + '\n';
  return new TextEditor(text).render(next, 0);
}

/** The Document API's edit, kept for a text the in-place edit could not handle: values right, comments mostly kept. */
function documentEdit(document: Document, next: Record<string, Json>): string {
  const current = document.toJS() as Record<string, Json>;
  for (const key of Object.keys(current)) if (next[key] === undefined) document.delete(key);
  for (const [key, value] of Object.entries(next)) {
    if (value !== undefined && !sameValue(current[key], value)) document.set(key, document.createNode(value));
  }
  return document.toString({ lineWidth: 0 });
}

/**
 * The text of `text` changed to say `next`, touching only what differs. Throws when `text` is
 * not valid YAML (a spec being fixed by hand is not edited by the app meanwhile).
 */
export function reconcileYaml(text: string, next: Json): string {
  const document = parseDocument(text, { uniqueKeys: false });
  if (document.errors.length) throw new Error(`the spec is not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`);
  if (!document.contents) return renderWhole(text, next);
  if (sameValue(document.toJS(), next)) return text;
  const editor = new TextEditor(text);
  const edited = reconcile(editor, document.contents as Node, next) ? editor.apply() : renderWhole(text, next);
  if (sameValue(parseDocument(edited).toJS(), next)) return edited;
  return isObject(next) ? documentEdit(document, next) : renderWhole(text, next);
}
