/**
 * Opening a dataset on the host: read it natively (every format, no row lost), then write the
 * renderer's working set — the whole dataset when its DuckDB file fits the memory budget, else
 * a deterministic sample — as a DuckDB database file the renderer attaches over byte ranges.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ingestSource, type ResolvedSource } from '../../pipelines/ingest/ingest';
import type { Row } from '../../pipelines/engine/engine';
import { LIVE_SAMPLE_ROWS, PREVIEW_ROWS, type DatasetHandle, type WorkingSet } from '../../pipelines/protocol/host';
import { headerSketch } from '../../pipelines/stats/profile/header-sketch';
import type { Column } from '../../pipelines/table/column';
import { createRejectsTable, REJECTS_TABLE, ROW } from '../../pipelines/table/rejects';
import { exportToDatabaseFile } from '../../pipelines/node/engine/bridge';
import type { NativeEngine } from '../../pipelines/node/engine/native-engine';
import { resolveSource } from '../../pipelines/node/sources/resolve-source';
import type { DownloadProgress } from '../../pipelines/protocol/host';
import { ident, literal } from '../../pipelines/sql';
import { unitHash } from '../../pipelines/table/hashing';

export interface OpenedOnHost {
  handle: DatasetHandle;
  resolved: ResolvedSource;
  /** The native table with the full data. */
  table: string;
  workingSetPath: string;
}

export const WORKING_SET_TABLE = 'data';
/** The live run's sample, beside WORKING_SET_TABLE in the working-set file (see WorkingSet.liveSample). */
export const LIVE_SAMPLE_TABLE = 'live_sample';
/** The seed of the working-set sample: fixed, so the same dataset always gives the same sample. */
const SAMPLE_SEED = 0;
/** Columns whose header sketch the host draws (a wide table's later ones are drawn by the renderer). */
const SKETCHED_COLUMNS = 200;

/** Resolves what a person typed (a path, folder, glob or URL) to the files of a dataset. */
export function resolveDataset(uri: string, onProgress?: (progress: DownloadProgress) => void): Promise<ResolvedSource> {
  return resolveSource('dataset', { uri }, process.cwd(), { onProgress });
}

/**
 * The first rows of a dataset, read straight from its files without reading it whole: what the
 * grid shows within a second of opening, while the working set is prepared. Null when the
 * format's quick read fails (the full read then says why).
 */
export async function previewDataset(engine: NativeEngine, resolved: ResolvedSource): Promise<{ columns: Column[]; rows: Row[] } | null> {
  const files = `[${resolved.files.map(literal).join(', ')}]`;
  const { options } = resolved;
  const scans: Partial<Record<string, string>> = {
    parquet: `read_parquet(${files}, union_by_name = true, hive_partitioning = ${options.hive_partitioning !== false})`,
    csv: `read_csv(${literal(resolved.files[0])}${options.delimiter ? `, delim = ${literal(options.delimiter)}` : ''}${options.header === undefined ? '' : `, header = ${options.header}`})`,
    tsv: `read_csv(${literal(resolved.files[0])}, delim = '\t')`,
    json: `read_json(${literal(resolved.files[0])})`,
    ndjson: `read_json(${literal(resolved.files[0])}, format = 'newline_delimited')`,
  };
  const scan = scans[resolved.format];
  if (!scan) return null;
  try {
    const sql = `SELECT row_number() OVER () AS ${ident(ROW)}, * FROM (SELECT * FROM ${scan} LIMIT ${PREVIEW_ROWS})`;
    const described = await engine.query(`DESCRIBE ${sql}`);
    const columns = described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) })).filter((column) => column.name !== ROW);
    const rows = await engine.query(
      `SELECT * REPLACE (${columns.length ? columns.map((column) => `CAST(${ident(column.name)} AS VARCHAR) AS ${ident(column.name)}`).join(', ') : ''}) FROM (${sql})`,
    );
    return { columns, rows };
  } catch {
    return null;
  }
}

export async function openDatasetOnHost(
  engine: NativeEngine,
  resolved: ResolvedSource,
  id: string,
  { workingSetDir, budgetBytes }: { workingSetDir: string; budgetBytes: number },
): Promise<OpenedOnHost> {
  const uri = resolved.uri;
  const exists = await engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${literal(REJECTS_TABLE)}`);
  if (Number(exists[0]?.n) === 0) await createRejectsTable(engine);
  const name = `__winnow_open_${id.replaceAll('-', '')}`;
  const read = await ingestSource(engine, resolved, name);
  const table = ident(name);

  await mkdir(workingSetDir, { recursive: true });
  const workingSetPath = join(workingSetDir, `${id}.duckdb`);
  await exportToDatabaseFile(engine, `SELECT * FROM ${table} ORDER BY ${ident(ROW)}`, workingSetPath, WORKING_SET_TABLE);
  let fraction = 1;
  const { size } = await stat(workingSetPath);
  const sampleHash = unitHash(
    read.schema.map((column) => column.name),
    SAMPLE_SEED,
    'working-set',
  );
  if (size > budgetBytes) {
    // The file shrinks about in proportion to its rows; aim a little under the budget.
    fraction = Math.max(1e-6, (budgetBytes / size) * 0.95);
    await exportToDatabaseFile(engine, `SELECT * FROM ${table} WHERE ${sampleHash} < ${fraction} ORDER BY ${ident(ROW)}`, workingSetPath, WORKING_SET_TABLE);
  }
  const [counted] = await engine.query(
    `SELECT count(*) AS n, min(${ident(ROW)}) AS low, max(${ident(ROW)}) AS high FROM ${table}${fraction < 1 ? ` WHERE ${sampleHash} < ${fraction}` : ''}`,
  );
  const workingRows = Number(counted?.n ?? 0);
  // Row numbers are unique, so they are 1..rows when the least is 1 and the greatest is the count.
  const denseRowNumbers = workingRows > 0 && Number(counted?.low) === 1 && Number(counted?.high) === workingRows;
  const finished = await finishWorkingSet(engine, workingSetPath, workingRows, read.schema);
  const files = await Promise.all(resolved.files.map(async (path) => ({ path, bytes: (await stat(path)).size })));
  const handle: DatasetHandle = {
    id,
    uri,
    name: basename(uri.replace(/[/\\]+$/, '')) || uri,
    format: resolved.format,
    files,
    rows: read.kept,
    rejected: read.rejected,
    columns: read.schema,
    workingSet: {
      url: `/ws/${id}.duckdb`,
      table: WORKING_SET_TABLE,
      rows: workingRows,
      sampled: fraction < 1,
      fraction: read.kept === 0 ? 1 : workingRows / read.kept,
      ...(denseRowNumbers ? { denseRowNumbers } : {}),
      ...finished,
    },
  };
  return { handle, resolved, table, workingSetPath };
}

/**
 * Adds to the working-set file the live run's sample of it, when it has more than
 * LIVE_SAMPLE_ROWS rows: the rows whose row number hashes (with the seed of the working set's own
 * sample) below LIVE_SAMPLE_ROWS / rows, in row order. Natively this takes a fraction of a second;
 * in duckdb-wasm, while the app profiles the working set at the same time, it took 9 s on 3M rows.
 * Then draws the header sketches of what the live run reads: in the single wasm worker they held
 * up the first live run by about 0.2 s on 10M rows; here they take milliseconds.
 */
async function finishWorkingSet(
  engine: NativeEngine,
  workingSetPath: string,
  workingRows: number,
  columns: Column[],
): Promise<Pick<WorkingSet, 'liveSample' | 'sketches'>> {
  const alias = ident(`winnow_live_${randomUUID().replaceAll('-', '')}`);
  await engine.run(`ATTACH ${literal(workingSetPath)} AS ${alias}`);
  try {
    let liveSample: WorkingSet['liveSample'];
    if (workingRows > LIVE_SAMPLE_ROWS) {
      const fraction = LIVE_SAMPLE_ROWS / workingRows;
      await engine.run(
        `CREATE TABLE ${alias}.${ident(LIVE_SAMPLE_TABLE)} AS SELECT * FROM ${alias}.${ident(WORKING_SET_TABLE)} WHERE ${unitHash([ROW], SAMPLE_SEED, 'live-sample')} < ${fraction} ORDER BY ${ident(ROW)}`,
      );
      const [counted] = await engine.query(`SELECT count(*) AS n FROM ${alias}.${ident(LIVE_SAMPLE_TABLE)}`);
      liveSample = { table: LIVE_SAMPLE_TABLE, rows: Number(counted?.n ?? 0) };
    }
    const sketched = `${alias}.${ident(liveSample?.table ?? WORKING_SET_TABLE)}`;
    const sketches: WorkingSet['sketches'] = [];
    for (const column of columns.slice(0, SKETCHED_COLUMNS)) sketches.push({ column: column.name, counts: await headerSketch(engine, sketched, column) });
    return { ...(liveSample ? { liveSample } : {}), sketches };
  } finally {
    // DETACH checkpoints: the file is whole again before the renderer reads it.
    await engine.run(`DETACH ${alias}`);
  }
}
