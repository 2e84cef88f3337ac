/**
 * `winnow validate` says before a run what the run will do with a drift check on a column the
 * spec's roles keep out of drift (an id, the timestamp, an ignored column): the drift check will
 * not be evaluated, drift_share leaves the column out.
 */
import { describe, expect, it } from 'vitest';
import { parseSpec } from './parse';
import { specWarnings, warningLine } from './warnings';

const spec = (steps: string, columns = 'columns: { id: patient_id, timestamp: seen_at, ignore: [notes] }') =>
  parseSpec(
    `version: 1
name: roles
input: now
sources: { now: { uri: now.csv }, before: { uri: before.csv } }
${columns}
steps:
${steps}
`,
    'roles.winnow.yaml',
  );

describe('validate warns about drift checks on columns the roles keep out of drift', () => {
  it('a drift check on the id, the timestamp or an ignored column will not be evaluated', () => {
    const parsed = spec(`  - { id: d_id, check: drift, column: patient_id, baseline: before }
  - { id: d_seen, check: drift, column: seen_at, baseline: before }
  - { id: d_notes, check: drift, column: notes, baseline: before }
  - { id: d_age, check: drift, column: age, baseline: before }`);
    expect(specWarnings(parsed, 'roles.winnow.yaml').map(warningLine)).toEqual([
      'warning: roles.winnow.yaml, step "d_id", field "column": column "patient_id": columns.id: never tested for drift, so the check will not be evaluated',
      'warning: roles.winnow.yaml, step "d_seen", field "column": column "seen_at": columns.timestamp: never tested for drift, so the check will not be evaluated',
      'warning: roles.winnow.yaml, step "d_notes", field "column": column "notes": columns.ignore: never tested for drift, so the check will not be evaluated',
    ]);
  });

  it('drift_share names each listed column it will leave out, and nothing for a disabled step or a spec without roles', () => {
    const parsed = spec(`  - { id: share, check: drift_share, columns: [age, patient_id], baseline: before }
  - { id: off, check: drift, column: patient_id, baseline: before, enabled: false }`);
    expect(specWarnings(parsed, 'roles.winnow.yaml').map(warningLine)).toEqual([
      'warning: roles.winnow.yaml, step "share", field "columns": column "patient_id": columns.id: never tested for drift, so it is left out of the share',
    ]);
    expect(specWarnings(spec('  - { id: d_id, check: drift, column: patient_id, baseline: before }', ''), 'roles.winnow.yaml')).toEqual([]);
  });

  it('a hostile column name is quoted as written, not interpreted', () => {
    const parsed = spec(`  - { id: d, check: drift, column: "x\\"; DROP TABLE t; --", baseline: before }`, 'columns: { id: "x\\"; DROP TABLE t; --" }');
    expect(specWarnings(parsed, 'roles.winnow.yaml').map(warningLine)).toEqual([
      'warning: roles.winnow.yaml, step "d", field "column": column "x"; DROP TABLE t; --": columns.id: never tested for drift, so the check will not be evaluated',
    ]);
  });
});
