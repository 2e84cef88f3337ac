/**
 * Reading a spec: YAML or JSON text -> a validated Spec, or errors that each name the file,
 * the line, the step id and the field, and say what was expected.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { WinnowError } from '../errors';
import { isReservedOutputName, RESERVED_OUTPUT_NAMES, sharedFileName } from '../manifest/output-files';
import { checks, transforms } from '../steps/registry';
import { stepWithRoles } from '../steps/role-defaults';
import { roleField, roleProblems } from './column-roles';
import { didYouMean } from './did-you-mean';
import { outputFrom, splitPartNames } from './output-from';
import * as generated from './generated/validators.js';
import { commonStepProperties, checkOnlyProperties, FILE_NAME_PATTERN, MAX_NAME_LENGTH, MAX_SEED, MAX_STEPS } from './schema';
import { stepValidatorId, TOP_LEVEL } from './validator-schemas';
import type { ColumnRoles, Spec, StepSpec } from './types';

type Path = (string | number)[];

/** All the problems found in a spec; `message` lists them one per line. */
export class SpecErrors extends WinnowError {
  constructor(readonly errors: WinnowError[]) {
    super(errors.map((error) => error.oneLine()).join('\n'), errors[0]?.place ?? {}, 'spec');
  }

  override oneLine(): string {
    return this.message;
  }
}

// Precompiled (see validator-schemas.ts): the app's CSP forbids compiling validators at run time.
const validators = generated as unknown as Record<string, ValidateFunction>;
const validateTopLevel = validators[TOP_LEVEL]!;

function stepValidator(kindKey: 'check' | 'transform', name: string): ValidateFunction {
  const validator = validators[stepValidatorId(kindKey, name)];
  if (!validator) throw new Error(`no compiled validator for ${kindKey} ${name}: run \`npm run schema\``);
  return validator;
}

/** Where things are in the text: lines of values and keys, by path. */
class Positions {
  constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
    private readonly text: string,
  ) {}

  /** The line of the value at `path`, or of the nearest ancestor that exists. */
  lineOf(path: Path, key = false): number | undefined {
    for (let length = path.length; length >= 0; length--) {
      const line = this.lineAt(path.slice(0, length), key && length === path.length);
      if (line) return line;
    }
    return undefined;
  }

  /** The value at `path` as written (`.inf`, `18446744073709551616`), when the text has it. */
  sourceOf(path: Path): string | undefined {
    const node = this.document.getIn(path, true) as Node | undefined;
    const range = node?.range;
    return range ? this.text.slice(range[0], range[1]) : undefined;
  }

  private lineAt(path: Path, key: boolean): number | undefined {
    if (key && path.length > 0) {
      const parent = path.length === 1 ? this.document.contents : this.document.getIn(path.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => String((item.key as Node | null)?.toJSON?.() ?? item.key) === String(path.at(-1)));
        const range = (pair?.key as Node | undefined)?.range;
        if (range) return this.lines.linePos(range[0]).line;
      }
    }
    const node = path.length === 0 ? this.document.contents : this.document.getIn(path, true);
    const range = (node as Node | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : undefined;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : JSON.stringify(value);
}

/** Turns one ajv error into words a person reads: what was expected. */
function explain(error: ErrorObject, value: unknown): { field?: string; message: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: String(params.missingProperty), message: `missing required field "${params.missingProperty}"` };
    case 'additionalProperties': {
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const key = String(params.additionalProperty);
      return { field: key, message: `unknown field "${key}"${didYouMean(key, known)}` };
    }
    case 'type':
      return {
        message: `expected ${String(params.type)
          .split(',')
          .map((type) => (type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : type === 'integer' ? 'an integer' : `a ${type}`))
          .join(' or ')}, got ${describeValue(value)}`,
      };
    case 'enum':
      return {
        message: `expected one of ${(params.allowedValues as unknown[]).map((allowed) => JSON.stringify(allowed)).join(', ')}, got ${describeValue(value)}${typeof value === 'string' ? didYouMean(value, (params.allowedValues as unknown[]).map(String)) : ''}`,
      };
    case 'const':
      return { message: `expected ${JSON.stringify(params.allowedValue)}, got ${describeValue(value)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { message: `expected a number ${params.comparison} ${params.limit}, got ${describeValue(value)}` };
    case 'minItems':
      return { message: `expected at least ${params.limit} item(s)` };
    case 'minProperties':
      return { message: `expected at least ${params.limit} entr${params.limit === 1 ? 'y' : 'ies'}` };
    case 'minLength':
      return { message: 'expected a non-empty string' };
    case 'pattern':
      if (params.pattern === FILE_NAME_PATTERN)
        return { message: `expected a plain file name (letters, digits, "_", "." and "-", starting with a letter or digit), got ${describeValue(value)}` };
      return { message: `${describeValue(value)} does not have the expected form (${params.pattern})` };
    case 'anyOf':
    case 'oneOf':
      return {
        field: (error.schema as { required?: string[] }[]).flatMap((option) => option.required ?? []).join('/') || undefined,
        message: `expected ${(error.schema as { required?: string[] }[]).map((option) => (option.required ? `"${option.required.join('", "')}"` : 'another form')).join(error.keyword === 'oneOf' ? ' or (exactly one) ' : ' or ')}`,
      };
    default:
      return { message: error.message ?? 'invalid' };
  }
}

function pathOf(instancePath: string): Path {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined), root);
}

/** Ajv reports an if/then failure and a oneOf/anyOf wrapper besides the real error; keep the real ones. */
function usefulErrors(errors: ErrorObject[]): ErrorObject[] {
  // The branches of an anyOf/oneOf each report why they failed; the anyOf error itself says it better.
  return errors.filter((error) => error.keyword !== 'if' && !/\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath));
}

interface Context {
  file: string;
  positions: Positions;
  root: unknown;
  errors: WinnowError[];
}

function report(context: Context, path: Path, message: string, extra: { stepId?: string; field?: string; keyLine?: boolean } = {}): void {
  const line = context.positions.lineOf(path, extra.keyLine);
  context.errors.push(new WinnowError(message, { file: context.file, line, stepId: extra.stepId, field: extra.field }, 'spec'));
}

function reportAjv(context: Context, errors: ErrorObject[], basePath: Path, stepId?: string): void {
  for (const error of usefulErrors(errors)) {
    const path = [...basePath, ...pathOf(error.instancePath)];
    const { field, message } = explain(error, valueAt(context.root, path));
    const keyField = error.keyword === 'additionalProperties' || error.keyword === 'required';
    const fieldPath = keyField && field ? [...path, field] : path;
    const named = field ?? (fieldPath.filter((part) => typeof part === 'string').at(-1) as string | undefined);
    report(context, fieldPath, message, { stepId, field: named, keyLine: error.keyword === 'additionalProperties' });
  }
}

function validateStep(context: Context, step: StepSpec, index: number, seenIds: Set<string>, roles: ColumnRoles | undefined): void {
  const path: Path = ['steps', index];
  const stepId = typeof step.id === 'string' ? step.id : undefined;
  if (stepId === undefined) report(context, path, 'missing required field "id"', { field: 'id' });
  else if (seenIds.has(stepId)) report(context, [...path, 'id'], `step id "${stepId}" is used twice; ids must be unique`, { stepId, field: 'id' });
  if (stepId) seenIds.add(stepId);

  const hasCheck = 'check' in step;
  const hasTransform = 'transform' in step;
  if (hasCheck === hasTransform) {
    const misspelt = Object.keys(step).find((key) => !hasCheck && !hasTransform && didYouMean(key, ['check', 'transform']));
    report(
      context,
      path,
      hasCheck
        ? 'a step is either a check or a transform, not both'
        : `a step needs "check: <kind>" or "transform: <kind>"${misspelt ? didYouMean(misspelt, ['check', 'transform']) : ''}`,
      { stepId },
    );
    return;
  }
  const kindKey = hasCheck ? 'check' : 'transform';
  const kinds: ReadonlyMap<string, { params: { properties: object }; rows?: unknown }> = hasCheck ? checks : transforms;
  const kind = step[kindKey];
  if (typeof kind !== 'string' || !kinds.has(kind)) {
    const otherKinds: ReadonlyMap<string, unknown> = hasCheck ? transforms : checks;
    const hint =
      typeof kind === 'string' && otherKinds.has(kind)
        ? ` ("${kind}" is a ${hasCheck ? 'transform' : 'check'}: write "${hasCheck ? 'transform' : 'check'}: ${kind}")`
        : didYouMean(String(kind), kinds.keys());
    report(context, [...path, kindKey], `unknown ${kindKey} kind "${String(kind)}"${hint}`, { stepId, field: kindKey });
    return;
  }
  const definition = kinds.get(kind)!;
  const allowed = [
    ...Object.keys(commonStepProperties),
    kindKey,
    ...(hasCheck ? (definition.rows ? Object.keys(checkOnlyProperties) : ['on_fail']) : []),
    ...Object.keys(definition.params.properties),
  ];
  const unknown = Object.keys(step).filter((key) => !allowed.includes(key));
  for (const key of unknown) {
    const hint = key === 'mostly' && hasCheck ? ` ("mostly" applies to row-level checks; ${kind} judges the whole table)` : didYouMean(key, allowed);
    report(context, [...path, key], `unknown field "${key}" for ${kindKey} ${kind}${hint}`, { stepId, field: key, keyLine: true });
  }
  // The fields the step leaves out that the spec's column roles say: validated as if written.
  const filled = stepWithRoles(step, roles);
  const validator = stepValidator(kindKey, kind);
  if (!validator(filled)) {
    reportAjv(
      context,
      (validator.errors ?? []).filter((error) => error.keyword !== 'additionalProperties'),
      path,
      stepId,
    );
    return;
  }
  if (unknown.length) return;
  const full = hasCheck ? checks.get(kind)! : transforms.get(kind)!;
  // JSON Schema's integer takes .inf (Infinity % 1 is NaN, not a remainder): no count or size is infinite.
  for (const [field, schema] of Object.entries(full.params.properties as Record<string, { type?: unknown }>)) {
    const value = step[field];
    if (schema.type === 'integer' && typeof value === 'number' && !Number.isFinite(value)) {
      report(context, [...path, field], `expected an integer, got ${describeValue(value)}`, { stepId, field });
    }
  }
  for (const problem of full.validate?.(filled as never) ?? []) {
    report(context, [...path, problem.field], problem.message, { stepId, field: problem.field });
  }
}

function validateReferences(context: Context, spec: Spec): void {
  const sources = Object.keys(spec.sources ?? {});
  if (spec.input !== undefined && !sources.includes(spec.input)) {
    report(context, ['input'], `no source named "${spec.input}"${didYouMean(spec.input, sources)}`, { field: 'input' });
  }
  (spec.steps ?? []).forEach((step, index) => {
    if (typeof step.baseline === 'string' && !sources.includes(step.baseline)) {
      report(context, ['steps', index, 'baseline'], `no source named "${step.baseline}"${didYouMean(step.baseline, sources)}`, {
        stepId: step.id,
        field: 'baseline',
      });
    }
  });
  const names = new Set<string>();
  (spec.outputs ?? []).forEach((output, index) => {
    if (names.has(output.name)) report(context, ['outputs', index, 'name'], `output name "${output.name}" is used twice`, { field: 'name' });
    else if (isReservedOutputName(output.name)) {
      report(
        context,
        ['outputs', index, 'name'],
        `output name "${output.name}" is Winnow's own (${RESERVED_OUTPUT_NAMES.join(', ')} are reserved, in any case)`,
        { field: 'name' },
      );
    } else {
      const earlier = (spec.outputs ?? []).slice(0, index).find((other) => other.name !== output.name && sharedFileName(other, output));
      if (earlier) {
        const clash =
          earlier.name.toLowerCase() === output.name.toLowerCase() ? 'differs only in case from' : `would write the file ${sharedFileName(earlier, output)} as`;
        report(context, ['outputs', index, 'name'], `output "${output.name}" ${clash} output "${earlier.name}": output files must not collide`, {
          field: 'name',
        });
      }
    }
    names.add(output.name);
    if (output.from !== undefined) checkOutputFrom(context, spec.steps ?? [], output.from, index);
  });
}

/** A value from the spec, quoted on one line, cut short when long: the error names it, not all of it. */
function quoted(value: string): string {
  const limit = 80;
  return value.length > limit ? `${JSON.stringify(value.slice(0, limit))}… (${value.length} characters)` : JSON.stringify(value);
}

/** An output's `from` names an enabled step (the data right after it) or a part of an enabled split step. */
function checkOutputFrom(context: Context, steps: StepSpec[], from: string, index: number): void {
  const field = `outputs[${index}].from`;
  const problem = (message: string) => report(context, ['outputs', index, 'from'], message, { field });
  // A suggestion compares names letter by letter: not worth it for a value far longer than any id.
  const hint = (name: string, known: Iterable<string>) => (name.length <= MAX_NAME_LENGTH ? didYouMean(name, known) : '');
  const { stepId, part } = outputFrom(from);
  const step = steps.find((candidate) => candidate.id === stepId);
  if (!step) {
    const known = steps.filter((candidate) => candidate.enabled !== false).map((candidate) => candidate.id);
    return problem(`${quoted(from)} names no step${hint(stepId, known)}: from takes a step id (the data right after it) or <split step id>.<part>`);
  }
  if (step.enabled === false) return problem(`${quoted(from)} names step "${stepId}", which is disabled: it has no data to take`);
  if (part === null) return;
  if (step.transform !== 'split') {
    return problem(
      `${quoted(from)}: step "${stepId}" is ${step.check ? 'a check' : 'a transform'} ${String(step.check ?? step.transform)}, not a split, so it has no parts (from: ${stepId} takes the data right after it)`,
    );
  }
  const parts = splitPartNames(step);
  if (!parts.includes(part)) problem(`split "${stepId}" has no part ${quoted(part)} (it has ${parts.join(', ')})${hint(part, parts)}`);
}

/**
 * The `columns` block: each problem on one line, at its role's line, named `columns.<role>`. The
 * schema's own errors (`schemaErrors`) are said only if the rules in words missed them.
 */
function checkColumnRoles(context: Context, roles: unknown, schemaErrors: ErrorObject[]): void {
  const problems = roleProblems(roles);
  for (const { role, message } of problems) {
    report(context, role === undefined ? ['columns'] : ['columns', role], message, { field: roleField(role), keyLine: role !== undefined });
  }
  if (problems.length === 0) reportAjv(context, schemaErrors, []);
}

/** The sizes a run is bounded by (MAX_STEPS, MAX_NAME_LENGTH), refused before anything else is looked at. */
function checkLimits(context: Context, spec: Spec): void {
  if (Array.isArray(spec.steps) && spec.steps.length > MAX_STEPS) {
    report(context, ['steps'], `a spec has at most ${MAX_STEPS} steps, this one has ${spec.steps.length}: split it into several specs`, {
      field: 'steps',
      keyLine: true,
    });
  }
  const tooLong = (name: unknown): name is string => typeof name === 'string' && name.length > MAX_NAME_LENGTH;
  const longName = (name: string) => `a name becomes a file name: at most ${MAX_NAME_LENGTH} characters, got ${name.length}`;
  if (tooLong(spec.name)) report(context, ['name'], longName(spec.name), { field: 'name' });
  (Array.isArray(spec.outputs) ? spec.outputs : []).forEach((output, index) => {
    if (output && tooLong(output.name)) report(context, ['outputs', index, 'name'], longName(output.name), { field: 'name' });
  });
}

/** Parses and validates spec text. Throws SpecErrors listing every problem found. */
export function parseSpec(text: string, file: string): Spec {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length) {
    throw new SpecErrors(
      document.errors.map(
        (error) => new WinnowError(`not valid YAML or JSON: ${error.message.split('\n')[0]}`, { file, line: lines.linePos(error.pos[0]).line }, 'spec'),
      ),
    );
  }
  let root: unknown;
  try {
    root = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The yaml library's own words for an alias it cannot resolve (`<<: *nowhere`) or too many
    // of them (an alias bomb): a spec error like any other, not a crash.
    if (!(error instanceof ReferenceError)) throw error;
    throw new SpecErrors([new WinnowError(`not a usable YAML document: ${error.message.split('\n')[0]}`, { file, line: 1 }, 'spec')]);
  }
  const context: Context = { file, positions: new Positions(document, lines, text), root, errors: [] };
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw new SpecErrors([new WinnowError('a spec is a mapping with version, name, sources and steps', { file, line: 1 }, 'spec')]);
  }
  const columnsErrors: ErrorObject[] = [];
  if (!validateTopLevel(root)) {
    const errors = validateTopLevel.errors ?? [];
    // The seed's type and bounds are one rule, said once, with the value as written (1e400 reads as Infinity).
    if (errors.some((error) => error.instancePath === '/seed')) {
      const written = context.positions.sourceOf(['seed']) ?? describeValue((root as { seed?: unknown }).seed);
      report(context, ['seed'], `expected an integer from 0 to ${MAX_SEED} (2^53 - 1), got ${written}`, { field: 'seed' });
    }
    for (const error of usefulErrors(errors)) {
      if (error.instancePath === '/seed') continue;
      // The columns block has its own words for its problems (checkColumnRoles).
      if (error.instancePath === '/columns' || error.instancePath.startsWith('/columns/')) {
        columnsErrors.push(error);
        continue;
      }
      if (error.keyword === 'additionalProperties' && error.instancePath === '') {
        const key = String((error.params as { additionalProperty: string }).additionalProperty);
        const known = ['version', 'name', 'seed', 'input', 'sources', 'columns', 'steps', 'outputs', 'gates'];
        report(context, [key], `unknown field "${key}"${didYouMean(key, known)}`, { field: key, keyLine: true });
      } else {
        reportAjv(context, [error], []);
      }
    }
  }
  const spec = root as Spec;
  checkLimits(context, spec);
  if ('columns' in spec) checkColumnRoles(context, spec.columns, columnsErrors);
  if (context.errors.length) throw new SpecErrors(context.errors);
  if (Array.isArray(spec.steps)) {
    const seenIds = new Set<string>();
    spec.steps.forEach((step, index) => {
      if (step && typeof step === 'object' && !Array.isArray(step)) validateStep(context, step, index, seenIds, spec.columns);
    });
  }
  if (context.errors.length === 0) validateReferences(context, spec);
  if (context.errors.length) throw new SpecErrors(context.errors);
  return { ...spec, seed: spec.seed ?? 0, outputs: spec.outputs ?? [] };
}

/** The canonical JSON form of a spec (sorted keys, no whitespace): what `spec.sha256` hashes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
