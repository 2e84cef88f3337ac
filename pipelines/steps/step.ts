/**
 * What a step kind is. Each check and transform is one file under steps/checks or
 * steps/transforms that exports one definition: its parameters (as JSON Schema, which
 * also feeds the spec's schema), the columns it reads, its SQL and how its result reads.
 * Adding a step kind means adding a file and listing it in steps/registry.ts.
 */
import type { Engine } from '../engine/engine';
import type { Column } from '../table/column';
import type { SqlFragmentKind } from '../engine/sql-fragment';
import type { ColumnRoles } from '../spec/types';

/** JSON Schema for a step's parameters (the keys besides id, check/transform, on_fail, mostly). */
export interface ParamsSchema {
  properties: Record<string, object>;
  required?: string[];
  /** Extra JSON Schema keywords for the step object (oneOf, dependentRequired, ...). */
  extra?: object;
}

export interface StepContext {
  engine: Engine;
  /** The relation holding the rows that reach this step (already quoted). */
  table: string;
  /** The data columns at this point (Winnow's own __winnow_* columns are not listed). */
  columns: Column[];
  /** Winnow's own bookkeeping columns present in `table`, which transforms must carry through. */
  internalColumns: string[];
  seed: number;
  /** The run's reference time (`--as-of`), for freshness. */
  asOf: Date;
  stepId: string;
  /** The spec's column roles, when it declares them: ids, timestamps and ignored columns are never tested for drift. */
  roles?: ColumnRoles;
  /**
   * Another source of the spec (a drift baseline, say), read on first use into a table with
   * the same __winnow_* bookkeeping columns. Throws a spec error for an unknown name.
   */
  source(name: string): Promise<{ table: string; columns: Column[] }>;
}

/**
 * A step's parameters that are SQL text, and what each must be: one expression, or one SELECT
 * over `input`. DuckDB's parser checks them before anything runs (engine/sql-fragment.ts), and
 * the step writes them into its SQL only through embedFragment, in the form that was checked.
 *
 * @example
 * sqlFields: { where: 'expression' }
 */
export type SqlFields = Record<string, SqlFragmentKind>;

/** A problem with a step's parameters that JSON Schema cannot express. */
export interface ParamProblem {
  field: string;
  message: string;
}

/** A row-level check as SQL over the context's table. */
export interface RowCheckSql {
  /** Rows the check counts (its denominator). Value checks: the column is not null. */
  domain: string;
  /** True for a row of the domain that does not meet the expectation. May use window functions. */
  failing: string;
  /**
   * `failing` is a window over the table: the check is counted in a pass of its own, so the
   * window's sort carries only the row number and the check's columns, not every other check's.
   */
  ownPass?: boolean;
  /** The value shown in failing examples. */
  value: string;
  /** What the check decided from the parameters and the column's type, for the step's `observed` (in_set: the type it compares in). */
  observed?: Record<string, unknown>;
}

/** A dataset-level check's verdict. */
export interface DatasetCheckOutcome {
  success: boolean;
  /** What was measured, e.g. { mean: 4.2 } or { missing: ['a'] }. */
  observed: Record<string, unknown>;
  /** Rows that do not meet it, where that notion applies (for example duplicates). */
  unexpectedCount?: number;
  /** Rows counted, where that notion applies. */
  elementCount?: number;
  /**
   * Set when there was nothing to measure (no comparable column, no judged slice, ...): why, one
   * line. The step then ends `not_evaluated`, neither passed nor failed, whatever `success` says.
   */
  notEvaluated?: string;
}

export interface CheckDefinition<P = Record<string, unknown>> {
  kind: 'check';
  /** The name used in specs: `check: not_null`. */
  name: string;
  /** One line for people: shown in `winnow --help` and the app's step picker. */
  summary: string;
  params: ParamsSchema;
  /** Columns the check reads (validated against the schema before a run). */
  reads(params: P): string[];
  /** Parameters that are SQL text; see SqlFields. */
  sqlFields?: SqlFields;
  /** Rules JSON Schema cannot say; each problem names its field. */
  validate?(params: P): ParamProblem[];
  /**
   * The fields the step may leave out because the spec's `columns` roles say them (a label, a
   * score and its positive class). Only the fields the step omits are taken: see stepWithRoles.
   */
  fromRoles?(params: P, roles: ColumnRoles): Partial<P>;
  /**
   * What the parameters make of the check that a person should hear but that does not stop it
   * running, each naming its field: a range with no bounds holds for any value, an empty set for
   * none (Great Expectations' meaning). `winnow validate` prints them; the step's result keeps them.
   */
  warnings?(params: P): ParamProblem[];
  /**
   * A row-level check whose claim is about the dataset (no label conflicts, no outliers, no
   * near-duplicates): why it measured nothing when no row is in its domain. The step then ends
   * `not_evaluated`. Value checks leave it unset: on no rows they hold, as in Great Expectations.
   */
  nothingToMeasure?(params: P): string;
  /** Row-level checks: which rows fail. `mostly` and `on_fail: reject` apply. */
  rows?(params: P, ctx: StepContext): RowCheckSql;
  /** Dataset-level checks: a verdict on the whole table. */
  dataset?(params: P, ctx: StepContext): Promise<DatasetCheckOutcome>;
}

/** What a transform does, as SQL over the context's table. */
export interface TransformSql {
  /** A full SELECT over ctx.table giving the step's output rows, with every internal column kept. */
  select: string;
  /**
   * Rows that cannot be transformed (for example values that do not cast): a SELECT over
   * ctx.table returning `__winnow_row` and `value` (VARCHAR) of each, plus `field`
   * (which column). They go to the rejects, and are left out of `select`'s result.
   */
  rejects?: string;
  /** Whether rows missing from the output were removed on purpose (filter, dedupe, sample). */
  drops?: boolean;
}

export interface TransformDefinition<P = Record<string, unknown>> {
  kind: 'transform';
  name: string;
  summary: string;
  params: ParamsSchema;
  reads(params: P): string[];
  /** Parameters that are SQL text; see SqlFields. */
  sqlFields?: SqlFields;
  /** Rules JSON Schema cannot say; each problem names its field. */
  validate?(params: P): ParamProblem[];
  /** What a person should hear about the parameters that does not stop the step (`winnow validate` prints it). */
  warnings?(params: P): ParamProblem[];
  /** The data columns after this step, for checking later steps without running. */
  columnsAfter(params: P, columns: Column[]): Column[];
  /**
   * Columns the step would create whose names clash with the other columns (DuckDB compares names
   * ignoring case: see sameColumnName), each naming its field and both columns. Checked after `fit`,
   * before the step runs, at `winnow validate` and at run time.
   */
  nameClashes?(params: P, columns: Column[], fitted: Record<string, unknown>): ParamProblem[];
  /** Parameters learnt from the data (normalize, encode, fill_null); they go to the manifest. */
  fit?(params: P, ctx: StepContext): Promise<Record<string, unknown>>;
  compile(params: P, ctx: StepContext, fitted: Record<string, unknown>): TransformSql;
  /** What the transform's result looks like, for the step's `observed` (a split's part sizes); `ctx.table` holds its output. */
  observe?(params: P, ctx: StepContext): Promise<Record<string, unknown>>;
}

export type StepDefinition = CheckDefinition<never> | TransformDefinition<never>;
