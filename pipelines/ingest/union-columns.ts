/**
 * The columns of a source whose files were read one by one: every column of every file, in the
 * order they first appear (files in sorted order), as DuckDB's union_by_name would give. Where
 * files disagree on a column's type, numbers widen to the type DuckDB would pick for their union
 * (BIGINT and DOUBLE make DOUBLE); any other disagreement makes VARCHAR, since DuckDB's own
 * choice there (DATE over BIGINT, BIGINT over BOOLEAN) would turn readable values into errors.
 */
import type { Engine } from '../engine/engine';
import type { Column } from '../table/column';
import { typeName } from '../sql';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\))$/;

/** The source's columns from each file's columns (files in order); see the top of this file. */
export async function unionColumns(engine: Engine, columnsPerFile: readonly Column[][]): Promise<Column[]> {
  const typesByName = new Map<string, string[]>();
  for (const columns of columnsPerFile) {
    for (const { name, type } of columns) {
      const types = typesByName.get(name) ?? [];
      if (!types.includes(type)) types.push(type);
      typesByName.set(name, types);
    }
  }
  const union: Column[] = [];
  for (const [name, types] of typesByName) union.push({ name, type: await commonType(engine, types) });
  return union;
}

async function commonType(engine: Engine, types: string[]): Promise<string> {
  if (types.length === 1) return types[0] as string;
  if (!types.every((type) => NUMERIC.test(type))) return 'VARCHAR';
  const nulls = types.map((type) => `SELECT NULL::${typeName(type)} AS x`).join(' UNION ALL ');
  const [row] = await engine.query(`SELECT typeof(x) AS type FROM (${nulls}) LIMIT 1`);
  return String(row?.type);
}
