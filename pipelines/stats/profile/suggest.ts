/**
 * A starter spec from a profile, in the spirit of Deequ's constraint suggestion and TFDV's schema
 * inference: what the data showed, written as checks a person then reviews.
 *
 *   schema      every profiled column with its type
 *   not_null    a column with no nulls (in a table with rows)
 *   between     numbers and dates: the observed [min, max] (not for columns holding NaN or
 *               infinities, or time zone timestamps, whose text form is rounded to milliseconds)
 *   in_set      text with at most `maxSetSize` distinct values (exactly counted, all of them among
 *               the top values), each seen twice on average
 *   unique      exactly as many distinct values as values, at least two of them
 *
 * and the columns' roles (id, timestamp, label, prediction, score) where the profile shows them
 * (suggest-roles.ts).
 *
 * The spec passes on the data it was suggested from; docs/statistics.md#column-profiles has the rules.
 *
 * @example
 * const { yaml } = suggestSpec(profile, { name: 'flights', source: { name: 'flights', uri: 'flights.csv' } });
 */
import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { Format } from '../../engine/engine';
import type { Spec, StepSpec } from '../../spec/types';
import { suggestRoles } from './suggest-roles';
import type { ColumnProfile, Profile } from './types';

export interface SuggestOptions {
  /** The spec's name. */
  name: string;
  /** The source the spec reads: its name and URI (relative to where the spec is saved). */
  source: { name: string; uri: string; format?: Format };
  /** in_set is suggested for text columns with at most this many distinct values. Default 10. */
  maxSetSize?: number;
}

/** A spec as suggest writes it: the parser fills in seed and outputs. */
export type SuggestedSpec = Pick<Spec, 'version' | 'name' | 'sources' | 'columns' | 'steps'>;

export interface Suggestion {
  spec: SuggestedSpec;
  /** The spec as YAML, with a comment above each step saying what it is based on. */
  yaml: string;
}

/** Type names the schema check accepts (see typeParam in steps/params.ts). */
const PLAIN_TYPE = /^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\])?$/;

const count = (value: number) => value.toLocaleString('en-US');

/** A step id from a column name: letters, digits, _ and -, starting with a letter or _. */
function idOf(column: string, suffix: string, taken: Set<string>): string {
  const base = `${column.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z_]+/, '') || 'column'}_${suffix}`;
  let id = base;
  for (let index = 2; taken.has(id); index++) id = `${base}_${index}`;
  taken.add(id);
  return id;
}

function rangeOf(column: ColumnProfile): { min: number | string; max: number | string } | null {
  if (column.min === null || column.max === null) return null;
  if (column.kind === 'numeric' && (column.numeric?.nonFinite ?? 0) === 0) return { min: column.min, max: column.max };
  if (column.kind === 'temporal' && !/WITH TIME ZONE/i.test(column.type)) return { min: column.min, max: column.max };
  return null;
}

function setOf(column: ColumnProfile, maxSetSize: number): string[] | null {
  const { top } = column;
  if (column.kind !== 'string' || !column.distinctExact || !top || top.other !== 0) return null;
  if (column.distinct < 1 || column.distinct > maxSetSize || column.count < 2 * column.distinct) return null;
  return top.values.map((value) => String(value.value));
}

function isUnique(column: ColumnProfile): boolean {
  return column.kind !== 'boolean' && column.kind !== 'other' && column.distinctExact && column.count >= 2 && column.distinct === column.count;
}

/** The suggested steps, each with the one-line reason shown above it in the YAML. */
function suggestSteps(profile: Profile, maxSetSize: number): { step: StepSpec; reason: string }[] {
  const taken = new Set<string>(['schema']);
  const { rows } = profile.dataset;
  const typed = profile.columns.filter((column) => PLAIN_TYPE.test(column.type));
  const steps: { step: StepSpec; reason: string }[] = [];
  if (typed.length > 0) {
    steps.push({
      step: { id: 'schema', check: 'schema', columns: Object.fromEntries(typed.map((column) => [column.name, column.type])) },
      reason: `The ${typed.length === profile.columns.length ? '' : 'plainly typed '}columns and their types.`,
    });
  }
  for (const column of profile.columns) {
    const name = column.name;
    if (rows > 0 && column.nulls === 0) {
      steps.push({ step: { id: idOf(name, 'not_null', taken), check: 'not_null', column: name }, reason: `${name}: no nulls in ${count(rows)} rows.` });
    }
    const range = rangeOf(column);
    if (range) {
      steps.push({
        step: { id: idOf(name, 'range', taken), check: 'between', column: name, ...range },
        reason: `${name}: the observed range of ${count(column.count)} values.`,
      });
    }
    const values = setOf(column, maxSetSize);
    if (values) {
      steps.push({
        step: { id: idOf(name, 'values', taken), check: 'in_set', column: name, values },
        reason: `${name}: the ${values.length} values seen in ${count(column.count)}.`,
      });
    }
    if (isUnique(column)) {
      steps.push({ step: { id: idOf(name, 'unique', taken), check: 'unique', column: name }, reason: `${name}: all ${count(column.count)} values distinct.` });
    }
  }
  return steps;
}

/** Suggests a starter spec for the data `profile` describes. */
export function suggestSpec(profile: Profile, { name, source, maxSetSize = 10 }: SuggestOptions): Suggestion {
  const suggested = suggestSteps(profile, maxSetSize);
  const roles = suggestRoles(profile);
  const spec: SuggestedSpec = {
    version: 1,
    name,
    sources: { [source.name]: source.format ? { uri: source.uri, format: source.format } : { uri: source.uri } },
    ...(roles.reasons.length ? { columns: roles.columns } : {}),
    steps: suggested.map(({ step }) => step),
  };
  const document = new Document(spec);
  document.commentBefore = [
    ` Suggested by \`winnow suggest\` from ${source.uri} (${count(profile.dataset.rows)} rows, ${count(profile.dataset.columns)} columns).`,
    ' Each check and role states what this data showed, not what is valid: review every one before relying on it.',
  ].join('\n');
  const columns = document.get('columns', true);
  if (isMap(columns)) {
    columns.items.forEach((pair, index) => {
      if (isScalar(pair.key)) pair.key.commentBefore = ` ${roles.reasons[index]!.reason}`;
    });
  }
  const items = document.get('steps', true);
  if (isSeq(items)) {
    items.items.forEach((item, index) => {
      if (!isMap(item)) return;
      item.commentBefore = ` ${suggested[index]!.reason}`;
      const values = item.get('values', true);
      if (isSeq(values)) values.flow = true;
      else if (!item.has('columns')) item.flow = true;
    });
  }
  return { spec, yaml: document.toString({ lineWidth: 120 }) };
}
