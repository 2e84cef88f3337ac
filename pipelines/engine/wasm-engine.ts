/**
 * The wasm engine: duckdb-wasm, the engine the app runs in its renderer. Here in its blocking
 * Node build, so the shared engine tests (and the runner, if it wants to check a spec the way the
 * app will run it) can use it without a browser. A browser build wraps the async worker bundle
 * instead and reuses arrowTableToRows, which holds everything about reading results.
 *
 * duckdb-wasm has only core_functions built in: it reads CSV and TSV itself, and DuckDB database
 * files made by the native engine (exportToDatabaseFile) bring it everything else.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as DuckDBBlocking from '@duckdb/duckdb-wasm/blocking';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { wasmTokens, type Engine, type Format, type Row, type SqlToken } from './engine';
import { arrowTableToRows } from './arrow-rows';
import { assertUtc } from './time-zone';
import { ident, literal } from '../sql';

/** duckdb-wasm's TokenType, by its number. */
/**
 * duckdb-wasm (eh bundle, single-threaded) behind the Engine interface. Queries run
 * synchronously on the calling thread: in an app, this belongs in a worker.
 */
export class WasmEngine implements Engine {
  readonly name = 'duckdb-wasm';
  readonly runtime = 'node-wasm';
  readonly readsFormats: ReadonlySet<Format> = new Set(['csv', 'tsv', 'arrow']);

  private constructor(
    private readonly bindings: DuckDBBlocking.DuckDBBindings,
    private readonly connection: DuckDBBlocking.DuckDBConnection,
  ) {}

  /** Instantiates duckdb-wasm from the .wasm files in node_modules (about 1.5 s on a 2-core host). */
  static async createForNode(): Promise<WasmEngine> {
    const require = createRequire(import.meta.url);
    const { resolve } = require;
    // The blocking Node build by its file, whatever the resolver's conditions; typed by its .d.ts.
    const { createDuckDB, NODE_RUNTIME, VoidLogger } = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof DuckDBBlocking;
    const bundles = {
      mvp: {
        mainModule: resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'),
        mainWorker: resolve('@duckdb/duckdb-wasm/dist/duckdb-node-mvp.worker.cjs'),
      },
      eh: {
        mainModule: resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'),
        mainWorker: resolve('@duckdb/duckdb-wasm/dist/duckdb-node-eh.worker.cjs'),
      },
    };
    const bindings = await createDuckDB(bundles, new VoidLogger(), NODE_RUNTIME);
    await bindings.instantiate(() => {});
    bindings.open({
      path: ':memory:',
      // arrowTableToRows reads exact values from Arrow; none of duckdb-wasm's lossy casts.
      query: { castBigIntToDouble: false, castDecimalToDouble: false, castTimestampToDate: false },
      // Lossless mode would tell HUGEINT from DECIMAL(38,0), but in 1.32.0 it sends BOOLEAN as
      // bit-packed bytes labelled as one byte per value (arrow.bool8), and UUID as raw bytes.
      arrowLosslessConversion: false,
    });
    const engine = new WasmEngine(bindings, bindings.connect());
    // Parquet and JSON readers are extensions duckdb-wasm would download at run time; offline
    // that hangs. Without autoloading, such a query fails at once with a catalog error.
    await engine.run('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false');
    // Past about 2 GB of wasm memory, duckdb-wasm 1.32's Node file system sometimes opens a new
    // file as 0 bytes for the rest of the session (a pointer-handling bug); its default limit
    // (3.1 GiB) lets the heap get there. 1 GB keeps it clear and is plenty for tests.
    await engine.run("SET memory_limit = '1GB'");
    // No ICU here (and no autoloading it): TIMESTAMP WITH TIME ZONE is always read and printed in
    // UTC, and `SET TimeZone` is a catalog error. That is the zone the native engine pins.
    await assertUtc(engine);
    return engine;
  }

  async version(): Promise<string> {
    const [row] = await this.query('SELECT version() AS v');
    return String(row?.v);
  }

  async run(sql: string): Promise<void> {
    this.resultBytes(sql);
  }

  async query(sql: string): Promise<Row[]> {
    return arrowTableToRows(tableFromIPC(this.resultBytes(sql)));
  }

  /** Reads the whole file into wasm memory: duckdb-wasm in Node cannot open a host file handle. */
  async attachDatabase(path: string, alias: string): Promise<void> {
    const name = `attached/${alias}.duckdb`;
    this.bindings.registerFileBuffer(name, await readFile(path));
    await this.run(`ATTACH ${literal(name)} AS ${ident(alias)} (READ_ONLY)`);
  }

  async loadArrowIpc(path: string, table: string): Promise<void> {
    // duckdb-wasm takes the stream format; Arrow files (.arrow, .feather v2) have a footer too.
    const stream = tableToIPC(tableFromIPC(await readFile(path)), 'stream');
    this.connection.insertArrowFromIPCStream(stream, { name: table, create: true });
  }

  async tokenize(sql: string): Promise<SqlToken[]> {
    return wasmTokens(this.bindings.tokenize(sql));
  }

  /**
   * The result as Arrow IPC bytes, decoded by our own apache-arrow rather than by
   * connection.query(): duckdb-wasm's CommonJS build requires Arrow's CommonJS copy, while this
   * module imports the ES one, and Arrow's checks (`instanceof Data`) fail across the two.
   */
  private resultBytes(sql: string): Uint8Array {
    return this.connection.useUnsafe((bindings, id) => bindings.runQuery(id, sql));
  }

  async close(): Promise<void> {
    this.connection.close();
    this.bindings.reset();
  }
}
