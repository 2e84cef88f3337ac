/**
 * Suggested specs: the rules (Deequ- and TFDV-like), YAML the spec parser accepts, and, the
 * property that matters, a suggested spec passes on the data it was suggested from (on both engines,
 * over the reference fixtures and real data).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { ingestRows, runOnRows } from '../../../testing/rows-kit';
import { parseSpec } from '../../spec/parse';
import type { Column } from '../../table/column';
import { profileTable } from './profile';
import { suggestSpec } from './suggest';
import { engines, loadDataset, ROOT } from '../../../testing/profile-fixtures';

const reference = JSON.parse(readFileSync(join(ROOT, 'pipelines/stats/reference/profile.json'), 'utf8')) as { datasets: Record<string, { path: string }> };

const people: Column[] = [
  { name: 'id', type: 'BIGINT' },
  { name: 'colour', type: 'VARCHAR' },
  { name: 'age', type: 'INTEGER' },
  { name: 'e-mail address', type: 'VARCHAR' },
  { name: 'score', type: 'DOUBLE' },
  { name: 'tags', type: 'VARCHAR[]' },
  { name: 'seen', type: 'DATE' },
];
const peopleRows = [
  [1, 'red', 34, 'a@example.com', 0.5, '[x]', '2024-01-02'],
  [2, 'blue', null, 'b@example.com', Number.NaN, '[y]', '2024-03-04'],
  [3, 'red', 51, 'c@example.com', 1.5, '[]', null],
  [4, 'blue', 34, 'd@example.com', 2.5, '[x, y]', '2023-12-31'],
];

describe.each(engines)('suggested specs on the %s engine', (_label, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('suggest schema, not_null, between, in_set and unique where the data shows them', async () => {
    await ingestRows(people, peopleRows)(engine, { name: 'people', uri: 'people.csv', format: 'csv', options: {}, files: [] }, 'people');
    const profile = await profileTable(engine, 'people');
    const { spec, yaml } = suggestSpec(profile, { name: 'people', source: { name: 'people', uri: 'people.csv' } });
    expect(spec.sources).toEqual({ people: { uri: 'people.csv' } });
    expect(spec.steps).toEqual([
      {
        id: 'schema',
        check: 'schema',
        columns: { id: 'BIGINT', colour: 'VARCHAR', age: 'INTEGER', 'e-mail address': 'VARCHAR', score: 'DOUBLE', tags: 'VARCHAR[]', seen: 'DATE' },
      },
      { id: 'id_not_null', check: 'not_null', column: 'id' },
      { id: 'id_range', check: 'between', column: 'id', min: 1, max: 4 },
      { id: 'id_unique', check: 'unique', column: 'id' },
      { id: 'colour_not_null', check: 'not_null', column: 'colour' },
      { id: 'colour_values', check: 'in_set', column: 'colour', values: ['blue', 'red'] },
      { id: 'age_range', check: 'between', column: 'age', min: 34, max: 51 },
      { id: 'e-mail_address_not_null', check: 'not_null', column: 'e-mail address' },
      { id: 'e-mail_address_unique', check: 'unique', column: 'e-mail address' },
      // score holds a NaN: no range (between would reject it), but its values are distinct.
      { id: 'score_not_null', check: 'not_null', column: 'score' },
      { id: 'score_unique', check: 'unique', column: 'score' },
      { id: 'tags_not_null', check: 'not_null', column: 'tags' },
      { id: 'seen_range', check: 'between', column: 'seen', min: '2023-12-31', max: '2024-03-04' },
      { id: 'seen_unique', check: 'unique', column: 'seen' },
    ]);
    expect(yaml).toContain('# colour: the 2 values seen in 4.');
    expect(yaml).toContain('  - { id: id_range, check: between, column: id, min: 1, max: 4 }');
    expect(yaml).toContain('    values: [ blue, red ]');
    // The YAML is the same spec, as the parser reads it.
    expect(parseSpec(yaml, 'people.winnow.yaml')).toEqual({ ...spec, seed: 0, outputs: [] });
  });

  it('suggest nothing from an empty table but its schema', async () => {
    await engine.run('CREATE OR REPLACE TABLE nothing (n INTEGER, s VARCHAR)');
    const { spec } = suggestSpec(await profileTable(engine, 'nothing'), { name: 'nothing', source: { name: 'data', uri: 'nothing.csv', format: 'csv' } });
    expect(spec).toEqual({
      version: 1,
      name: 'nothing',
      sources: { data: { uri: 'nothing.csv', format: 'csv' } },
      steps: [{ id: 'schema', check: 'schema', columns: { n: 'INTEGER', s: 'VARCHAR' } }],
    });
  });

  it.each(Object.entries(reference.datasets))('pass on the data they were suggested from: %s', async (name, dataset) => {
    const table = await loadDataset(engine, dataset.path, `suggest_${name}`);
    const described = await engine.query(`DESCRIBE ${table}`);
    const columns = described
      .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }))
      .filter((column) => !column.name.startsWith('__winnow_'));
    const rows = (await engine.query(`SELECT ${columns.map((column) => `"${column.name.replaceAll('"', '""')}"`).join(', ')} FROM ${table}`)).map((row) =>
      Object.values(row),
    );
    const { spec, yaml } = suggestSpec(await profileTable(engine, table), { name, source: { name: 'data', uri: dataset.path } });
    expect(parseSpec(yaml, `${name}.winnow.yaml`).steps).toEqual(spec.steps);
    const result = await runOnRows(engine, { seed: 0, steps: spec.steps, outputs: [] }, columns, rows);
    expect(result.steps.filter((step) => !step.success).map((step) => step.id)).toEqual([]);
    expect(result.status).toBe('passed');
    expect(result.steps.length).toBe(spec.steps.length);
  });
});
