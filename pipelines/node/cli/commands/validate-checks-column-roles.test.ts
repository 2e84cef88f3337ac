/**
 * Issue 14: once the input's columns are known, each column role must name one of them.
 * `winnow validate` and `winnow run` refuse a role that does not, in one line at `columns.<role>`
 * with the likely column, before any step runs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../../../../testing/cli-kit';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-role-columns-'));
  await writeFile(join(folder, 'visits.csv'), 'patient_id,label,score\n1,0,0.2\n2,1,0.9\n3,0,0.4\n');
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function specWith(name: string, block: string, steps = '[]'): Promise<string> {
  const path = join(folder, `${name}.winnow.yaml`);
  await writeFile(path, `version: 1\nname: ${name}\nsources:\n  visits:\n    uri: visits.csv\n${block}steps: ${steps}\n`);
  return path;
}

describe('column roles against the input', () => {
  it('refuses a role naming a missing column, at validate and at run, with the likely column', async () => {
    const path = await specWith('typo', 'columns:\n  id: patient_id\n  label: lable\n');
    const line = `${path}, field "columns.label": no column "lable" in the input (did you mean "label"?)`;
    const validated = await winnow('validate', path);
    expect(validated.code).toBe(2);
    expect(validated.err.trim()).toBe(line);
    const run = await winnow('run', path, '--out', join(folder, 'typo-out'));
    expect(run.code).toBe(2);
    expect(run.err.trim()).toBe(line);
  });

  it('says every missing role and step column at once at validate', async () => {
    const path = await specWith(
      'both',
      'columns:\n  score: { column: p_sick, positive: 1 }\n  ignore: [ward, notes]\n',
      '[{ id: ok, check: not_null, column: scor }]',
    );
    const validated = await winnow('validate', path);
    expect(validated.code).toBe(2);
    expect(validated.err.trim().split('\n')).toEqual([
      `${path}, field "columns.score": no column "p_sick" in the input`,
      `${path}, field "columns.ignore": no column "ward" in the input (and 1 more missing)`,
      `${path}, step "ok", field "column": no column "scor" at this step (did you mean "score"?)`,
    ]);
  });

  it('accepts roles that name the input columns', async () => {
    const path = await specWith('fine', 'columns:\n  id: patient_id\n  label: label\n  score: { column: score, positive: 1 }\n');
    expect(await winnow('validate', path)).toMatchObject({ code: 0, err: '' });
    expect((await winnow('run', path, '--out', join(folder, 'fine-out'))).code).toBe(0);
  });
});
