/** A check whose min lies above its max can never hold: `validate` refuses it at the max field, naming the step. */
import { describe, expect, it } from 'vitest';
import { parseSpec, SpecErrors } from '../../spec/parse';

const spec = (step: string) => `version: 1\nname: t\nsources:\n  data:\n    uri: d.csv\nsteps:\n  - ${step}\n`;

function problemOf(step: string): { stepId?: string; field?: string; message: string } | null {
  try {
    parseSpec(spec(step), 'p.winnow.yaml');
    return null;
  } catch (error) {
    const [first] = (error as SpecErrors).errors;
    return { stepId: first!.place.stepId, field: first!.place.field, message: first!.message };
  }
}

describe('bounds in order', () => {
  it.each([
    '{ id: b, check: between, column: x, min: 10, max: 5 }',
    '{ id: b, check: mean_between, column: x, min: 1.5, max: -1 }',
    '{ id: b, check: row_count_between, min: 100, max: 10 }',
    '{ id: b, check: unique_proportion_between, column: x, min: 0.9, max: 0.1 }',
    "{ id: b, check: between, column: d, min: '2024-06-01', max: '2024-01-01' }",
  ])('refuses %s at max', (step) => {
    expect(problemOf(step)).toMatchObject({ stepId: 'b', field: 'max', message: expect.stringMatching(/is below min/) });
  });

  it.each([
    '{ id: b, check: between, column: x, min: 5, max: 5 }',
    '{ id: b, check: between, column: x, min: 5 }',
    "{ id: b, check: between, column: d, min: '2024-01-01', max: '2024-06-01' }",
  ])('accepts %s', (step) => {
    expect(problemOf(step)).toBeNull();
  });
});
