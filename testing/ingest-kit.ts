/**
 * What the ingest tests share: a folder of input files written by the test, and one call that
 * ingests a source and reads back everything worth asserting, with file paths shortened to
 * their names relative to that folder so outcomes compare across engines and runs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Engine, Format, Row } from '../pipelines/engine/engine';
import type { SourceOptions } from '../pipelines/spec/types';
import { REJECTS_TABLE } from '../pipelines/table/rejects';
import { ident, literal } from '../pipelines/sql';
import { type IngestResult, ingestSource } from '../pipelines/ingest/ingest';

/** A temporary folder of input files, removed by remove(). */
export class InputFolder {
  readonly path = mkdtempSync(join(tmpdir(), 'winnow-ingest-'));

  /** Writes `content` to `name` (which may hold folders) and returns the absolute path. */
  write(name: string, content: string | Uint8Array): string {
    const file = join(this.path, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  }

  /** A path relative to the folder, with '/' separators. */
  short(file: string): string {
    return relative(this.path, file).split('\\').join('/');
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Everything a test asserts about one ingest. */
export interface Outcome {
  result: IngestResult;
  /** The working table in __winnow_row order, __winnow_file shortened. */
  rows: Row[];
  /** This source's rejects: file (shortened), line, field, reason, raw. */
  rejects: Row[];
}

/** Ingests `files` (absolute, in the order given) as source `name` into table `name`. */
export async function ingest(
  engine: Engine,
  folder: InputFolder,
  name: string,
  files: string[],
  format: Format,
  options: SourceOptions = {},
): Promise<Outcome> {
  const result = await ingestSource(engine, { name, uri: files[0] ?? '', format, options, files }, name);
  const rows = await engine.query(`SELECT * FROM ${ident(name)} ORDER BY __winnow_row`);
  const rejects = await engine.query(
    `SELECT file, line, "row", step, field, reason, raw FROM ${ident(REJECTS_TABLE)} WHERE source = ${literal(name)} ORDER BY file, line`,
  );
  const shorten = (row: Row, key: string): Row => ({ ...row, [key]: folder.short(String(row[key])) });
  return {
    result,
    rows: rows.map((row) => shorten(row, '__winnow_file')),
    rejects: rejects.map((row) => shorten(row, 'file')),
  };
}

/** A reject as the tests write it: step 'read', no row number. */
export function readReject(file: string, line: number, reason: string, field: string | null, raw: string): Row {
  return { file, line, row: null, step: 'read', field, reason, raw };
}
