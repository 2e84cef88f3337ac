/**
 * The spec's JSON Schema, built from the step registry so each step kind's parameters are
 * described once. `winnow schema --write` saves it as pipelines/spec/winnow-spec.schema.json
 * for editors (YAML language servers autocomplete from it); a test keeps that file current.
 */
import { checks, transforms } from '../steps/registry';
import type { ParamsSchema } from '../steps/step';

export const SCHEMA_ID = 'https://winnow.dev/schema/winnow-spec-v1.json';

/** A plain file name: no folder, no leading dot (spec and output names become file and folder names). */
export const FILE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';

/** The largest seed: seeds are integers in [0, 2^53), which a JSON number holds exactly. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/**
 * The most steps a spec may have. Row checks are counted 100 to a pass over the data, so a run's
 * time grows with its steps: 1,000 checks on 1M rows take about half a minute on two cores
 * (`npm run bench`). Beyond this a spec is refused when it is read (parseSpec), by `validate` and
 * `run` alike; in code rather than in the schema, whose keywords the tests' spec generators read.
 */
export const MAX_STEPS = 2_000;

/**
 * The longest spec or output name: each becomes a file or folder name (an output's shards add
 * `-00000-of-00004.parquet`), and file systems refuse names over 255 bytes.
 */
export const MAX_NAME_LENGTH = 200;

const sourceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uri'],
  properties: {
    uri: { type: 'string', minLength: 1, description: 'A file, folder, glob, http(s):// URL or s3:// URI (key, prefix/ or glob); relative to the spec file.' },
    format: { enum: ['csv', 'tsv', 'json', 'ndjson', 'parquet', 'arrow'] },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        delimiter: { type: 'string', minLength: 1 },
        header: { type: 'boolean' },
        quote: { type: 'string' },
        escape: { type: 'string' },
        null_values: { type: 'array', items: { type: 'string' } },
        types: { type: 'object', additionalProperties: { type: 'string' } },
        all_varchar: { type: 'boolean' },
        sample_size: { type: 'integer', minimum: -1 },
        dateformat: { type: 'string' },
        timestampformat: { type: 'string' },
        hive_partitioning: { type: 'boolean' },
      },
    },
    s3: {
      type: 'object',
      additionalProperties: false,
      description: 'How to reach an s3:// source; credentials always come from the AWS chain on the host, never from the spec.',
      properties: {
        endpoint: { type: 'string', minLength: 1, description: 'An S3-compatible endpoint, e.g. http://127.0.0.1:9000 (path-style for IPs and localhost).' },
        region: { type: 'string', minLength: 1 },
        anonymous: { type: 'boolean', description: 'Unsigned requests, for public buckets.' },
        profile: { type: 'string', minLength: 1, description: 'A profile of the shared AWS config files.' },
      },
    },
  },
};

const outputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: {
      type: 'string',
      pattern: FILE_NAME_PATTERN,
      description: `Also the output file name: a plain file name of at most ${MAX_NAME_LENGTH} characters, not rejects, manifest, report or snapshot.`,
    },
    from: {
      type: 'string',
      description:
        'Which rows and columns: a step id for the data right after that step (e.g. dedupe), or <split step id>.<part> for that part of the final rows (e.g. split.train). Default: the final rows.',
    },
    format: { enum: ['parquet', 'csv'] },
    shards: { type: 'integer', minimum: 1, maximum: 10000 },
  },
};

const gatesSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    max_reject_fraction: { type: 'number', minimum: 0, maximum: 1 },
    min_rows: { type: 'integer', minimum: 0 },
  },
};

const columnName = { type: 'string', minLength: 1 };
const columnNames = { type: 'array', items: columnName, uniqueItems: true };

/**
 * The spec's `columns` block: what each input column is (see ColumnRoles in types.ts). The rules
 * between roles (a column has one role) are checked in code (column-roles.ts).
 */
export const columnRolesSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'What each input column is, said once for every check and view: id, timestamp, label, prediction, score, annotator, item, text, features, ignore.',
  properties: {
    id: { anyOf: [columnName, { ...columnNames, minItems: 1 }], description: 'The row identifier: a column or a list of columns. Never tested for drift.' },
    timestamp: { ...columnName, description: 'When the row happened. Never tested for drift.' },
    label: { ...columnName, description: 'The ground truth (target).' },
    prediction: { ...columnName, description: "A model's predicted class." },
    score: {
      description: 'A score column and the class it is the probability of ({ column: p, positive: 1 }), or one column per class ({ cat: p_cat, dog: p_dog }).',
      anyOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['column', 'positive'],
          properties: {
            column: columnName,
            positive: { type: ['string', 'number', 'boolean'], description: 'The class the score is the probability of, as the label column writes it.' },
          },
        },
        { type: 'object', additionalProperties: columnName, minProperties: 1 },
      ],
    },
    annotator: { ...columnName, description: 'Who labelled the row, for agreement.' },
    item: { ...columnName, description: 'Which item the row labels, for agreement.' },
    text: { ...columnName, description: 'Free text, for near-duplicates.' },
    features: { ...columnNames, description: "The model's inputs. Default: every column without another role." },
    ignore: { ...columnNames, description: 'Columns no statistic looks at (never tested for drift).' },
  },
};

/** Keys every step may have besides its parameters. */
export const commonStepProperties = {
  id: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$', description: 'Unique within the spec.' },
  description: { type: 'string' },
  enabled: { type: 'boolean' },
};

export const checkOnlyProperties = {
  on_fail: { enum: ['warn', 'reject', 'fail'], description: 'warn: record; reject: failing rows go to the rejects; fail: the run fails. Default fail.' },
  mostly: { type: 'number', minimum: 0, maximum: 1, description: 'Minimum share of (non-null) values that must pass. Default 1.' },
};

/** The JSON Schema of one step kind's parameters, with the keys every step has. */
export function stepKindSchema(kindKey: 'check' | 'transform', name: string, params: ParamsSchema, rowLevel: boolean): object {
  const own = kindKey === 'check' ? (rowLevel ? checkOnlyProperties : { on_fail: checkOnlyProperties.on_fail }) : {};
  return {
    type: 'object',
    additionalProperties: false,
    required: ['id', kindKey, ...(params.required ?? [])],
    properties: { ...commonStepProperties, [kindKey]: { const: name }, ...own, ...params.properties },
    ...params.extra,
  };
}

export function buildSpecSchema(): object {
  const kinds = [
    ...[...checks.values()].map((check) => ({
      if: { required: ['check'], properties: { check: { const: check.name } } },
      then: stepKindSchema('check', check.name, check.params, Boolean(check.rows)),
    })),
    ...[...transforms.values()].map((transform) => ({
      if: { required: ['transform'], properties: { transform: { const: transform.name } } },
      then: stepKindSchema('transform', transform.name, transform.params, false),
    })),
  ];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'Winnow pipeline spec, version 1',
    type: 'object',
    additionalProperties: false,
    required: ['version', 'name', 'sources', 'steps'],
    properties: {
      version: { const: 1 },
      name: {
        type: 'string',
        pattern: FILE_NAME_PATTERN,
        description: `Also the default output folder (out/<name>): a plain file name of at most ${MAX_NAME_LENGTH} characters.`,
      },
      seed: { type: 'integer', minimum: 0, maximum: MAX_SEED, description: 'Drives sampling, splits and shards: an integer from 0 to 2^53 - 1. Default 0.' },
      input: { type: 'string', description: 'The source the steps run over; default: the first source.' },
      sources: { type: 'object', minProperties: 1, additionalProperties: sourceSchema },
      columns: columnRolesSchema,
      steps: {
        type: 'array',
        description: `The checks and transforms, in order: at most ${MAX_STEPS}.`,
        items: {
          type: 'object',
          required: ['id'],
          properties: {
            check: { enum: [...checks.keys()] },
            transform: { enum: [...transforms.keys()] },
          },
          oneOf: [{ required: ['check'] }, { required: ['transform'] }],
          allOf: kinds,
        },
      },
      outputs: { type: 'array', items: outputSchema },
      gates: gatesSchema,
    },
  };
}

/** The top level with steps left open, for the first pass of validation (steps get their own). */
export function topLevelSchema(): object {
  const schema = buildSpecSchema() as { properties: Record<string, object> };
  return { ...schema, $id: undefined, properties: { ...schema.properties, steps: { type: 'array', items: { type: 'object' } } } };
}
