/**
 * fast-check arbitraries for specs, for property tests. Values come from the spec's own JSON
 * Schema (`buildSpecSchema()`), one step kind at a time, so a new step kind or parameter is
 * generated without touching this file; texts come in the layouts a spec is found in (the app's
 * `specToYaml`, and block YAML with comments, blank lines, quoting and folded descriptions).
 *
 * @example
 * fc.assert(fc.property(writtenSpecArbitrary(), ({ spec, text }) => expect(parse(text)).toEqual(spec)));
 */
import fc from 'fast-check';
import { Document, isMap, isPair, isScalar, Scalar, visit, type YAMLSeq } from 'yaml';
import { roleProblems } from '../pipelines/spec/column-roles';
import { parseSpec } from '../pipelines/spec/parse';
import { buildSpecSchema } from '../pipelines/spec/schema';
import type { ColumnRoles, Spec, StepSpec } from '../pipelines/spec/types';
import { specToYaml } from './spec-yaml-kit';

/** The part of JSON Schema that `buildSpecSchema()` uses. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  pattern?: string;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
}

export interface SchemaArbitraryOptions {
  /** Replaces what a property's schema would generate, by the property's name; undefined: from the schema. */
  property?: (name: string, schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;
  /** Strings that have neither pattern nor enum, by the name of the property that holds them. */
  text?: (name: string | undefined) => fc.Arbitrary<string>;
  /** Keys of open mappings (`additionalProperties: {schema}`), by the mapping's property name. */
  key?: (name: string | undefined) => fc.Arbitrary<string>;
}

/** Column names: a few plain identifiers, so steps refer to each other's columns. */
export const columnNames = ['id', 'delay', 'origin', 'label', 'score', 'species', 'when', 'price'];
const splitParts = ['train', 'valid', 'test', 'holdout'];
const sourceNames = ['flights', 'baseline', 'current'];
/** Properties whose strings are column names (step parameters, and the roles of the spec's `columns`). */
const columnFields = new Set([
  'column',
  'columns',
  'key',
  'by',
  'label',
  'item',
  'annotator',
  'annotators',
  'prediction',
  'score',
  'types',
  'id',
  'timestamp',
  'text',
  'features',
  'ignore',
]);

const noLineBreak = (text: string) => !/[\n\r]/.test(text);

/** Strings YAML has opinions about: they need quotes, look like other types, or hold a comment marker. */
const awkwardStrings = [
  '',
  ' ',
  'yes',
  'no',
  'null',
  '~',
  'true',
  'false',
  '1',
  '0.5',
  '1e3',
  '0x1F',
  '.inf',
  '2024-01-31',
  '# not a comment',
  'a # b',
  'a: b',
  'a:b',
  '- item',
  '[a]',
  '{a: 1}',
  "it's",
  '"quoted"',
  "'single'",
  '@at',
  '`tick',
  '*alias',
  '&anchor',
  '!tag',
  '%percent',
  '|',
  '>',
  '? key',
  ' leading',
  'trailing ',
  'tab\there',
  'back\\slash',
  'x > 0 AND y <> 1',
  "status = 'ok'",
  'ünïcödé ✓',
  '日本語',
];

/** Strings without line breaks: printable, unicode and the awkward ones above. */
export const textArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 24 }).filter(noLineBreak),
  fc.string({ unit: 'grapheme', maxLength: 8 }).filter(noLineBreak),
  fc.constantFrom(...awkwardStrings),
  fc.stringMatching(/^[a-z][a-z ]{0,60}[a-z]$/),
);

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const high = schema.maximum ?? schema.exclusiveMaximum;
  const inRange = (value: number) =>
    (low === undefined || value > low || (value === low && schema.exclusiveMinimum === undefined)) &&
    (high === undefined || value < high || (value === high && schema.exclusiveMaximum === undefined));
  if (integer) {
    const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? -1_000_000 : schema.exclusiveMinimum + 1);
    const max = schema.maximum ?? (schema.exclusiveMaximum === undefined ? 1_000_000 : schema.exclusiveMaximum - 1);
    return fc.oneof(fc.integer({ min, max: Math.min(max, min + 100) }), fc.integer({ min, max }));
  }
  // -0 is written "-0" but is 0 as data; `+ 0` keeps it out of the way of deep equality.
  const anyDouble = fc
    .double({
      min: low,
      max: high,
      minExcluded: schema.exclusiveMinimum !== undefined,
      maxExcluded: schema.exclusiveMaximum !== undefined,
      noNaN: true,
      noDefaultInfinity: true,
    })
    .map((value) => value + 0);
  const decimal = fc.integer({ min: -100_000, max: 100_000 }).map((hundredths) => hundredths / 100);
  return fc.oneof(decimal.filter(inRange), anyDouble);
}

function stringArbitrary(schema: JsonSchema, name: string | undefined, options: SchemaArbitraryOptions): fc.Arbitrary<string> {
  // `\s` stands for a space: the same strings but for line breaks, which plain fields do not hold.
  if (schema.pattern)
    return fc.stringMatching(new RegExp(schema.pattern.replace(/\\\\|\\s/g, (escape) => (escape === '\\s' ? ' ' : escape))), { size: 'small' });
  const text = options.text?.(name) ?? textArbitrary;
  return schema.minLength ? text.filter((value) => value.length >= schema.minLength!) : text;
}

/** Whether `value` meets a condition of an `if`: the keywords conditions use (properties, const, enum, required). */
function meets(schema: JsonSchema, value: unknown): boolean {
  if (schema.const !== undefined && value !== schema.const) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (typeof value !== 'object' || value === null) return !schema.properties && !schema.required;
  const record = value as Record<string, unknown>;
  if (schema.required?.some((key) => record[key] === undefined)) return false;
  return Object.entries(schema.properties ?? {}).every(([key, inner]) => record[key] === undefined || meets(inner, record[key]));
}

/** The keys each branch of a oneOf/anyOf of `required` lists asks for. */
const branchKeys = (branches: JsonSchema[] | undefined) => (branches ?? []).map((branch) => branch.required ?? []);

function objectArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, name: string | undefined): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
    const key = options.key?.(name) ?? fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
    return fc.dictionary(key, schemaArbitrary(schema.additionalProperties, options, name), {
      minKeys: schema.minProperties ?? 0,
      maxKeys: (schema.minProperties ?? 0) + 3,
      noNullPrototype: true,
    });
  }
  // Every property gets a value; which keys are kept is decided afterwards, so that the
  // object-level rules (required, oneOf/anyOf of required lists, if/then/else) can be met.
  const names = Object.keys(properties);
  const required = schema.required ?? [];
  const exclusive = branchKeys(schema.oneOf);
  const inclusive = branchKeys(schema.anyOf);
  const conditions = [schema, ...(schema.allOf ?? [])].filter((part) => part.if);
  return fc
    .record({
      values: fc.record(
        Object.fromEntries(names.map((key) => [key, options.property?.(key, properties[key]!) ?? schemaArbitrary(properties[key]!, options, key)])),
      ),
      optional: fc.subarray(names.filter((key) => !required.includes(key))),
      exclusiveChoice: fc.nat(),
      inclusiveChoice: fc.nat(),
    })
    .map(({ values, optional, exclusiveChoice, inclusiveChoice }) => {
      const kept = new Set([...required, ...optional]);
      if (inclusive.length) for (const key of inclusive[inclusiveChoice % inclusive.length]!) kept.add(key);
      if (exclusive.length) {
        const chosen = exclusive[exclusiveChoice % exclusive.length]!;
        for (const key of exclusive.flat()) if (!chosen.includes(key)) kept.delete(key);
        for (const key of chosen) kept.add(key);
      }
      const pick = () => Object.fromEntries(names.filter((key) => kept.has(key)).map((key) => [key, values[key]]));
      for (const part of conditions) {
        const branch = meets(part.if!, pick()) ? part.then : part.else;
        for (const key of branch?.required ?? []) kept.add(key);
      }
      return pick();
    });
}

function arrayArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, name: string | undefined): fc.Arbitrary<unknown[]> {
  const items = schemaArbitrary(schema.items ?? {}, options, name);
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.min(schema.maxItems ?? Infinity, minLength + 3);
  return schema.uniqueItems
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) })
    : fc.array(items, { minLength, maxLength });
}

function typedArbitrary(type: string, schema: JsonSchema, options: SchemaArbitraryOptions, name: string | undefined): fc.Arbitrary<unknown> {
  switch (type) {
    case 'object':
      return objectArbitrary(schema, options, name);
    case 'array':
      return arrayArbitrary(schema, options, name);
    case 'string':
      return stringArbitrary(schema, name, options);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      throw new Error(`spec-arbitraries: no arbitrary for JSON Schema type "${type}"`);
  }
}

const understood = new Set([
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'pattern',
  'oneOf',
  'anyOf',
  'allOf',
  'if',
  'then',
  'else',
  'description',
  'title',
  '$schema',
  '$id',
]);

/**
 * An arbitrary for the values `schema` allows. `name` is the property that holds them, for the
 * options' hooks (items of a list and branches of a oneOf keep their property's name). A keyword
 * outside the subset above throws, so a schema that grows one is noticed here rather than
 * generating values it does not allow.
 */
export function schemaArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions = {}, name?: string): fc.Arbitrary<unknown> {
  const unknown = Object.keys(schema).find((keyword) => !understood.has(keyword));
  if (unknown) throw new Error(`spec-arbitraries: JSON Schema keyword "${unknown}" (at ${name ?? 'the top'}) is not supported`);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf && !schema.type && !schema.properties) return fc.oneof(...schema.oneOf.map((branch) => schemaArbitrary(branch, options, name)));
  if (schema.anyOf && !schema.type && !schema.properties) return fc.oneof(...schema.anyOf.map((branch) => schemaArbitrary(branch, options, name)));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? (schema.properties ? 'object' : schema.items ? 'array' : 'string')];
  return fc.oneof(...types.map((type) => typedArbitrary(type, schema, options, name)));
}

/** Shares that add up to 1, by part name (what `split` asks of `fractions`). */
const fractionsArbitrary = fc.uniqueArray(fc.constantFrom(...splitParts), { minLength: 1, maxLength: 3 }).chain((parts) =>
  fc.array(fc.integer({ min: 1, max: 9 }), { minLength: parts.length, maxLength: parts.length }).map((weights) => {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return Object.fromEntries(parts.map((part, index) => [part, weights[index]! / total]));
  }),
);

/** Bounds that increase from part to part, the last one possibly open (what a time split asks of `cutoffs`). */
const cutoffsArbitrary = fc
  .record({
    parts: fc.uniqueArray(fc.constantFrom(...splitParts), { minLength: 1, maxLength: 3 }),
    years: fc.uniqueArray(fc.integer({ min: 1990, max: 2030 }), { minLength: 3, maxLength: 3 }),
    dates: fc.boolean(),
    open: fc.boolean(),
  })
  .map(({ parts, years, dates, open }) => {
    const bounds: (string | number | null)[] = [...years].sort().map((year) => (dates ? `${year}-01-01` : year));
    return Object.fromEntries(parts.map((part, index) => [part, open && index === parts.length - 1 ? null : bounds[index]!]));
  });

interface SpecSchema {
  properties: Record<string, JsonSchema> & { steps: { items: { allOf: { then: JsonSchema }[] } } };
}

const specSchema = buildSpecSchema() as SpecSchema;

/** Each step kind's schema (the `then` of its `if`), by `check:<name>` / `transform:<name>`. */
export const stepKindSchemas: ReadonlyMap<string, JsonSchema> = new Map(
  specSchema.properties.steps.items.allOf.map(({ then }) => {
    const kindKey = then.properties!.check ? 'check' : 'transform';
    return [`${kindKey}:${String(then.properties![kindKey]!.const)}`, then];
  }),
);

function specOptions(sources: string[]): SchemaArbitraryOptions {
  return {
    property: (name) => {
      if (name === 'baseline') return fc.constantFrom(...sources);
      if (name === 'fractions') return fractionsArbitrary;
      if (name === 'cutoffs') return cutoffsArbitrary;
      return undefined;
    },
    text: (name) => (name && columnFields.has(name) ? fc.constantFrom(...columnNames) : textArbitrary),
    key: (name) => fc.constantFrom(...(name === 'fractions' || name === 'cutoffs' ? splitParts : columnNames)),
  };
}

/**
 * Column roles from the schema, each role kept only if it gives no column a second role (a rule
 * beyond JSON Schema that random picks from a few column names would break most of the time).
 */
function rolesArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<ColumnRoles> {
  return (schemaArbitrary(schema, options) as fc.Arbitrary<Record<string, unknown>>).map((generated) => {
    const roles: Record<string, unknown> = {};
    for (const [role, value] of Object.entries(generated)) {
      if (roleProblems({ ...roles, [role]: value }).length === 0) roles[role] = value;
    }
    return roles as ColumnRoles;
  });
}

/** Whether parseSpec accepts the spec: the rules of some step kinds go beyond JSON Schema. */
function accepted(spec: object): boolean {
  try {
    parseSpec(JSON.stringify(spec), 'generated.json');
    return true;
  } catch {
    return false;
  }
}

const stepArbitraries = new Map<string, fc.Arbitrary<StepSpec>>();

/** A step of any kind, its baseline (if any) naming one of `sources`. */
function stepArbitrary(sources: string[]): fc.Arbitrary<StepSpec> {
  const cacheKey = sources.join(',');
  if (!stepArbitraries.has(cacheKey)) {
    const spec = { version: 1, name: 'step', sources: Object.fromEntries(sources.map((name) => [name, { uri: `${name}.csv` }])) };
    const kinds = [...stepKindSchemas.values()].map((kind) =>
      (schemaArbitrary(kind, specOptions(sources)) as fc.Arbitrary<StepSpec>).filter((step) => accepted({ ...spec, steps: [step] })),
    );
    stepArbitraries.set(cacheKey, fc.oneof(...kinds));
  }
  return stepArbitraries.get(cacheKey)!;
}

const stepIdArbitrary = fc.oneof(
  fc.stringMatching(new RegExp(specSchema.properties.steps.items.allOf[0]!.then.properties!.id!.pattern!), { size: 'xsmall' }),
  fc.constantFrom('split', 'true', 'null', 'no', 'y', '_x', 'a-b'),
);

export interface SpecArbitraryOptions {
  /** Most steps in a spec; default 6. */
  maxSteps?: number;
}

/**
 * Specs that parseSpec accepts: sources, steps of every kind (unique ids, column names from a
 * small set, baselines naming a source), outputs taking split parts or a step's data, gates, seed and input.
 */
export function specArbitrary({ maxSteps = 6 }: SpecArbitraryOptions = {}): fc.Arbitrary<Spec> {
  const top = specSchema.properties;
  return fc
    .uniqueArray(fc.constantFrom(...sourceNames), { minLength: 1, maxLength: 2 })
    .chain((names) =>
      fc
        .tuple(...names.map((name) => schemaArbitrary(top.sources!.additionalProperties as JsonSchema, specOptions(names), name)))
        .map((sources) => Object.fromEntries(names.map((name, index) => [name, sources[index]]))),
    )
    .chain((sources) =>
      fc
        .record(
          {
            version: fc.constant(1),
            name: schemaArbitrary(top.name!),
            seed: schemaArbitrary(top.seed!),
            input: fc.constantFrom(...Object.keys(sources)),
            sources: fc.constant(sources),
            columns: rolesArbitrary(top.columns!, specOptions(Object.keys(sources))),
            steps: fc.array(stepArbitrary(Object.keys(sources)), { maxLength: maxSteps }),
            ids: fc.uniqueArray(stepIdArbitrary, { minLength: maxSteps, maxLength: maxSteps }),
            outputs: fc.array(schemaArbitrary(top.outputs!.items!), { maxLength: 3 }),
            gates: schemaArbitrary(top.gates!),
          },
          { requiredKeys: ['version', 'name', 'sources', 'steps', 'ids'] },
        )
        .map(({ ids, steps, outputs, ...spec }) => {
          const named: StepSpec[] = steps.map((step, index) => ({ ...step, id: ids[index]! }));
          const enabled = named.filter((step) => step.enabled !== false);
          const parts = enabled
            .filter((step) => step.transform === 'split')
            .flatMap((step) => Object.keys((step.method === 'time' ? step.cutoffs : step.fractions) as object).map((part) => `${step.id}.${part}`));
          // An output takes a split part, the data right after a step, or (omitted) the final rows.
          const targets = [...parts, ...enabled.map((step) => step.id)];
          const uniqueOutputs = outputs && [...new Map((outputs as Record<string, unknown>[]).map((output) => [output.name, output])).values()];
          const wired = uniqueOutputs?.map((output, index) => {
            const { from: _from, ...rest } = output;
            return targets.length && index % 2 === 0 ? { ...rest, from: targets[(index / 2) % targets.length] } : rest;
          });
          const { gates, ...head } = spec;
          return { ...head, steps: named, ...(wired ? { outputs: wired } : {}), ...(gates ? { gates } : {}) } as unknown as Spec;
        }),
    )
    .filter(accepted);
}

/** How a generated spec is written out as block YAML. */
export interface BlockLayout {
  /** `key:\n  - a` rather than `key:\n- a`. */
  indentSeq: boolean;
  /** 0: never fold long strings; 80: fold them over lines. */
  lineWidth: number;
  /** How strings are quoted where plain would do. */
  stringType: 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE';
  /** Lists of scalars as `[a, b]`. */
  flowLists: boolean;
  /** A comment line at the top of the file. */
  header: boolean;
  /** Per step: a comment line above it, a blank line above it. */
  steps: { comment: boolean; blank: boolean }[];
  /** Per scalar value in a block mapping, in document order: a `# note` after it. */
  trailing: boolean[];
  /** Descriptions as folded block scalars (`description: >`). */
  foldedDescriptions: boolean;
}

/** Block YAML of `spec` (the `yaml` library's own layout) with the comments and spacing of `layout`. */
export function blockYaml(spec: Spec, layout: BlockLayout): string {
  const document = new Document(spec);
  if (layout.header) document.commentBefore = ' A spec written by hand.';
  const steps = document.get('steps', true) as YAMLSeq | undefined;
  steps?.items.forEach((item, index) => {
    const decoration = layout.steps[index];
    if (!decoration || !isMap(item)) return;
    if (decoration.comment) item.commentBefore = ` step ${index + 1}`;
    if (decoration.blank && index > 0) item.spaceBefore = true;
  });
  let scalarIndex = 0;
  visit(document, {
    Seq(_key, node) {
      if (layout.flowLists && node.items.length > 0 && node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Scalar(key, node, path) {
      const pair = path.at(-1);
      const owner = path.at(-2);
      if (key !== 'value' || !isPair(pair) || !isMap(owner) || owner.flow) return;
      if (layout.trailing[scalarIndex++]) node.comment = ' note';
      const folded = layout.foldedDescriptions && isScalar(pair.key) && pair.key.value === 'description' && typeof node.value === 'string';
      if (folded && /^\S(.*\S)?$/.test(node.value as string)) node.type = Scalar.BLOCK_FOLDED;
    },
  });
  return document.toString({ indentSeq: layout.indentSeq, lineWidth: layout.lineWidth, defaultStringType: layout.stringType, defaultKeyType: 'PLAIN' });
}

export function blockLayoutArbitrary(spec: Spec): fc.Arbitrary<BlockLayout> {
  return fc.record({
    indentSeq: fc.boolean(),
    lineWidth: fc.constantFrom(0, 80),
    stringType: fc.constantFrom('PLAIN' as const, 'PLAIN' as const, 'QUOTE_SINGLE' as const, 'QUOTE_DOUBLE' as const),
    flowLists: fc.boolean(),
    header: fc.boolean(),
    steps: fc.array(fc.record({ comment: fc.boolean(), blank: fc.boolean() }), { minLength: spec.steps.length, maxLength: spec.steps.length }),
    trailing: fc.array(fc.boolean(), { maxLength: 60 }),
    foldedDescriptions: fc.boolean(),
  });
}

/** The texts a spec may be found as: the app's `specToYaml`, or block YAML in a varied layout. */
export function specTextArbitrary(spec: Spec): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(specToYaml(spec)),
    blockLayoutArbitrary(spec).map((layout) => blockYaml(spec, layout)),
  );
}

/** A generated spec with a text of it. */
export function writtenSpecArbitrary(options?: SpecArbitraryOptions): fc.Arbitrary<{ spec: Spec; text: string }> {
  return specArbitrary(options).chain((spec) => specTextArbitrary(spec).map((text) => ({ spec, text })));
}
