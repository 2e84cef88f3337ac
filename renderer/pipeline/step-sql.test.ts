/** The SQL toggle shows what the run will execute, so a step that leaves a field to the spec's roles is shown with the roles filled in. */
import { describe, expect, it } from 'vitest';
import type { StepSpec } from '../../pipelines/spec/types';
import { stepSql } from './step-sql';

const columns = [
  { name: 'patient_id', type: 'BIGINT' },
  { name: 'age', type: 'BIGINT' },
  { name: 'site', type: 'VARCHAR' },
  { name: 'sick', type: 'BOOLEAN' },
];
const conflicts: StepSpec = { id: 'conflicts', check: 'label_conflicts', on_fail: 'warn' };

describe('the SQL of a cell', () => {
  it('label_conflicts without features compares the rows on the roles’ features, never the id', () => {
    const sql = stepSql(conflicts, columns, {}, { id: 'patient_id', label: 'sick' });
    expect(sql).toContain('"age"');
    expect(sql).toContain('"site"');
    expect(sql).not.toContain('"patient_id"');
  });

  it('says what is missing when neither the step nor the roles name the label', () => {
    expect(stepSql(conflicts, columns)).toMatch(/label/);
    expect(stepSql(conflicts, columns)).not.toMatch(/SELECT/);
  });

  it('the step’s own fields win over the roles', () => {
    const sql = stepSql({ ...conflicts, features: ['patient_id'], label: 'sick' }, columns, {}, { id: 'patient_id', label: 'sick' });
    expect(sql).toContain('"patient_id"');
    expect(sql).not.toContain('"site"');
  });
});
