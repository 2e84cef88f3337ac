/**
 * The native engine: DuckDB through @duckdb/node-api, on the host side and in the runner.
 * Out-of-core (a temp directory for spills) and all cores by default.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Engine, Format, Row } from '../../engine/engine';
import { normaliseValue, valueKindOf } from '../../engine/normalise';
import { assertUtc } from '../../engine/time-zone';
import { ident, literal, literalList } from '../../sql';

export interface NativeEngineOptions {
  /** Worker threads; default: DuckDB's own (all cores). */
  threads?: number;
  /** Where DuckDB spills when a query outgrows memory. */
  tempDirectory?: string;
  /** A memory limit such as '8GB'; default: DuckDB's own (80% of RAM). */
  memoryLimit?: string;
}

/**
 * Native DuckDB has ICU built in, so its session TimeZone would follow the host's TZ: casts of
 * TIMESTAMP WITH TIME ZONE to text or TIMESTAMP, and strings read as one, would differ from host to
 * host. Every connection runs in UTC, as duckdb-wasm (no ICU) always does.
 */
const PIN_TIME_ZONE = "SET TimeZone = 'UTC'";

export class NativeEngine implements Engine {
  readonly name = 'duckdb-native';
  readonly runtime = 'node';
  readonly readsFormats: ReadonlySet<Format> = new Set(['csv', 'tsv', 'json', 'ndjson', 'parquet', 'arrow']);

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** Whether close() closes the database too (false for one made by newConnection). */
    private readonly ownsInstance = true,
  ) {}

  /**
   * Another connection to the same database (its tables, its settings), for work that must be
   * interrupted alone (a host job's Cancel) without stopping what other connections run. Closing
   * it leaves the database open.
   */
  async newConnection(): Promise<NativeEngine> {
    const connection = await this.instance.connect();
    await connection.run(PIN_TIME_ZONE);
    return new NativeEngine(this.instance, connection, false);
  }

  static async create(options: NativeEngineOptions = {}): Promise<NativeEngine> {
    const config: Record<string, string> = {
      // Never fetch extensions at run time: Winnow works offline.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    const instance = await DuckDBInstance.create(':memory:', config);
    const connection = await instance.connect();
    // GLOBAL, so every later connection (newConnection) starts in UTC too.
    await connection.run(`SET GLOBAL ${PIN_TIME_ZONE.slice('SET '.length)}`);
    const engine = new NativeEngine(instance, connection);
    await assertUtc(engine);
    return engine;
  }

  async version(): Promise<string> {
    const [row] = await this.query('SELECT version() AS v');
    return String(row?.v);
  }

  async run(sql: string): Promise<void> {
    await this.watched(this.connection.run(sql));
  }

  async query(sql: string): Promise<Row[]> {
    const reader = await this.watched(this.connection.runAndReadAll(sql));
    const kinds = reader.columnTypes().map((type) => valueKindOf(type.toString()));
    const names = reader.columnNames();
    return reader.getRowObjectsJS().map((raw) => {
      const row: Row = {};
      names.forEach((name, index) => {
        row[name] = normaliseValue(raw[name], kinds[index] ?? 'other');
      });
      return row;
    });
  }

  async readBytes(path: string, onChunk: (chunk: Uint8Array) => boolean): Promise<void> {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    try {
      for await (const chunk of stream) if (!onChunk(chunk as Buffer)) break;
    } finally {
      stream.destroy();
    }
  }

  async attachDatabase(path: string, alias: string): Promise<void> {
    await this.run(`ATTACH ${literal(path)} AS ${ident(alias)} (READ_ONLY)`);
  }

  /**
   * Arrow IPC through duckdb-wasm (same DuckDB core): it loads the file and writes it into a
   * DuckDB database file, which this engine copies from. Types and row order are kept.
   */
  async loadArrowIpc(path: string, table: string): Promise<void> {
    const { WasmEngine } = await import('../../engine/wasm-engine');
    const folder = await mkdtemp(join(tmpdir(), 'winnow-arrow-'));
    const file = join(folder, 'arrow.duckdb');
    const wasm = await WasmEngine.createForNode();
    try {
      await wasm.loadArrowIpc(path, 'data');
      await wasm.run(`ATTACH ${literal(file)} AS bridge; CREATE TABLE bridge.data AS SELECT * FROM data; DETACH bridge`);
    } finally {
      await wasm.close();
    }
    await this.run(`ATTACH ${literal(file)} AS winnow_arrow_bridge (READ_ONLY)`);
    try {
      await this.run(`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM winnow_arrow_bridge.data`);
    } finally {
      await this.run('DETACH winnow_arrow_bridge');
      await rm(folder, { recursive: true, force: true });
    }
  }

  /**
   * From now on DuckDB reads and writes files only under `folders` (and their subfolders), and
   * this cannot be undone for the engine's life: a spec's SQL then cannot reach outside its run,
   * whatever it says. Attaching databases, installing extensions and changing the temp directory
   * are refused too. Files written by Node are not affected.
   */
  async confine(folders: string[]): Promise<void> {
    // A folder without its trailing separator would also allow its siblings (/out/run2 for /out/run).
    const allowed = folders.map((folder) => (folder.endsWith(sep) ? folder : folder + sep));
    await this.run(`SET allowed_directories = [${literalList(allowed)}]`);
    await this.run('SET enable_external_access = false');
  }

  /**
   * Resolves once a statement has been running for `ms` milliseconds: the moment DuckDB is busy on
   * its own threads and JavaScript has time to spare. Work that holds the main thread for a while
   * (loading a large module) waits for it, rather than holding up the short statements before a
   * long one, each of which needs the main thread to finish. Never resolves if no statement runs
   * that long.
   */
  busyFor(ms: number): Promise<void> {
    return new Promise((resolve) => this.busyWaiters.add({ ms, resolve }));
  }

  private readonly busyWaiters = new Set<{ ms: number; resolve: () => void }>();

  private watched<T>(statement: Promise<T>): Promise<T> {
    if (this.busyWaiters.size === 0) return statement;
    const timers = [...this.busyWaiters].map((waiter) =>
      setTimeout(() => {
        this.busyWaiters.delete(waiter);
        waiter.resolve();
      }, waiter.ms),
    );
    return statement.finally(() => timers.forEach(clearTimeout));
  }

  /** Stops the query running now (it fails with an 'INTERRUPT' error); used by Cancel. */
  interrupt(): void {
    this.connection.interrupt();
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}
