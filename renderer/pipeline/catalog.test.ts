import { describe, expect, it } from 'vitest';
import type { Column } from '../../pipelines/table/column';
import { catalog, newStep } from './catalog';

const entry = (name: string) => catalog.find((candidate) => candidate.name === name)!;
const columns: Column[] = [
  { name: 'patient_id', type: 'BIGINT' },
  { name: 'seen_at', type: 'TIMESTAMP' },
  { name: 'notes', type: 'VARCHAR' },
  { name: 'sick', type: 'BOOLEAN' },
  { name: 'predicted', type: 'BOOLEAN' },
];
const roles = { id: 'patient_id', timestamp: 'seen_at', text: 'notes', label: 'sick', prediction: 'predicted' };

describe('a new step from the catalog', () => {
  it('starts at the declared roles: label, prediction, text, timestamp, and the ids as a split key', () => {
    expect(newStep(entry('class_balance'), [], columns, roles)).toMatchObject({ label: 'sick', on_fail: 'warn' });
    expect(newStep(entry('slice_metric'), [], columns, roles)).toMatchObject({ label: 'sick', prediction: 'predicted' });
    expect(newStep(entry('near_duplicates'), [], columns, roles)).toMatchObject({ column: 'notes' });
    expect(newStep(entry('freshness'), [], columns, roles)).toMatchObject({ column: 'seen_at' });
    expect(newStep(entry('split'), [], columns, roles)).toMatchObject({ method: 'hash', key: ['patient_id'] });
  });

  it('ignores a role whose column is gone at this point of the pipeline, and works without roles', () => {
    const left = columns.filter((column) => column.name !== 'sick' && column.name !== 'patient_id');
    expect(newStep(entry('class_balance'), [], left, roles).label).toBeUndefined();
    expect(newStep(entry('split'), [], left, roles).key).toBeUndefined();
    expect(newStep(entry('freshness'), [], columns)).toMatchObject({ column: 'patient_id' });
  });
});
