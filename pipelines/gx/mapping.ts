/**
 * Great Expectations suites and Winnow specs, both ways. A GX expectation suite (1.x JSON, and
 * 0.x where it is a simple rename) becomes a spec whose steps are the checks Winnow has for its
 * expectations, with `mostly` and bounds carried over and each expectation's notes and meta kept
 * as a comment; a spec's checks that GX has become a suite. What cannot be carried over is
 * listed, each with its reason. docs/gx.md has the table.
 *
 * Isomorphic: the CLI (`winnow import gx`, `winnow export gx`) and the app use it.
 */
import { Document, isMap, isSeq, type YAMLMap } from 'yaml';
import { WinnowError } from '../errors';
import type { Spec, StepSpec } from '../spec/types';

/** One expectation as it appears in a suite, whichever GX version wrote it. */
export interface GxExpectation {
  type: string;
  kwargs: Record<string, unknown>;
  meta?: Record<string, unknown>;
  notes?: string | string[] | null;
  description?: string | null;
}

export interface GxSuite {
  name: string;
  expectations: GxExpectation[];
  meta?: Record<string, unknown>;
  notes?: string | string[] | null;
}

/** An expectation or a check that did not carry over, and why. */
export interface Unmapped {
  /** The expectation type (import) or the step id and kind (export). */
  name: string;
  reason: string;
}

/** A mapping between one GX expectation type and Winnow checks. */
interface Rule {
  expectation: string;
  check: string;
  /** Whether GX's `mostly` applies (a column map expectation) and Winnow's check takes it. */
  mostly: boolean;
  /** GX kwargs -> Winnow params (one step each); a string is a reason it cannot be carried over. */
  toSteps(kwargs: Record<string, unknown>): Record<string, unknown>[] | string;
  /** Winnow params -> GX kwargs; a string is a reason. */
  toKwargs(step: StepSpec): Record<string, unknown> | string;
}

const defined = (entries: [string, unknown][]) => Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== null));

/** min_value/max_value/strict_min/strict_max, which GX's range expectations share. */
function range(kwargs: Record<string, unknown>, { strict = true } = {}): Record<string, unknown> {
  return defined([
    ['min', kwargs.min_value],
    ['max', kwargs.max_value],
    ...(strict
      ? ([
          ['strict_min', kwargs.strict_min || undefined],
          ['strict_max', kwargs.strict_max || undefined],
        ] as [string, unknown][])
      : []),
  ]);
}

function kwargsRange(step: StepSpec): Record<string, unknown> {
  return defined([
    ['min_value', step.min],
    ['max_value', step.max],
    ['strict_min', step.strict_min],
    ['strict_max', step.strict_max],
  ]);
}

/**
 * GX refuses expect_column_values_to_be_between with neither bound, and so does Winnow's between;
 * its aggregate range expectations (mean, row count, ...) hold for any value then, and so do Winnow's.
 */
const noValueBounds = (params: Record<string, unknown>) =>
  params.min === undefined && params.max === undefined
    ? 'no min_value or max_value: GX refuses this expectation ("min_value and max_value cannot both be None"), and so does Winnow'
    : null;

const column = (kwargs: Record<string, unknown>) => (typeof kwargs.column === 'string' ? kwargs.column : undefined);

/** A column's range expectation as one step. */
function columnRange(kwargs: Record<string, unknown>): Record<string, unknown>[] {
  return [{ column: column(kwargs), ...range(kwargs) }];
}

const rules: Rule[] = [
  {
    expectation: 'expect_column_values_to_not_be_null',
    check: 'not_null',
    mostly: true,
    toSteps: (kwargs) => [{ column: column(kwargs) }],
    toKwargs: (step) => ({ column: step.column }),
  },
  {
    expectation: 'expect_column_values_to_be_between',
    check: 'between',
    mostly: true,
    toSteps: (kwargs) => {
      const [params] = columnRange(kwargs);
      return noValueBounds(params!) ?? [params!];
    },
    toKwargs: (step) => ({ column: step.column, ...kwargsRange(step) }),
  },
  {
    expectation: 'expect_column_values_to_be_in_set',
    check: 'in_set',
    mostly: true,
    toSteps: (kwargs) =>
      Array.isArray(kwargs.value_set)
        ? [{ column: column(kwargs), values: kwargs.value_set }]
        : 'value_set is not a list (suite parameters are not carried over)',
    toKwargs: (step) => ({ column: step.column, value_set: step.values }),
  },
  {
    expectation: 'expect_column_values_to_match_regex',
    check: 'regex',
    mostly: true,
    toSteps: (kwargs) => (typeof kwargs.regex === 'string' ? [{ column: column(kwargs), pattern: kwargs.regex }] : 'regex is not a string'),
    toKwargs: (step) => ({ column: step.column, regex: step.pattern }),
  },
  {
    expectation: 'expect_column_values_to_be_unique',
    check: 'unique',
    mostly: true,
    toSteps: (kwargs) => [{ column: column(kwargs) }],
    toKwargs: (step) =>
      typeof step.column === 'string'
        ? { column: step.column }
        : typeof step.columns === 'string'
          ? { column: step.columns }
          : 'several columns: see expect_compound_columns_to_be_unique',
  },
  {
    expectation: 'expect_compound_columns_to_be_unique',
    check: 'unique',
    mostly: true,
    toSteps: (kwargs) => (Array.isArray(kwargs.column_list) ? [{ columns: kwargs.column_list }] : 'column_list is not a list'),
    toKwargs: (step) => (Array.isArray(step.columns) ? { column_list: step.columns } : 'one column: see expect_column_values_to_be_unique'),
  },
  {
    expectation: 'expect_column_mean_to_be_between',
    check: 'mean_between',
    mostly: false,
    toSteps: columnRange,
    toKwargs: (step) => ({ column: step.column, ...kwargsRange(step) }),
  },
  {
    expectation: 'expect_table_row_count_to_be_between',
    check: 'row_count_between',
    mostly: false,
    toSteps: (kwargs) => [range(kwargs, { strict: false })],
    toKwargs: (step) =>
      defined([
        ['min_value', step.min],
        ['max_value', step.max],
      ]),
  },
  {
    expectation: 'expect_table_row_count_to_equal',
    check: 'row_count_between',
    mostly: false,
    toSteps: (kwargs) => (typeof kwargs.value === 'number' ? [{ min: kwargs.value, max: kwargs.value }] : 'value is not a number'),
    toKwargs: (step) =>
      step.min !== undefined && step.min === step.max ? { value: step.min } : 'min and max differ: see expect_table_row_count_to_be_between',
  },
  {
    expectation: 'expect_column_proportion_of_unique_values_to_be_between',
    check: 'unique_proportion_between',
    mostly: false,
    toSteps: columnRange,
    toKwargs: (step) => ({ column: step.column, ...kwargsRange(step) }),
  },
  {
    expectation: 'expect_column_to_exist',
    check: 'column_exists',
    mostly: false,
    toSteps: (kwargs) => [
      defined([
        ['column', column(kwargs)],
        ['index', kwargs.column_index],
      ]),
    ],
    toKwargs: (step) =>
      defined([
        ['column', step.column],
        ['column_index', step.index],
      ]),
  },
  {
    expectation: 'expect_column_values_to_be_of_type',
    check: 'of_type',
    mostly: true,
    toSteps: (kwargs) => (typeof kwargs.type_ === 'string' ? [{ column: column(kwargs), type: kwargs.type_ }] : 'type_ is not a string'),
    toKwargs: (step) => ({ column: step.column, type_: step.type }),
  },
  {
    expectation: 'expect_column_quantile_values_to_be_between',
    check: 'quantile_between',
    mostly: false,
    toSteps: (kwargs) => {
      const ranges = kwargs.quantile_ranges as { quantiles?: unknown; value_ranges?: unknown } | undefined;
      if (!ranges || !Array.isArray(ranges.quantiles) || !Array.isArray(ranges.value_ranges) || ranges.quantiles.length !== ranges.value_ranges.length)
        return 'quantile_ranges needs as many value_ranges as quantiles';
      return ranges.quantiles.map((quantile, index) => {
        const [min, max] = (ranges.value_ranges as unknown[][])[index] ?? [];
        return defined([
          ['column', column(kwargs)],
          ['quantile', quantile],
          ['min', min],
          ['max', max],
        ]);
      });
    },
    toKwargs: (step) => ({ column: step.column, quantile_ranges: { quantiles: [step.quantile], value_ranges: [[step.min ?? null, step.max ?? null]] } }),
  },
];

const byExpectation = new Map(rules.map((rule) => [rule.expectation, rule]));

/** GX's expectation types that have a Winnow check, with the check: the table docs/gx.md shows. */
export const gxMappingTable: readonly { expectation: string; check: string; mostly: boolean }[] = rules.map(({ expectation, check, mostly }) => ({
  expectation,
  check,
  mostly,
}));

/** Reads a suite's JSON text (GX 1.x; 0.x's `expectation_suite_name` and `expectation_type` too). */
export function parseGxSuite(text: string, file: string): GxSuite {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WinnowError(`not a GX expectation suite: not JSON (${(error as Error).message.split('\n')[0]})`, { file }, 'input');
  }
  const suite = data as Record<string, unknown>;
  if (!suite || typeof suite !== 'object' || Array.isArray(suite) || !Array.isArray(suite.expectations)) {
    throw new WinnowError('not a GX expectation suite: expected an object with an "expectations" list', { file }, 'input');
  }
  const expectations = (suite.expectations as unknown[]).map((raw, index) => {
    const entry = raw as Record<string, unknown>;
    const type = entry?.type ?? entry?.expectation_type;
    if (typeof type !== 'string' || !entry.kwargs || typeof entry.kwargs !== 'object') {
      throw new WinnowError(
        `not a GX expectation suite: expectation ${index + 1} has no "type" and "kwargs"`,
        { file, field: `expectations[${index}]` },
        'input',
      );
    }
    return {
      type,
      kwargs: entry.kwargs as Record<string, unknown>,
      meta: entry.meta as Record<string, unknown> | undefined,
      notes: entry.notes as string | string[] | undefined,
      description: entry.description as string | undefined,
    };
  });
  const name = typeof suite.name === 'string' ? suite.name : typeof suite.expectation_suite_name === 'string' ? suite.expectation_suite_name : 'imported';
  return { name, expectations, meta: suite.meta as Record<string, unknown> | undefined, notes: suite.notes as string | string[] | undefined };
}

function idFor(check: string, column: unknown, taken: Set<string>): string {
  const base = `${check}${typeof column === 'string' ? `_${column}` : ''}`.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z_]+/, 'c_');
  let id = base;
  for (let index = 2; taken.has(id); index++) id = `${base}_${index}`;
  taken.add(id);
  return id;
}

/** The comment a step carries from its expectation: its notes, description and meta. */
function commentOf(expectation: GxExpectation): string | undefined {
  const notes = Array.isArray(expectation.notes) ? expectation.notes.join(' ') : expectation.notes;
  const lines = [
    `GX: ${expectation.type}`,
    ...(expectation.description ? [expectation.description] : []),
    ...(notes ? [notes] : []),
    ...(expectation.meta && Object.keys(expectation.meta).length ? [`meta: ${JSON.stringify(expectation.meta)}`] : []),
  ];
  return lines.map((line) => ` ${line.replace(/\s*\n\s*/g, ' ')}`).join('\n');
}

export interface ImportedSpec {
  spec: Spec;
  /** The spec as YAML, each step with its expectation's notes and meta as a comment. */
  yaml: string;
  unmapped: Unmapped[];
}

/** A Winnow spec from a GX suite; `source` is the data's URI (the suite does not say). */
export function importGxSuite(
  suite: GxSuite,
  { source = 'data.csv', onFail = 'fail' }: { source?: string; onFail?: 'warn' | 'reject' | 'fail' } = {},
): ImportedSpec {
  const taken = new Set<string>();
  const steps: { step: StepSpec; comment?: string }[] = [];
  const unmapped: Unmapped[] = [];
  for (const expectation of suite.expectations) {
    const rule = byExpectation.get(expectation.type);
    if (!rule) {
      unmapped.push({ name: expectation.type, reason: 'Winnow has no check for it' });
      continue;
    }
    const made = rule.toSteps(expectation.kwargs);
    if (typeof made === 'string') {
      unmapped.push({ name: expectation.type, reason: made });
      continue;
    }
    const mostly = expectation.kwargs.mostly;
    if (typeof mostly === 'number' && mostly < 1 && !rule.mostly) {
      unmapped.push({ name: expectation.type, reason: `mostly ${mostly} does not apply to ${rule.check}` });
      continue;
    }
    for (const params of made) {
      const step: StepSpec = {
        id: idFor(rule.check, params.column ?? (Array.isArray(params.columns) ? params.columns.join('_') : undefined), taken),
        check: rule.check,
        ...params,
      };
      if (rule.mostly && typeof mostly === 'number' && mostly < 1) step.mostly = mostly;
      if (onFail !== 'fail') step.on_fail = onFail;
      steps.push({ step, comment: commentOf(expectation) });
    }
  }
  const spec: Spec = {
    version: 1,
    name: suite.name.replace(/\s+/g, '_') || 'imported',
    seed: 0,
    sources: { data: { uri: source } },
    steps: steps.map((entry) => entry.step),
    outputs: [],
  };
  const document = new Document(spec);
  const stepNodes = document.get('steps', true);
  if (isSeq(stepNodes)) {
    stepNodes.items.forEach((node, index) => {
      if (isMap(node)) (node as YAMLMap).commentBefore = steps[index]!.comment;
    });
  }
  const header = [` Imported from the Great Expectations suite "${suite.name}" by \`winnow import gx\`.`, ' Review each step; the mapping is in docs/gx.md.'];
  if (unmapped.length) header.push(' Not carried over:', ...unmapped.map((entry) => `   ${entry.name}: ${entry.reason}`));
  document.commentBefore = header.join('\n');
  return { spec, yaml: document.toString({ lineWidth: 0 }), unmapped };
}

export interface ExportedSuite {
  suite: { name: string; expectations: { type: string; kwargs: Record<string, unknown>; meta: Record<string, unknown> }[]; meta: Record<string, unknown> };
  unmapped: Unmapped[];
}

/** A GX 1.x suite from a spec's checks; transforms and checks GX does not have are listed. */
export function exportGxSuite(spec: Pick<Spec, 'name' | 'steps'>): ExportedSuite {
  const expectations: ExportedSuite['suite']['expectations'] = [];
  const unmapped: Unmapped[] = [];
  for (const step of spec.steps) {
    if (step.enabled === false) continue;
    if (!step.check) {
      unmapped.push({ name: `${step.id} (transform ${step.transform})`, reason: 'GX suites hold expectations, not transforms' });
      continue;
    }
    const candidates = rules.filter((rule) => rule.check === step.check);
    const kwargs = candidates.map((rule) => ({ rule, kwargs: rule.toKwargs(step) })).find((candidate) => typeof candidate.kwargs !== 'string');
    if (!kwargs || typeof kwargs.kwargs === 'string') {
      const reasons = candidates.map((rule) => rule.toKwargs(step)).filter((reason): reason is string => typeof reason === 'string');
      unmapped.push({ name: `${step.id} (${step.check})`, reason: reasons[0] ?? 'GX has no expectation for it' });
      continue;
    }
    const own = defined(Object.entries(kwargs.kwargs));
    if (kwargs.rule.mostly && typeof step.mostly === 'number') own.mostly = step.mostly;
    expectations.push({
      type: kwargs.rule.expectation,
      kwargs: own,
      meta: defined([
        ['winnow_step', step.id],
        ['notes', step.description],
        ['on_fail', step.on_fail],
      ]),
    });
  }
  return { suite: { name: spec.name, expectations, meta: { exported_by: 'winnow export gx' } }, unmapped };
}
