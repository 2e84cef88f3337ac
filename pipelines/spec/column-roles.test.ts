/**
 * The spec's `columns` block (issue 14): what parseSpec accepts and keeps, the one-line errors it
 * gives, naming `columns.<role>`, and hostile input (quotes and SQL in names, 10,000 features,
 * unicode, a role given as a number or a mapping).
 */
import { describe, expect, it } from 'vitest';
import { WinnowError } from '../errors';
import { checkRoleColumns } from './check-columns';
import { roleOfColumn, roleProblems, withColumnRole } from './column-roles';
import { parseSpec, SpecErrors } from './parse';
import type { ColumnRoles, Spec } from './types';
import { specToYaml } from '../../testing/spec-yaml-kit';

const header = `version: 1
name: patients
sources:
  visits:
    uri: visits.csv
steps: []
`;

function errorsOf(text: string, file = 'patients.winnow.yaml'): string[] {
  try {
    parseSpec(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecErrors);
    return (error as SpecErrors).errors.map((one) => one.oneLine());
  }
  throw new Error('expected the spec to be rejected');
}

/** A spec with `roles` as its columns block, written as JSON (so any value can be given). */
const withRoles = (roles: unknown) => JSON.stringify({ version: 1, name: 'patients', sources: { visits: { uri: 'visits.csv' } }, steps: [], columns: roles });

describe('the columns block', () => {
  it('is kept as written, every role, and written back by specToYaml', () => {
    const text = `${header}columns:
  id: [patient_id, visit]
  timestamp: seen_at
  label: sick
  prediction: predicted
  score: { column: p_sick, positive: 1 }
  annotator: nurse
  item: case_id
  text: notes
  features: [age, notes]
  ignore: [ward]
`;
    const spec = parseSpec(text, 'patients.winnow.yaml');
    const roles: ColumnRoles = {
      id: ['patient_id', 'visit'],
      timestamp: 'seen_at',
      label: 'sick',
      prediction: 'predicted',
      score: { column: 'p_sick', positive: 1 },
      annotator: 'nurse',
      item: 'case_id',
      text: 'notes',
      features: ['age', 'notes'],
      ignore: ['ward'],
    };
    expect(spec.columns).toEqual(roles);
    expect(parseSpec(specToYaml(spec), 'again.yaml').columns).toEqual(roles);
  });

  it('takes one score column per class', () => {
    expect(parseSpec(`${header}columns:\n  label: species\n  score: { cat: p_cat, dog: p_dog }\n`, 'a.yaml').columns).toEqual({
      label: 'species',
      score: { cat: 'p_cat', dog: 'p_dog' },
    });
  });

  it.each([
    [
      'a column in two exclusive roles',
      'columns:\n  id: patient_id\n  label: patient_id\n',
      'patients.winnow.yaml:9, field "columns.label": column "patient_id" is already columns.id: a column has one role (features aside)',
    ],
    [
      'features overlapping ignore',
      'columns:\n  features: [age, ward]\n  ignore: [ward]\n',
      'patients.winnow.yaml:8, field "columns.features": column "ward" is in both columns.features and columns.ignore',
    ],
    [
      'the label as a feature',
      'columns:\n  label: sick\n  features: [age, sick]\n',
      'patients.winnow.yaml:9, field "columns.features": column "sick" is columns.label, so it is not a feature',
    ],
    ['a role given as a number', 'columns:\n  label: 5\n', 'patients.winnow.yaml:8, field "columns.label": expected a column name, got 5'],
    [
      'a role given as a mapping',
      'columns:\n  timestamp: { name: seen }\n',
      'patients.winnow.yaml:8, field "columns.timestamp": expected a column name, got a mapping',
    ],
    ['a role left empty', 'columns:\n  label:\n', 'patients.winnow.yaml:8, field "columns.label": expected a column name, got null'],
    ['a number in a list', 'columns:\n  id: [patient_id, 7]\n', 'patients.winnow.yaml:8, field "columns.id": item 2: expected a column name, got 7'],
    ['a column listed twice', 'columns:\n  ignore: [ward, ward]\n', 'patients.winnow.yaml:8, field "columns.ignore": lists column "ward" twice'],
    [
      'features as one name',
      'columns:\n  features: age\n',
      'patients.winnow.yaml:8, field "columns.features": expected a list of column names, got "age" (write [age])',
    ],
    [
      'a misspelt role',
      'columns:\n  lable: sick\n',
      'patients.winnow.yaml:8, field "columns.lable": unknown role "lable" (did you mean "label"?): the roles are id, timestamp, label, prediction, score, annotator, item, text, features, ignore',
    ],
    [
      'a score without its class',
      'columns:\n  score: { column: p_sick }\n',
      'patients.winnow.yaml:8, field "columns.score": missing "positive": the class the score is the probability of, as the label column writes it',
    ],
    [
      'a score column for two classes',
      'columns:\n  score: { cat: p, dog: p }\n',
      'patients.winnow.yaml:8, field "columns.score": column "p" is the score of both class "cat" and class "dog"',
    ],
    [
      'a list as the block',
      'columns: [id, label]\n',
      'patients.winnow.yaml:7, field "columns": expected a mapping of role to column (id, timestamp, label, prediction, score, annotator, item, text, features, ignore), got a list',
    ],
  ])('refuses %s in one line naming file, line and columns.<role>', (_name, block, error) => {
    expect(errorsOf(header + block)).toEqual([error]);
  });

  describe('hostile names', () => {
    it('keeps quotes, SQL text and unicode in names exactly', () => {
      const roles = { id: `x"; DROP TABLE t; --`, label: "it's", text: '日本語 ✓', features: ['a,b', 'ünïcödé', ' leading', '"quoted"'] };
      const spec = parseSpec(withRoles(roles), 'hostile.json');
      expect(spec.columns).toEqual(roles);
      expect(parseSpec(specToYaml(spec), 'hostile.yaml').columns).toEqual(roles);
    });

    it('reads 10,000 features, and says a clash among them in one line', () => {
      const features = Array.from({ length: 10_000 }, (_, index) => `f${index}`);
      const started = Date.now();
      expect(parseSpec(withRoles({ id: 'row', features }), 'wide.json').columns?.features).toHaveLength(10_000);
      const errors = errorsOf(withRoles({ features, ignore: features }), 'wide.json');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(errors).toEqual(['wide.json:1, field "columns.features": column "f0" is in both columns.features and columns.ignore (and 9999 more like it)']);
    });

    it.each([
      ['a number', { label: 3.5 }, 'columns.label', 'expected a column name, got 3.5'],
      ['an object', { prediction: { column: 'p' } }, 'columns.prediction', 'expected a column name, got a mapping'],
      ['true', { id: true }, 'columns.id', 'expected a column name or a list of them, got true'],
      ['an empty name', { text: '' }, 'columns.text', 'expected a column name, got an empty string'],
      ['an empty id list', { id: [] }, 'columns.id', 'expected at least one column'],
      [
        'a list as positive class',
        { score: { column: 'p', positive: [1] } },
        'columns.score',
        'positive: expected a class (text, a number or true/false), got a list',
      ],
    ])('refuses a role given as %s', (_name, roles, field, message) => {
      expect(errorsOf(withRoles(roles), 'roles.json')).toEqual([`roles.json:1, field "${field}": ${message}`]);
    });

    it('cuts a very long name short in the error', () => {
      const long = 'x'.repeat(5_000);
      const [error] = errorsOf(withRoles({ id: long, label: long }), 'long.json');
      expect(error).toContain(`column "${'x'.repeat(80)}"… (5000 characters) is already columns.id`);
      expect(error!.length).toBeLessThan(300);
    });
  });
});

describe('roles against the input columns', () => {
  const spec = (roles: ColumnRoles) => ({ columns: roles }) as Spec;
  const input = [
    { name: 'patient_id', type: 'BIGINT' },
    { name: 'label', type: 'INTEGER' },
    { name: 'score', type: 'DOUBLE' },
  ];

  it('names the role, the missing column and the likely one', () => {
    const errors = checkRoleColumns(spec({ id: 'patient_id', label: 'lable', features: ['scor', 'age', 'bmi'] }), input, 'p.yaml');
    expect(errors.map((error) => error.oneLine())).toEqual([
      'p.yaml, field "columns.label": no column "lable" in the input (did you mean "label"?)',
      'p.yaml, field "columns.features": no column "scor" in the input (did you mean "score"?) (and 2 more missing)',
    ]);
    expect(errors.every((error) => error instanceof WinnowError && error.kind === 'spec')).toBe(true);
  });

  it('checks score columns of either form', () => {
    expect(checkRoleColumns(spec({ score: { column: 'p', positive: 1 } }), input, 'p.yaml').map((error) => error.place.field)).toEqual(['columns.score']);
    expect(checkRoleColumns(spec({ score: { '0': 'score', '1': 'p1' } }), input, 'p.yaml')[0]!.message).toBe('no column "p1" in the input');
    expect(checkRoleColumns(spec({ id: 'patient_id', label: 'label', score: { column: 'score', positive: 1 } }), input, 'p.yaml')).toEqual([]);
  });
});

describe('setting a column role from the app', () => {
  it('moves a one-column role, and lets ids, features and ignored columns gather', () => {
    expect(withColumnRole({ label: 'y' }, 'sick', 'label')).toEqual({ label: 'sick' });
    expect(withColumnRole({ id: 'patient' }, 'visit', 'id')).toEqual({ id: ['patient', 'visit'] });
    expect(withColumnRole({ ignore: ['a'] }, 'b', 'ignore')).toEqual({ ignore: ['a', 'b'] });
    expect(withColumnRole(undefined, 'seen_at', 'timestamp')).toEqual({ timestamp: 'seen_at' });
  });

  it('takes the column out of the role it had, and drops the block when no role is left', () => {
    expect(withColumnRole({ label: 'y', id: ['y2', 'k'] }, 'k', 'label')).toEqual({ label: 'k', id: 'y2' });
    expect(withColumnRole({ label: 'y' }, 'y', null)).toBeUndefined();
    expect(withColumnRole({ features: ['a', 'b'], ignore: ['c'] }, 'a', 'ignore')).toEqual({ features: ['b'], ignore: ['c', 'a'] });
    expect(withColumnRole({ features: ['a'] }, 'a', 'label')).toEqual({ label: 'a' });
    expect(withColumnRole({ score: { yes: 'p_yes', no: 'p_no' } }, 'p_no', null)).toEqual({ score: { yes: 'p_yes' } });
    expect(withColumnRole({ score: { column: 'p', positive: 1 } }, 'p', 'ignore')).toEqual({ ignore: ['p'] });
  });

  it('writes a score with its positive class, and refuses one without', () => {
    expect(withColumnRole({ label: 'y' }, 'p', 'score', true)).toEqual({ label: 'y', score: { column: 'p', positive: true } });
    expect(withColumnRole({ score: { column: 'q', positive: 0 } }, 'p', 'score', 'yes')).toEqual({ score: { column: 'p', positive: 'yes' } });
    expect(() => withColumnRole({}, 'p', 'score')).toThrow(/positive class/);
    expect(() => withColumnRole({}, 'p', 'score', '')).toThrow(/positive class/);
  });

  it('reads a column role back, whatever the column is called', () => {
    const hostile = `x"; DROP TABLE t; --`;
    const roles = withColumnRole(withColumnRole({ features: ['f'] }, hostile, 'id'), 'p', 'score', 'a b');
    expect(roleProblems(roles)).toEqual([]);
    expect(roleOfColumn(roles, hostile)).toEqual({ role: 'id' });
    expect(roleOfColumn(roles, 'p')).toEqual({ role: 'score', positive: 'a b' });
    expect(roleOfColumn(roles, 'f')).toEqual({ role: 'features' });
    expect(roleOfColumn({ score: { yes: 'p_yes' } }, 'p_yes')).toEqual({ role: 'score', scoreOf: 'yes' });
    expect(roleOfColumn(roles, 'nothing')).toBeNull();
    expect(roleOfColumn(undefined, 'p')).toBeNull();
  });

  it('keeps the block sound (one role per column) however roles are set in turn', () => {
    let roles: ColumnRoles | undefined;
    const columns = ['a', 'b', 'c'];
    const choices = [null, 'id', 'timestamp', 'label', 'prediction', 'annotator', 'item', 'text', 'features', 'ignore'] as const;
    for (let step = 0; step < 300; step += 1) {
      roles = withColumnRole(roles, columns[(step * 7) % 3]!, choices[(step * 13) % choices.length]!);
      if (roles) expect(roleProblems(roles), JSON.stringify(roles)).toEqual([]);
    }
  });
});
