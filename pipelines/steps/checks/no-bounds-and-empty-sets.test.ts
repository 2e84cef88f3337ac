/**
 * Great Expectations' meaning of checks that cannot fail or cannot pass (issue 14): an aggregate
 * range with neither bound holds for any value, an empty value set for no value, an empty regex
 * matches everything. Winnow accepts them and warns, naming the step and field; `between` with
 * neither bound stays refused, as GX refuses expect_column_values_to_be_between then.
 */
import { describe, expect, it } from 'vitest';
import { parseSpec, SpecErrors } from '../../spec/parse';
import { specWarnings, warningLine } from '../../spec/warnings';

const spec = (...steps: string[]) => `version: 1\nname: t\nsources:\n  data:\n    uri: d.csv\nsteps:\n${steps.map((step) => `  - ${step}\n`).join('')}`;

function errorsOf(text: string): string[] {
  try {
    parseSpec(text, 'p.winnow.yaml');
    return [];
  } catch (error) {
    return (error as SpecErrors).errors.map((each) => each.oneLine());
  }
}

const NO_BOUNDS = 'neither min nor max is set: the check holds for any value';

describe('checks with no bounds, an empty set or an empty pattern', () => {
  it.each([
    ['{ id: c, check: mean_between, column: x }', 'min', NO_BOUNDS],
    ['{ id: c, check: quantile_between, column: x, quantile: 0.5 }', 'min', NO_BOUNDS],
    ['{ id: c, check: unique_proportion_between, column: x, strict_min: true }', 'min', NO_BOUNDS],
    ['{ id: c, check: row_count_between }', 'min', NO_BOUNDS],
    ['{ id: c, check: in_set, column: x, values: [] }', 'values', 'the set is empty: every non-null value fails'],
    ["{ id: c, check: regex, column: x, pattern: '' }", 'pattern', 'the pattern is empty: it matches every value'],
  ])('accepts %s, with a warning at its field', (step, field, message) => {
    const text = spec(step);
    expect(errorsOf(text)).toEqual([]);
    const warnings = specWarnings(parseSpec(text, 'p.winnow.yaml'), 'p.winnow.yaml');
    expect(warnings).toEqual([{ place: { file: 'p.winnow.yaml', stepId: 'c', field }, message }]);
    expect(warningLine(warnings[0]!)).toBe(`warning: p.winnow.yaml, step "c", field "${field}": ${message}`);
  });

  it.each([
    '{ id: c, check: mean_between, column: x, max: 0 }',
    '{ id: c, check: row_count_between, min: 0 }',
    "{ id: c, check: in_set, column: x, values: [''] }",
    "{ id: c, check: regex, column: x, pattern: '^$' }",
    '{ id: c, check: row_count_between, enabled: false }',
  ])('does not warn about %s', (step) => {
    expect(specWarnings(parseSpec(spec(step), 'p.winnow.yaml'), 'p.winnow.yaml')).toEqual([]);
  });

  it('still refuses between with neither bound, and bounds out of order', () => {
    expect(errorsOf(spec('{ id: c, check: between, column: x }'))).toEqual(['p.winnow.yaml:7, step "c", field "min/max": expected "min" or "max"']);
    expect(errorsOf(spec('{ id: c, check: mean_between, column: x, min: 2, max: 1 }'))[0]).toMatch(/field "max": max 1 is below min 2/);
  });

  it('keeps hostile values as values: quotes, a pattern that looks like SQL, ten thousand set members', () => {
    const many = Array.from({ length: 10_000 }, (_, index) => `"v'${index}"`).join(', ');
    const parsed = parseSpec(
      spec(`{ id: c, check: in_set, column: x, values: [${many}] }`, `{ id: r, check: regex, column: x, pattern: "'); DROP TABLE t; --" }`),
      'p.winnow.yaml',
    );
    expect(parsed.steps[0]!.values).toHaveLength(10_000);
    expect(parsed.steps[1]!.pattern).toBe("'); DROP TABLE t; --");
    expect(specWarnings(parsed, 'p.winnow.yaml')).toEqual([]);
  });
});
