/**
 * The Engine interface: everything the pipeline core needs from a DuckDB.
 * Two implementations share one test suite (testEngine): native DuckDB through
 * @duckdb/node-api (pipelines/node/engine/native-engine.ts) and duckdb-wasm
 * (pipelines/engine/wasm-engine.ts). The core only emits SQL and reads small results.
 */

/** A result row with values normalised the same way on both engines (see normaliseValue). */
export type Row = Record<string, Value>;

/**
 * Values the core reads back. Integers become numbers when they fit in 2^53, else bigint;
 * DECIMAL and floating point become numbers; DATE becomes 'YYYY-MM-DD'; TIMESTAMP becomes an
 * ISO-8601 string; lists, structs, maps, intervals and blobs arrive as JSON text. Core SQL
 * casts what it reads to simple types, so this rarely matters.
 */
export type Value = string | number | bigint | boolean | null;

/** One token of DuckDB's lexer: where it starts in the text, and what kind it is. */
export interface SqlToken {
  offset: number;
  kind: 'identifier' | 'number' | 'string' | 'operator' | 'keyword' | 'comment';
}

/** duckdb-wasm's token types (`ScriptTokens.types`), in the order of its enum. */
export const WASM_TOKEN_KINDS: readonly SqlToken['kind'][] = ['identifier', 'number', 'string', 'operator', 'keyword', 'comment'];

/** duckdb-wasm's tokenize() answer as Winnow's tokens. */
export function wasmTokens({ offsets, types }: { offsets: number[]; types: number[] }): SqlToken[] {
  return offsets.map((offset, index) => ({ offset, kind: WASM_TOKEN_KINDS[types[index]!] ?? 'operator' }));
}

/** A file format a source can have. */
export type Format = 'csv' | 'tsv' | 'json' | 'ndjson' | 'parquet' | 'arrow';

export interface Engine {
  /** 'duckdb-native' or 'duckdb-wasm'. */
  readonly name: string;
  /** 'node' (native), 'node-wasm' or 'browser-wasm'. */
  readonly runtime: string;
  /** Formats this engine reads itself; others arrive through importDatabase. */
  readonly readsFormats: ReadonlySet<Format>;
  /** The DuckDB core version, as `SELECT version()` says (e.g. 'v1.4.3'). */
  version(): Promise<string>;
  /** Runs one or more statements whose results are not needed. */
  run(sql: string): Promise<void>;
  /** Runs a query and returns its rows as plain objects with normalised values. */
  query(sql: string): Promise<Row[]>;
  /**
   * Makes a DuckDB database file (written by another engine) available read-only under
   * `alias`. This is the bridge that brings Parquet and JSON into duckdb-wasm, which cannot
   * read them offline.
   */
  attachDatabase(path: string, alias: string): Promise<void>;
  /**
   * Loads an Arrow IPC file (file or stream format) into a new table, keeping its rows in order.
   * Native DuckDB has no Arrow reader here (the extension would be downloaded), so the native
   * engine goes through duckdb-wasm, which reads Arrow natively, and the DuckDB-file bridge.
   */
  loadArrowIpc?(path: string, table: string): Promise<void>;
  /**
   * DuckDB's own lexer over `sql` (duckdb-wasm exposes it). Lexing stops at an unterminated
   * string or comment, so the tokens then end early. Used to check a spec's SQL fragments on an
   * engine whose DuckDB has no json_serialize_sql (duckdb-wasm 1.32 lacks the json extension);
   * see pipelines/engine/sql-fragment.ts.
   */
  tokenize?(sql: string): Promise<SqlToken[]>;
  /**
   * Streams the bytes of the local file `path` to `onChunk`, in order, until the end or until
   * onChunk returns false. Only an engine beside a file system has it (the native one); readers
   * use it to learn about a file while DuckDB reads it (see pipelines/ingest/csv-byte-survey.ts).
   */
  readBytes?(path: string, onChunk: (chunk: Uint8Array) => boolean): Promise<void>;
  close(): Promise<void>;
}
