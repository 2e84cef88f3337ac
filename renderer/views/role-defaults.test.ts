import { describe, expect, it } from 'vitest';
import { driftExclusions, roleDefaults } from './role-defaults';

describe('the views’ defaults from column roles', () => {
  it('start the Slices and Labels settings at the declared columns', () => {
    expect(roleDefaults({ label: 'sick', prediction: 'predicted', score: { column: 'p', positive: 1 }, item: 'scan', annotator: 'rater' })).toEqual({
      label: 'sick',
      prediction: 'predicted',
      score: 'p',
      positive: '1',
      item: 'scan',
      annotator: 'rater',
    });
    expect(roleDefaults({ score: { column: 'p', positive: false } }).positive).toBe('false');
  });

  it('leave everything unset without roles, and a per-class score to the person', () => {
    expect(roleDefaults(undefined)).toEqual({ label: '', prediction: '', score: '', positive: '', item: '', annotator: '' });
    expect(roleDefaults({ score: { yes: 'p_yes', no: 'p_no' } })).toMatchObject({ score: '', positive: '' });
  });

  it('keep ids, timestamps and ignored columns out of drift, saying which role', () => {
    expect([...driftExclusions({ id: ['patient_id', 'visit'], timestamp: 'seen', ignore: ['notes'], label: 'y' })]).toEqual([
      ['patient_id', 'columns.id: never tested for drift'],
      ['visit', 'columns.id: never tested for drift'],
      ['seen', 'columns.timestamp: never tested for drift'],
      ['notes', 'columns.ignore: never tested for drift'],
    ]);
    expect(driftExclusions(undefined).size).toBe(0);
  });
});
