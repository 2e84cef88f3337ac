/**
 * Test support: a committed reference fixture (pipelines/stats/reference/fixtures/*.csv: a `row`
 * column, then plain fields without quotes) as columns and rows for runOnRows, typed as the
 * reference script declared. runOnRows numbers the rows 1, 2, … like the fixture's `row`.
 */
import { readFileSync } from 'node:fs';
import type { Column } from '../pipelines/table/column';
import { REFERENCE_DIR } from './reference-fixtures';

export function fixtureRows(file: string, types: Record<string, string>): { columns: Column[]; rows: unknown[][] } {
  const [header, ...lines] = readFileSync(`${REFERENCE_DIR}fixtures/${file}`, 'utf8').trimEnd().split('\n');
  const names = header!.split(',').slice(1);
  const columns = names.map((name) => ({ name, type: types[name] ?? 'VARCHAR' }));
  const rows = lines.map((line) =>
    line
      .split(',')
      .slice(1)
      .map((field, index) => {
        if (field === '') return null;
        const type = columns[index]!.type;
        if (type === 'BOOLEAN') return field === 'true';
        return type === 'VARCHAR' ? field : Number(field);
      }),
  );
  return { columns, rows };
}
