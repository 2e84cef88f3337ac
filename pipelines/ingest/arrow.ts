/**
 * Arrow IPC sources (.arrow, .feather v2, .arrows): each file loaded whole by the engine's Arrow
 * loader (Engine.loadArrowIpc), in file order. Like Parquet, an Arrow file has no unparseable
 * rows: it reads whole or stops the run naming it. __winnow_line is the row's 1-based number
 * within its file.
 */
import type { Engine } from '../engine/engine';
import { WinnowError } from '../errors';
import { LINE } from '../table/rejects';
import { ident, literal } from '../sql';
import type { IngestResult, ResolvedSource } from './source';
import type { Scratch } from './scratch';
import { unreadable } from './unreadable';
import { FILE_INDEX, createWorkingTable, fileLabels } from './working-table';

export async function ingestArrow(engine: Engine, source: ResolvedSource, table: string, scratch: Scratch): Promise<IngestResult> {
  if (!engine.loadArrowIpc)
    throw new WinnowError(`${source.files[0]}: the ${engine.name} engine cannot read Arrow IPC files`, { file: source.files[0] }, 'input');
  const parts: string[] = [];
  for (const [index, file] of source.files.entries()) {
    const stage = scratch.name(`arrow_${index}`);
    try {
      await engine.loadArrowIpc(file, stage);
    } catch (error) {
      throw unreadable(file, 'cannot be read as Arrow IPC', error);
    }
    // rowid is the insertion order: the file's own row order.
    parts.push(`SELECT *, ${literal(index)} AS ${ident(FILE_INDEX)}, rowid + 1 AS ${ident(LINE)} FROM ${ident(stage)}`);
  }
  const rows = parts.join(' UNION ALL BY NAME ');
  const described = await engine.query(`SELECT column_name FROM (DESCRIBE ${rows})`);
  const dataColumns = described.map((row) => String(row.column_name)).filter((name) => name !== FILE_INDEX && name !== LINE);
  const { schema, kept } = await createWorkingTable(engine, table, rows, fileLabels(source), dataColumns, { denseLines: true });
  return { table, read: kept, kept, rejected: 0, schema };
}
