/**
 * Runs a validated spec's steps on an Engine: reads the input, applies each check and
 * transform in order, keeps the dead letter, checks the gates, and plans the outputs.
 * Engine-agnostic: the runner (native) and the app (wasm) both call this.
 */
import { stepWithRoles } from '../steps/role-defaults';
import type { Engine, Row } from '../engine/engine';
import { WinnowError } from '../errors';
import type { IngestResult, ResolvedSource } from '../ingest/ingest';
import { dropWorkingRelation } from '../ingest/working-table';
import { createRejectsTable, FILE, isInternalColumn, LINE, REJECTS_TABLE, ROW } from '../table/rejects';
import { ident, literal, literalList } from '../sql';
import { checkRoleColumns } from '../spec/check-columns';
import { didYouMean } from '../spec/did-you-mean';
import { SpecErrors } from '../spec/parse';
import { outputFrom, stepsOutputsTake } from '../spec/output-from';
import { checkSqlFragments } from '../spec/sql-fragments';
import type { Spec, StepSpec } from '../spec/types';
import { unitHash } from '../table/hashing';
import { rowAsText } from '../steps/params';
import { checks, transforms, type AnyCheck, type AnyTransform } from '../steps/registry';
import type { Column } from '../table/column';
import type { StepContext } from '../steps/step';
import { splitColumn } from '../steps/transforms/split';
import { isEngineError, stepError } from './engine-errors';
import type { FailingExample, GateResult, RowCounts, StepResult } from './results';

export interface ProgressEvent {
  phase: 'read' | 'step' | 'done';
  /** Steps finished so far, and how many there are. */
  completed: number;
  total: number;
  stepId?: string;
}

export interface ExecuteOptions {
  spec: Spec;
  /** The spec's path, for error messages. */
  specFile: string;
  /** The input source, resolved to files. */
  input: ResolvedSource;
  /** Every source of the spec (the input among them), for steps that read another one. */
  sources?: ResolvedSource[];
  /** Reads a source into a working table named `table` (unquoted; pipelines/ingest). */
  ingest: (engine: Engine, source: ResolvedSource, table: string) => Promise<IngestResult>;
  asOf: Date;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Called once the input and every source a step compares against are read, before any step
   * runs: from here on the engine reads no source file. The runner confines the engine here.
   */
  afterRead?: () => Promise<void>;
  /** Row checks counted per pass over the table; default CHECKS_PER_SCAN. The results do not depend on it. */
  checksPerScan?: number;
}

/** One output's rows, as SQL the runner writes to files (or the app shows). */
export interface OutputPlan {
  name: string;
  format: 'parquet' | 'csv';
  shards: number;
  /** SELECT of the output's data columns in a defined order (input order). */
  select: string;
  /** For shard i of `shards`, the SELECT of its rows. */
  shardSelect(index: number): string;
}

export interface PipelineResult {
  status: 'passed' | 'failed';
  /** Why the run failed, one line each (failed checks and gates). */
  failures: string[];
  input: IngestResult & { source: string };
  steps: StepResult[];
  gates: GateResult[];
  rowCounts: RowCounts;
  rejects: { rows: number; byReason: Record<string, number> };
  /** The rows that reached the end, with Winnow's internal columns. */
  finalTable: string;
  columns: Column[];
  outputs: OutputPlan[];
}

const EXAMPLE_LIMIT = 20;

/**
 * Row checks counted in one pass over the table at most (see countRowChecks). Measured on 40 rows:
 * 1,000 checks in one pass took minutes and gigabytes; in passes of 100 about a second.
 */
export const CHECKS_PER_SCAN = 100;

/** What running one step says, before the executor adds what every step has. */
type StepOutcome = Pick<StepResult, 'success' | 'status' | 'rowsOut'> & Partial<StepResult>;

class Executor {
  private tableCounter = 0;
  private table = '';
  private columns: Column[] = [];
  private internalColumns: string[] = [];
  private rows = 0;
  /** The input's working view while it is the current table, when its rows are numbered by rowid (IngestResult.rowidNumbered). */
  private rowidNumbered: string | null = null;
  /** The data right after each step an output takes (`from: <step id>`): its table is kept, not dropped when a later step replaces it. */
  private readonly afterSteps = new Map<string, DataAt>();
  /** Counts of row-level checks evaluated ahead, in one pass (see countRowChecks). */
  private readonly counted = new Map<string, { elementCount: number; unexpectedCount: number; examples: FailingExample[]; sharedMs: number }>();
  readonly results: StepResult[] = [];
  private readonly checksPerScan: number;

  constructor(
    private readonly engine: Engine,
    private readonly options: ExecuteOptions,
  ) {
    this.checksPerScan = options.checksPerScan ?? CHECKS_PER_SCAN;
  }

  private nextTable(): string {
    return ident(`__winnow_t${++this.tableCounter}`);
  }

  private async count(table: string): Promise<number> {
    const [row] = await this.engine.query(`SELECT count(*) AS n FROM ${table}`);
    return Number(row?.n ?? 0);
  }

  /** Makes `table` the current one, reading its columns and row count. */
  private async adopt(table: string): Promise<void> {
    const previous = this.table;
    this.table = table;
    const described = await this.engine.query(`DESCRIBE ${table}`);
    const all = described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
    this.columns = all.filter((column) => !isInternalColumn(column.name));
    this.internalColumns = all.filter((column) => isInternalColumn(column.name)).map((column) => column.name);
    this.rows = await this.count(table);
    if (previous && previous !== table && !this.isKeptAfterAStep(previous)) await dropWorkingRelation(this.engine, unquoted(previous));
  }

  private context(step: StepSpec): StepContext {
    return {
      engine: this.engine,
      table: this.table,
      columns: this.columns,
      internalColumns: this.internalColumns,
      seed: this.options.spec.seed,
      asOf: this.options.asOf,
      stepId: step.id,
      roles: this.options.spec.columns,
      source: (name) => this.source(step, name),
    };
  }

  private readonly otherSources = new Map<string, Promise<{ table: string; columns: Column[] }>>();

  /** Reads another source once, on first use; its unparseable rows go to the rejects under its name. */
  private source(step: StepSpec, name: string): Promise<{ table: string; columns: Column[] }> {
    let read = this.otherSources.get(name);
    if (!read) {
      const resolved = (this.options.sources ?? [this.options.input]).find((candidate) => candidate.name === name);
      if (!resolved) {
        const known = (this.options.sources ?? [this.options.input]).map((candidate) => candidate.name);
        this.fail(step, 'baseline', `no source named "${name}"${didYouMean(name, known)}`);
      }
      const table = `__winnow_source_${name}`;
      read = this.options.ingest(this.engine, resolved, table).then((result) => ({ table: ident(table), columns: result.schema }));
      this.otherSources.set(name, read);
    }
    return read;
  }

  private fail(step: StepSpec, field: string, message: string): never {
    throw new WinnowError(message, { file: this.options.specFile, stepId: step.id, field }, 'spec');
  }

  /** A step may only read columns that exist at its place in the pipeline. */
  private checkColumns(step: StepSpec, definition: AnyCheck | AnyTransform): void {
    const names = this.columns.map((column) => column.name);
    for (const column of definition.reads(step)) {
      if (!names.includes(column)) {
        this.fail(step, 'column', `no column "${column}" at this step${didYouMean(column, names)} (columns: ${names.join(', ')})`);
      }
    }
  }

  /** Working tables of an earlier run on the same engine are dropped, so runs do not collide. */
  private async dropWorkingTables(): Promise<void> {
    const ours = (column: string) => `starts_with(${column}, '__winnow_t') OR starts_with(${column}, '__winnow_source_')`;
    // Views first: an input read as a view (see createWorkingView) depends on its data table.
    const views = await this.engine.query(`SELECT view_name FROM duckdb_views() WHERE NOT internal AND (${ours('view_name')})`);
    for (const { view_name } of views) await this.engine.run(`DROP VIEW IF EXISTS ${ident(String(view_name))}`);
    const tables = await this.engine.query(`SELECT table_name FROM duckdb_tables() WHERE ${ours('table_name')}`);
    for (const { table_name } of tables) await this.engine.run(`DROP TABLE IF EXISTS ${ident(String(table_name))}`);
  }

  async read(): Promise<IngestResult & { source: string }> {
    await this.dropWorkingTables();
    await createRejectsTable(this.engine);
    const name = `__winnow_t${++this.tableCounter}`;
    const result = await this.options.ingest(this.engine, this.options.input, name);
    await this.adopt(ident(name));
    if (result.rowidNumbered) this.rowidNumbered = ident(name);
    const roleErrors = checkRoleColumns(this.options.spec, this.columns, this.options.specFile);
    if (roleErrors.length) throw new SpecErrors(roleErrors);
    return { ...result, source: this.options.input.name };
  }

  /** Reads now every other source an enabled step names (a drift baseline), so no step reads a file later. */
  async readBaselines(steps: StepSpec[]): Promise<void> {
    for (const step of steps) {
      if (step.enabled !== false && typeof step.baseline === 'string') await this.source(step, step.baseline);
    }
  }

  async runStep(step: StepSpec): Promise<void> {
    const started = Date.now();
    const params = Object.fromEntries(
      Object.entries(step).filter(([key]) => !['id', 'check', 'transform', 'on_fail', 'mostly', 'enabled', 'description'].includes(key)),
    );
    const kind = String(step.check ?? step.transform);
    const base = {
      id: step.id,
      kind,
      type: step.check ? ('check' as const) : ('transform' as const),
      rowsIn: this.rows,
      elementCount: null,
      unexpectedCount: null,
      unexpectedFraction: null,
      rejected: 0,
      dropped: 0,
      observed: {},
      examples: [],
      params,
    };
    if (step.enabled === false) {
      this.results.push({ ...base, success: true, status: 'skipped', rowsOut: this.rows, durationMs: 0 });
      return;
    }
    // A row check counted ahead with others carries its share of that pass (taken before `started`).
    const shared = this.counted.get(step.id)?.sharedMs ?? 0;
    let result: StepOutcome;
    try {
      result = step.check ? await this.runCheck(step, checks.get(kind)!) : await this.runTransform(step, transforms.get(kind)!);
    } catch (error) {
      throw stepError(error, step, this.options.specFile);
    }
    const warnings = step.check ? (checks.get(kind)!.warnings?.(step) ?? []).map((warning) => warning.message) : [];
    this.results.push({ ...base, ...result, ...(warnings.length ? { warnings } : {}), durationMs: Math.round(shared + Date.now() - started) });
  }

  /**
   * Binds `step` over the current table of one NULL row (see nullRow): its SQL runs, so DuckDB
   * binds it against this point's columns and types. A dataset check's own judgement of no rows is not an
   * error of the spec: only what DuckDB says about its SQL is.
   */
  async bindStep(step: StepSpec): Promise<void> {
    const dataset = step.check && step.enabled !== false ? checks.get(step.check) : undefined;
    if (!dataset?.dataset) return this.runStep(step);
    this.checkColumns(step, dataset);
    try {
      await dataset.dataset(step, this.context(step));
    } catch (error) {
      if (isEngineError(error)) throw stepError(error, step, this.options.specFile);
    }
  }

  /**
   * From here on the steps see the current table's columns and types and, instead of its rows, one
   * row whose values are all NULL (its row number is 1): DuckDB then binds each step's SQL and
   * evaluates its constants (a text value cast to a number column's type) without computing
   * anything from the data.
   */
  async nullRow(): Promise<void> {
    const next = this.nextTable();
    await this.engine.run(`CREATE TABLE ${next} AS SELECT * FROM ${this.table} LIMIT 0`);
    await this.engine.run(`INSERT INTO ${next} (${ident(ROW)}) VALUES (1)`);
    await this.adopt(next);
  }

  private async runCheck(step: StepSpec, definition: AnyCheck): Promise<StepOutcome> {
    this.checkColumns(step, definition);
    const ctx = this.context(step);
    const onFail = step.on_fail ?? 'fail';
    if (definition.dataset) {
      const outcome = await definition.dataset(step, ctx);
      // With nothing measured, nothing was found unexpected either.
      const unexpectedCount = outcome.notEvaluated === undefined ? (outcome.unexpectedCount ?? null) : null;
      const elementCount = outcome.elementCount ?? null;
      // A dataset-level check cannot reject rows: on_fail reject fails the run, as its failure does.
      const notEvaluated =
        outcome.notEvaluated === undefined
          ? {}
          : { success: false, status: 'not_evaluated' as const, reason: outcome.notEvaluated, failsRun: onFail !== 'warn' };
      return {
        success: outcome.success,
        status: outcome.success ? 'passed' : onFail === 'warn' ? 'warned' : 'failed',
        ...notEvaluated,
        rowsOut: this.rows,
        observed: outcome.observed,
        unexpectedCount,
        elementCount,
        unexpectedFraction: unexpectedCount !== null && elementCount ? unexpectedCount / elementCount : null,
      };
    }
    const sql = definition.rows!(step, ctx);
    const flagged = `(SELECT *, coalesce((${sql.domain}), FALSE) AS __winnow_in, coalesce((${sql.failing}), FALSE) AS __winnow_fail, (${sql.value}) AS __winnow_value FROM ${this.table})`;
    if (!this.counted.has(step.id)) await this.countRowChecks([step]);
    const { elementCount, unexpectedCount, examples } = this.counted.get(step.id)!;
    this.counted.delete(step.id);
    if (elementCount === 0 && definition.nothingToMeasure) {
      // No row to judge and none to reject: fails the run only under on_fail fail, as a failure would.
      return {
        success: false,
        status: 'not_evaluated',
        rowsOut: this.rows,
        elementCount,
        reason: definition.nothingToMeasure(step),
        failsRun: onFail === 'fail',
      };
    }
    const unexpectedFraction = elementCount === 0 ? 0 : unexpectedCount / elementCount;
    // As Great Expectations: success when the passing share reaches `mostly` (no elements: success).
    const success = 1 - unexpectedFraction >= (step.mostly ?? 1) - 1e-12;
    let rejected = 0;
    if (onFail === 'reject' && unexpectedCount > 0) {
      const field = definition.reads(step).join(', ') || null;
      rejected = await this.reject(step, flagged, '__winnow_in AND __winnow_fail', field, `${definition.name} failed`, ctx);
    }
    const status = !success ? ({ warn: 'warned', reject: 'rejected', fail: 'failed' } as const)[onFail] : rejected > 0 ? 'rejected' : 'passed';
    return {
      success,
      status,
      rowsOut: this.rows,
      elementCount,
      unexpectedCount,
      unexpectedFraction,
      examples,
      rejected,
      ...(sql.observed ? { observed: sql.observed } : {}),
    };
  }

  hasCount(stepId: string): boolean {
    return this.counted.has(stepId);
  }

  /**
   * Counts several row-level checks in one pass over the table (the common case of a run of
   * checks that do not reject rows), so ten checks cost about one scan, not ten. The same pass
   * finds the row numbers of each check's first failing rows, so its examples need no second scan.
   * A check whose failing rows are found by a window (unique) is counted in a pass of its own.
   * A long run of checks takes CHECKS_PER_SCAN of them per pass: one SELECT of thousands of
   * aggregates costs DuckDB far more than its share (400 checks took 4 GB on 40 rows). The
   * conditions go inside each aggregate (count_if, CASE), not in FILTER clauses, whose cost grows
   * with the square of their number.
   */
  async countRowChecks(steps: StepSpec[]): Promise<void> {
    const parts = steps.map((step, index) => {
      const definition = checks.get(String(step.check))!;
      this.checkColumns(step, definition);
      const sql = definition.rows!(step, this.context(step));
      const counted = `__winnow_in_${index}`;
      const failing = `__winnow_in_${index} AND __winnow_fail_${index}`;
      return {
        value: sql.value,
        ownPass: sql.ownPass === true,
        flags: `coalesce((${sql.domain}), FALSE) AS __winnow_in_${index}, coalesce((${sql.failing}), FALSE) AS __winnow_fail_${index}`,
        counts: `CAST(count_if(${counted}) AS BIGINT) AS e${index}, CAST(count_if(${failing}) AS BIGINT) AS u${index},
                 array_to_string(min_by(CASE WHEN ${failing} THEN ${ident(ROW)} END, CASE WHEN ${failing} THEN ${ident(ROW)} END, ${EXAMPLE_LIMIT}), ',') AS x${index}`,
      };
    });
    const pass = async (group: typeof parts): Promise<Row> => {
      const [row = {}] = await this.engine.query(
        `SELECT ${group.map((part) => part.counts).join(', ')} FROM (SELECT ${ident(ROW)}, ${group.map((part) => part.flags).join(', ')} FROM ${this.table})`,
      );
      return row;
    };
    for (let start = 0; start < steps.length; start += this.checksPerScan) {
      const batch = parts.slice(start, start + this.checksPerScan);
      const started = Date.now();
      // The shared pass, then a pass for each check whose window wants one (RowCheckSql.ownPass).
      const shared = batch.filter((part) => !part.ownPass);
      const groups = [...(shared.length ? [shared] : []), ...batch.filter((part) => part.ownPass).map((part) => [part])];
      const row: Row = {};
      for (const group of groups) Object.assign(row, await pass(group));
      const exampleRows = batch.map((_, offset) =>
        String(row[`x${start + offset}`] ?? '')
          .split(',')
          .filter(Boolean)
          .map(Number),
      );
      const examples = await this.examples(
        batch.map((part) => part.value),
        exampleRows,
      );
      // The passes' time, split evenly: the steps' durations then still add up to the run's.
      const sharedMs = (Date.now() - started) / batch.length;
      steps.slice(start, start + batch.length).forEach((step, offset) => {
        const index = start + offset;
        this.counted.set(step.id, {
          elementCount: Number(row[`e${index}`] ?? 0),
          unexpectedCount: Number(row[`u${index}`] ?? 0),
          examples: examples[offset]!,
          sharedMs,
        });
      });
    }
  }

  /**
   * For each check of a pass, its failing rows numbered `rows[i]` (the first few, found failing by
   * countRowChecks), with their values, in one query for the pass. Each check's `values[i]` is
   * computed only for its own rows: a check's failing condition may be a window over the whole
   * table (unique), which would cost a second full pass, and a query per check cost a scan each.
   */
  private async examples(values: string[], rows: number[][]): Promise<FailingExample[][]> {
    const wanted = [...new Set(rows.flat())].sort((a, b) => a - b);
    if (wanted.length === 0) return rows.map(() => []);
    const columns = values.map((value, index) =>
      // list_contains, not IN: DuckDB took seconds to plan a hundred IN lists in one SELECT.
      rows[index]!.length
        ? `CASE WHEN list_contains([${literalList(rows[index]!)}], ${ident(ROW)}) THEN CAST((${value}) AS VARCHAR) END AS ${ident(`v${index}`)}`
        : `NULL AS ${ident(`v${index}`)}`,
    );
    // The IN filter cannot reach into the scan of a working view (its row number is rowid + 1), so
    // the query read every row: 70 ms on 5M rows. There rows 1..last are the first `last` rows the
    // scan meets, and a LIMIT stops it there: 15 ms when the last row wanted is row 40,000. Past a
    // quarter of the rows the whole scan with the filter is cheaper.
    const last = wanted[wanted.length - 1]!;
    const from = this.table === this.rowidNumbered && last <= this.rows / 4 ? `(SELECT * FROM ${this.table} LIMIT ${last})` : this.table;
    const found = await this.engine.query(
      `SELECT ${ident(ROW)} AS "row", ${ident(FILE)} AS file, ${ident(LINE)} AS line, ${columns.join(', ')}
       FROM ${from} WHERE ${ident(ROW)} IN (${literalList(wanted)}) ORDER BY ${ident(ROW)}`,
    );
    return rows.map((own, index) => {
      const mine = new Set(own);
      return found
        .filter((row) => mine.has(Number(row.row)))
        .map((row) => ({
          row: Number(row.row),
          file: row.file === null ? null : String(row.file),
          line: row.line === null ? null : Number(row.line),
          value: row[`v${index}`] ?? null,
        }));
    });
  }

  /** Moves the rows of `flagged` matching `where` to the rejects and makes the rest current. */
  private async reject(step: StepSpec, flagged: string, where: string, field: string | null, reason: string, ctx: StepContext): Promise<number> {
    await this.engine.run(
      `INSERT INTO ${REJECTS_TABLE} SELECT ${literal(this.options.input.name)}, ${ident(FILE)}, ${ident(LINE)}, ${ident(ROW)}, ${literal(step.id)}, ${literal(field)}, ${literal(reason)}, ${rowAsText(ctx)}
       FROM ${flagged} WHERE ${where}`,
    );
    const next = this.nextTable();
    await this.engine.run(`CREATE TABLE ${next} AS SELECT * EXCLUDE (__winnow_in, __winnow_fail, __winnow_value) FROM ${flagged} WHERE NOT (${where})`);
    const before = this.rows;
    await this.adopt(next);
    return before - this.rows;
  }

  private async runTransform(step: StepSpec, definition: AnyTransform): Promise<StepOutcome> {
    this.checkColumns(step, definition);
    const ctx = this.context(step);
    const fitted = definition.fit ? await definition.fit(step, ctx) : {};
    const [clash] = definition.nameClashes?.(step, this.columns, fitted) ?? [];
    if (clash) this.fail(step, clash.field, clash.message);
    const sql = definition.compile(step, ctx, fitted);
    const before = this.rows;
    let rejected = 0;
    const next = this.nextTable();
    if (sql.rejects) {
      const rejectTable = ident(`__winnow_step_rejects`);
      await this.engine.run(`CREATE OR REPLACE TEMP TABLE ${rejectTable} AS ${sql.rejects}`);
      await this.engine.run(
        `INSERT INTO ${REJECTS_TABLE} SELECT ${literal(this.options.input.name)}, t.${ident(FILE)}, t.${ident(LINE)}, t.${ident(ROW)}, ${literal(step.id)}, r.field, r.reason || ': ' || coalesce(r.value, 'NULL'), ${rowAsText(ctx, 't')}
         FROM ${this.table} t JOIN ${rejectTable} r ON t.${ident(ROW)} = r.${ident(ROW)}`,
      );
      rejected = await this.count(rejectTable);
      await this.engine.run(`CREATE TABLE ${next} AS SELECT * FROM (${sql.select}) WHERE ${ident(ROW)} NOT IN (SELECT ${ident(ROW)} FROM ${rejectTable})`);
      await this.engine.run(`DROP TABLE ${rejectTable}`);
    } else {
      await this.engine.run(`CREATE TABLE ${next} AS ${sql.select}`);
    }
    await this.adopt(next);
    const dropped = before - rejected - this.rows;
    if (dropped < 0 || (dropped > 0 && !sql.drops)) {
      throw new WinnowError(
        `transform ${definition.name} turned ${before} rows into ${this.rows} (+${rejected} rejected): rows would be ${dropped < 0 ? 'duplicated' : 'lost'}`,
        { stepId: step.id },
        'internal',
      );
    }
    return {
      success: true,
      status: rejected > 0 ? 'rejected' : 'done',
      rowsOut: this.rows,
      rejected,
      dropped,
      ...(definition.fit ? { fitted } : {}),
      ...(definition.observe ? { observed: await definition.observe(step, this.context(step)) } : {}),
    };
  }

  snapshot(): { table: string; columns: Column[]; rows: number; internalColumns: string[] } {
    return { table: this.table, columns: this.columns, rows: this.rows, internalColumns: this.internalColumns };
  }

  /**
   * Keeps the current table as the data right after `stepId`, for the outputs that take it. Steps
   * make new tables rather than change one, so keeping it costs no copy, only the memory of a table
   * that would otherwise be dropped; the next run's dropWorkingTables drops it with the rest.
   */
  keepAfter(stepId: string): void {
    this.afterSteps.set(stepId, { table: this.table, columns: this.columns });
  }

  private isKeptAfterAStep(table: string): boolean {
    return [...this.afterSteps.values()].some((kept) => kept.table === table);
  }

  dataAfterSteps(): ReadonlyMap<string, DataAt> {
    return this.afterSteps;
  }
}

/** A table and its data columns (Winnow's own columns left out). */
interface DataAt {
  table: string;
  columns: Column[];
}

/**
 * Each output's rows as SQL: from the final table, or its split part's rows of it, or the data kept
 * right after the step it names (see Executor.keepAfter), in row order either way.
 */
function planOutputs(spec: Spec, final: DataAt, afterSteps: ReadonlyMap<string, DataAt>): OutputPlan[] {
  return spec.outputs.map((output, position) => {
    const from = output.from === undefined ? null : outputFrom(output.from);
    const at = from?.part === null ? afterSteps.get(from.stepId) : final;
    if (!at)
      throw new WinnowError(
        `output "${output.name}" takes the data after step "${from!.stepId}", which was not kept`,
        { field: `outputs[${position}].from` },
        'internal',
      );
    const { table, columns } = at;
    const dataColumns = columns.map((column) => ident(column.name)).join(', ');
    const conditions = from && from.part !== null ? [`${ident(splitColumn(from.stepId))} = ${literal(from.part)}`] : [];
    const shards = output.shards ?? 1;
    const where = (extra: string[]) => (extra.length ? ` WHERE ${extra.join(' AND ')}` : '');
    const shardOf = `CAST(floor(${unitHash(columns, spec.seed, `shard:${output.name}`)} * ${shards}) AS INTEGER)`;
    return {
      name: output.name,
      format: output.format ?? 'parquet',
      shards,
      select: `SELECT ${dataColumns} FROM ${table}${where(conditions)} ORDER BY ${ident(ROW)}`,
      shardSelect: (index: number) => `SELECT ${dataColumns} FROM ${table}${where([...conditions, `${shardOf} = ${index}`])} ORDER BY ${ident(ROW)}`,
    };
  });
}

/** The name an ident() quoted. */
function unquoted(quoted: string): string {
  return quoted.startsWith('"') ? quoted.slice(1, -1).replaceAll('""', '"') : quoted;
}

/** A check whose counts can be taken together with its neighbours': row-level, not rejecting rows. */
function countsAhead(step: StepSpec): boolean {
  return step.enabled !== false && Boolean(step.check && checks.get(step.check)?.rows) && step.on_fail !== 'reject';
}

/**
 * Whether running the step leaves the current table as it was: any check but a row check that
 * rejects rows (a dataset-level check under on_fail reject fails the run instead, see runCheck).
 */
function leavesTableAsIs(step: StepSpec): boolean {
  if (!step.check) return false;
  return !(checks.get(step.check)?.rows && step.on_fail === 'reject');
}

/** The input's rejected rows by reason (a step id, or 'read: <error>' for rows that did not parse). */
async function rejectSummary(engine: Engine, source: string): Promise<{ rows: number; byReason: Record<string, number> }> {
  const rows = await engine.query(
    `SELECT CASE WHEN step = 'read' THEN 'read: ' || reason ELSE step END AS reason, count(*) AS n FROM ${REJECTS_TABLE} WHERE source = ${literal(source)} GROUP BY ALL ORDER BY reason`,
  );
  const byReason = Object.fromEntries(rows.map((row) => [String(row.reason), Number(row.n)]));
  return { rows: Object.values(byReason).reduce((sum, n) => sum + n, 0), byReason };
}

/**
 * Each step in order, row checks counted ahead in passes with their neighbours. A pass that
 * fails leaves its checks to be counted one by one, so the error is said at the step it is about.
 */
async function runSteps(executor: Executor, spec: Spec, run: (step: StepSpec) => Promise<void>, onProgress?: (event: ProgressEvent) => void): Promise<void> {
  const total = spec.steps.length;
  const taken = stepsOutputsTake(spec.outputs);
  // The fields a step leaves out that the spec's column roles say (its label, its score), filled in once.
  const steps = spec.steps.map((step) => stepWithRoles(step, spec.columns));
  for (const [index, step] of steps.entries()) {
    onProgress?.({ phase: 'step', completed: index, total, stepId: step.id });
    if (countsAhead(step) && !executor.hasCount(step.id)) {
      const batch: StepSpec[] = [];
      for (const later of steps.slice(index)) {
        if (later.enabled === false) continue;
        if (countsAhead(later)) batch.push(later);
        // A check that is not counted by rows (a mean, a row count) leaves the table as it is: the
        // row checks after it are counted in the same pass. A transform or a rejecting check ends it.
        else if (!leavesTableAsIs(later)) break;
      }
      await executor.countRowChecks(batch).catch((error: unknown) => {
        if (!isEngineError(error)) throw error;
      });
    }
    await run(step);
    if (taken.has(step.id)) executor.keepAfter(step.id);
  }
}

/**
 * Binds a spec without running it (`winnow validate`): reads the input, then runs every step
 * over a table with the input's columns and types and a single row of NULLs (see nullRow), in
 * order, so DuckDB binds each step's SQL against the columns and types that reach it
 * (transforms change them) and nothing is computed from the data. Throws the first problem as one WinnowError naming the file, the step and the field;
 * a spec that binds cannot fail a run with a binder error. Returns the steps it could not bind:
 * those after a one-hot encode, whose columns depend on the data.
 */
export async function bindPipeline(engine: Engine, options: Omit<ExecuteOptions, 'onProgress' | 'afterRead'>): Promise<{ unbound: string[] }> {
  const { spec } = options;
  const fragmentErrors = await checkSqlFragments(engine, spec, options.specFile);
  if (fragmentErrors.length) throw new SpecErrors(fragmentErrors);
  const executor = new Executor(engine, options);
  await executor.read();
  await executor.readBaselines(spec.steps);
  await executor.nullRow();
  const onehot = spec.steps.findIndex((step) => step.enabled !== false && step.transform === 'encode' && step.method === 'onehot');
  const bound = onehot < 0 ? spec : { ...spec, steps: spec.steps.slice(0, onehot + 1) };
  await runSteps(executor, bound, (step) => executor.bindStep(step));
  if (onehot < 0) {
    for (const [index, output] of planOutputs(spec, executor.snapshot(), executor.dataAfterSteps()).entries()) {
      await engine.query(`${output.shards === 1 ? output.select : output.shardSelect(0)} LIMIT 0`).catch((error: unknown) => {
        if (!isEngineError(error)) throw error;
        throw new WinnowError(
          `output "${output.name}" cannot be written: ${(error as Error).message.split('\n')[0]!.replace(/^[A-Za-z ]+Error: /, '')}`,
          { file: options.specFile, field: `outputs[${index}]` },
          'spec',
        );
      });
    }
  }
  return { unbound: spec.steps.slice(bound.steps.length).map((step) => step.id) };
}

/** Runs the spec's steps over its input. Failed checks and gates, and checks not evaluated under on_fail fail, make status 'failed'; errors throw. */
export async function executePipeline(engine: Engine, options: ExecuteOptions): Promise<PipelineResult> {
  const { spec, onProgress } = options;
  const fragmentErrors = await checkSqlFragments(engine, spec, options.specFile);
  if (fragmentErrors.length) throw new SpecErrors(fragmentErrors);
  const executor = new Executor(engine, options);
  const total = spec.steps.length;
  onProgress?.({ phase: 'read', completed: 0, total });
  const input = await executor.read();
  await executor.readBaselines(spec.steps);
  await options.afterRead?.();
  await runSteps(executor, spec, (step) => executor.runStep(step), onProgress);
  onProgress?.({ phase: 'done', completed: total, total });

  const { table, columns, rows: kept } = executor.snapshot();
  const rejects = await rejectSummary(engine, input.source);
  const dropped = executor.results.reduce((sum, step) => sum + step.dropped, 0);
  const rowCounts: RowCounts = { read: input.read, kept, rejected: rejects.rows, dropped };
  if (rowCounts.read !== rowCounts.kept + rowCounts.rejected + rowCounts.dropped) {
    throw new WinnowError(`rows do not add up: read ${rowCounts.read} != kept ${kept} + rejected ${rejects.rows} + dropped ${dropped}`, {}, 'internal');
  }

  const gates: GateResult[] = [];
  if (spec.gates?.max_reject_fraction !== undefined) {
    const observed = rowCounts.read === 0 ? 0 : rowCounts.rejected / rowCounts.read;
    gates.push({ gate: 'max_reject_fraction', limit: spec.gates.max_reject_fraction, observed, passed: observed <= spec.gates.max_reject_fraction });
  }
  if (spec.gates?.min_rows !== undefined) {
    gates.push({ gate: 'min_rows', limit: spec.gates.min_rows, observed: kept, passed: kept >= spec.gates.min_rows });
  }

  const failures = [
    ...executor.results.flatMap((step) =>
      step.status === 'failed'
        ? [`step "${step.id}" (${step.kind}) failed`]
        : step.failsRun
          ? [`step "${step.id}" (${step.kind}) not evaluated: ${step.reason}`]
          : [],
    ),
    ...gates.filter((gate) => !gate.passed).map((gate) => `gate ${gate.gate} failed: observed ${gate.observed}, limit ${gate.limit}`),
  ];
  return {
    status: failures.length ? 'failed' : 'passed',
    failures,
    input,
    steps: executor.results,
    gates,
    rowCounts,
    rejects,
    finalTable: table,
    columns,
    outputs: planOutputs(spec, { table, columns }, executor.dataAfterSteps()),
  };
}
