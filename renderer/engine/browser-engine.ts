/**
 * The renderer's engine: duckdb-wasm (the `eh` bundle; the threaded `coi` bundle crashed on
 * large queries when measured on these machines) running in its own Web Worker, so no query
 * freezes the UI. Same Engine interface and value normalisation as the native engine.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { Table } from 'apache-arrow';
import { wasmTokens, type Engine, type Format, type Row, type SqlToken } from '../../pipelines/engine/engine';
import { arrowTableToRows } from '../../pipelines/engine/arrow-rows';
import { assertUtc } from '../../pipelines/engine/time-zone';
import { ident, literal } from '../../pipelines/sql';

export class BrowserEngine implements Engine {
  readonly name = 'duckdb-wasm';
  readonly runtime = 'browser-wasm';
  readonly readsFormats: ReadonlySet<Format> = new Set(['csv', 'tsv']);
  private attached = new Set<string>();

  private constructor(
    private readonly db: duckdb.AsyncDuckDB,
    private readonly connection: duckdb.AsyncDuckDBConnection,
  ) {}

  static async create(): Promise<BrowserEngine> {
    const bundle = await duckdb.selectBundle({
      mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
      eh: { mainModule: ehWasm, mainWorker: ehWorker },
    });
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({ query: { castBigIntToDouble: false, castDecimalToDouble: false } });
    const connection = await db.connect();
    // Never fetch extensions: Winnow works offline, and Parquet/JSON arrive as DuckDB files.
    await connection.query('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;');
    const engine = new BrowserEngine(db, connection);
    // No ICU in duckdb-wasm: every connection reads and prints TIMESTAMPTZ in UTC, as the native engine pins.
    await assertUtc(engine);
    return engine;
  }

  /** DuckDB's lexer: how the app checks a spec's SQL fragments (duckdb-wasm has no json_serialize_sql offline). */
  async tokenize(sql: string): Promise<SqlToken[]> {
    return wasmTokens(await this.db.tokenize(sql));
  }

  async version(): Promise<string> {
    const [row] = await this.query('SELECT version() AS v');
    return String(row?.v);
  }

  async run(sql: string): Promise<void> {
    await this.connection.query(sql);
  }

  async query(sql: string): Promise<Row[]> {
    return arrowTableToRows(await this.connection.query(sql));
  }

  /** Attaches a working set served over HTTP (read by byte ranges) under `alias`. */
  async attachDatabase(url: string, alias: string): Promise<void> {
    const name = `${alias}.duckdb`;
    // Another dataset under the same alias: its file must be dropped too, or registering the name again fails.
    if (this.attached.has(alias)) {
      await this.run(`DETACH ${ident(alias)}`);
      await this.db.dropFile(name);
      this.attached.delete(alias);
    }
    await this.db.registerFileURL(name, new URL(url, window.location.href).href, duckdb.DuckDBDataProtocol.HTTP, false);
    await this.run(`ATTACH ${literal(name)} AS ${ident(alias)} (READ_ONLY)`);
    this.attached.add(alias);
    // duckdb-wasm fetches the file whole at ATTACH, and its worker stays busy for a while after
    // answering (1.2-1.7 s after a 0.3 GB working set, measured by a ping): the attach is done
    // once the worker answers again, so that time is spent opening the working set, not by the
    // grid's first page or the first cell's run, which waited behind it.
    await this.db.ping();
  }

  /**
   * A second connection to the same database (it sees the attached working sets and every table)
   * whose work can be cancelled: for long work such as the live run, so cancelling it never
   * touches the grid's queries on this one.
   */
  async cancellableConnection(): Promise<CancellableConnection> {
    return new CancellableConnection(this, this.db, await this.db.connect());
  }

  async close(): Promise<void> {
    await this.connection.close();
    await this.db.terminate();
  }
}

/** The work of a cancellable connection stopped by cancel(): what its queries reject with. */
export class QueryCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'QueryCancelled';
  }
}

/**
 * A connection whose queries run as duckdb-wasm pending queries (send): the worker runs them a
 * slice at a time, so between slices it can take cancelSent and stop the one in flight. After
 * cancel(), every query rejects with QueryCancelled until resume(): a run of many queries stops
 * whole, not just the one that happened to be running.
 */
export class CancellableConnection implements Engine {
  readonly name = 'duckdb-wasm';
  readonly runtime = 'browser-wasm';
  readonly readsFormats: ReadonlySet<Format>;
  private cancelled = false;

  constructor(
    private readonly parent: BrowserEngine,
    private readonly db: duckdb.AsyncDuckDB,
    private readonly connection: duckdb.AsyncDuckDBConnection,
  ) {
    this.readsFormats = parent.readsFormats;
  }

  version(): Promise<string> {
    return this.parent.version();
  }

  tokenize(sql: string): Promise<SqlToken[]> {
    return this.parent.tokenize(sql);
  }

  attachDatabase(url: string, alias: string): Promise<void> {
    return this.parent.attachDatabase(url, alias);
  }

  async run(sql: string): Promise<void> {
    await this.table(sql);
  }

  async query(sql: string): Promise<Row[]> {
    return arrowTableToRows(await this.table(sql));
  }

  /** Stops the query in flight and refuses the next ones, until resume(). */
  async cancel(): Promise<void> {
    this.cancelled = true;
    await this.connection.cancelSent();
  }

  resume(): void {
    this.cancelled = false;
  }

  /**
   * One query at a time: a connection has one pending query, and a second send() while the first
   * is in flight takes its place (the first then answers no rows). Callers that share this
   * connection (the profile and the header sketches) queue here instead.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private table(sql: string): Promise<Table> {
    const next = this.queue.then(() => this.send(sql));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async send(sql: string): Promise<Table> {
    if (this.cancelled) throw new QueryCancelled();
    try {
      const reader = await this.connection.send(sql);
      const batches = await reader.readAll();
      return new Table(reader.schema, batches);
    } catch (error) {
      throw this.cancelled ? new QueryCancelled() : error;
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
