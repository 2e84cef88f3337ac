/**
 * `winnow suggest --roles` (issue 14) on CSV files written here: which role each column is given
 * and why, a block that pastes into a spec that `winnow validate` then accepts, and the same roles
 * in the spec `winnow suggest` writes.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../../spec/parse';
import { winnow } from '../../../testing/cli-kit';

let folder: string;
let visits: string;

/** 40 visits: unique patient ids, one timestamp, a 0/1 label (1 in a quarter), a prediction, a score in [0, 1]. */
const visitRows = Array.from({ length: 40 }, (_, index) => {
  const sick = index % 4 === 0 ? 1 : 0;
  const seen = `2026-03-${String((index % 28) + 1).padStart(2, '0')} 0${index % 10}:15:00`;
  return [
    1000 + index * 7,
    seen,
    20 + (index % 50),
    index % 3 === 0 ? 'north' : 'south',
    sick,
    index % 5 === 0 ? 1 - sick : sick,
    ((index * 13) % 41) / 40,
  ].join(',');
});

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-roles-'));
  visits = join(folder, 'visits.csv');
  await writeFile(visits, ['patient_id,seen_at,age,site,label,prediction,score', ...visitRows].join('\n') + '\n');
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const specWith = (block: string, data = 'visits.csv') => `version: 1\nname: visits\nsources:\n  visits:\n    uri: ${data}\nsteps: []\n${block}`;

describe('winnow suggest --roles', () => {
  it('gives each role with its reason, as a block that pastes into a spec winnow validate accepts', async () => {
    const result = await winnow('suggest', visits, '--roles');
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('  # patient_id: 40 distinct integers in 40 rows, no nulls.\n  id: patient_id\n');
    expect(result.out).toContain('  # seen_at: the only date or time column (TIMESTAMP).\n  timestamp: seen_at\n');
    expect(result.out).toContain('  # label: named like a label (2 distinct values).\n  label: label\n');
    expect(result.out).toContain('  prediction: prediction\n');
    expect(result.out).toContain("  # score: named like a score, values within [0, 1]; positive class 1 of label's 0/1.\n");
    const spec = specWith(result.out);
    expect(parseSpec(spec, 'visits.winnow.yaml').columns).toEqual({
      id: 'patient_id',
      timestamp: 'seen_at',
      label: 'label',
      prediction: 'prediction',
      score: { column: 'score', positive: 1 },
    });
    const path = join(folder, 'visits.winnow.yaml');
    await writeFile(path, spec);
    expect(await winnow('validate', path)).toMatchObject({ code: 0, err: '' });
  });

  it('does not call a unique integer an id when several are and none is named like one, nor a date the timestamp when there are two', async () => {
    const path = join(folder, 'counts.csv');
    await writeFile(path, ['a,b,opened,closed', '1,10,2026-01-01,2026-02-01', '2,20,2026-01-02,2026-02-02', '3,30,2026-01-03,2026-02-03'].join('\n') + '\n');
    const result = await winnow('suggest', path, '--roles');
    expect(result.code).toBe(0);
    expect(result.out).toContain('columns: {}');
    expect(parseSpec(specWith(result.out, 'counts.csv'), 'counts.winnow.yaml').columns).toEqual({});
  });

  it("takes a UUID column as the id, and says a text label's positive class is a guess", async () => {
    const path = join(folder, 'reviews.csv');
    const uuid = (index: number) => `3f0c${String(index).padStart(4, '0')}-8d1e-4c2a-9b7e-0a1b2c3d4e5f`;
    const rows = Array.from({ length: 12 }, (_, index) => `${uuid(index)},${index % 3 === 0 ? 'spam' : 'ham'},${(index % 10) / 10}`);
    await writeFile(path, ['review,target,spam_prob', ...rows].join('\n') + '\n');
    const result = await winnow('suggest', path, '--roles');
    expect(result.out).toContain('  # review: 12 distinct UUIDs in 12 rows, no nulls.\n  id: review\n');
    expect(result.out).toContain('positive class "spam", the rarer of target\'s two classes (a guess: check it).');
    expect(parseSpec(specWith(result.out, 'reviews.csv'), 'r.yaml').columns).toEqual({
      id: 'review',
      label: 'target',
      score: { column: 'spam_prob', positive: 'spam' },
    });
  });

  it('reads names by their words: y is a label, y_hat and predictedClass predictions, hat_size neither', async () => {
    const path = join(folder, 'words.csv');
    await writeFile(path, ['hat_size,y_hat,y', ...Array.from({ length: 6 }, (_, index) => `${index % 3},${index % 2},${(index + 1) % 2}`)].join('\n') + '\n');
    expect(parseSpec(specWith((await winnow('suggest', path, '--roles')).out, 'words.csv'), 'w.yaml').columns).toEqual({ label: 'y', prediction: 'y_hat' });
    const camel = join(folder, 'camel.csv');
    await writeFile(camel, ['targetValue,predictedClass', '1,0', '0,1', '1,1'].join('\n') + '\n');
    expect(parseSpec(specWith((await winnow('suggest', camel, '--roles')).out, 'camel.csv'), 'c.yaml').columns).toEqual({
      label: 'targetValue',
      prediction: 'predictedClass',
    });
  });

  it('quotes column names YAML would misread, so the block still pastes', async () => {
    const path = join(folder, 'odd.csv');
    await writeFile(path, ['"id: #1",y', ...Array.from({ length: 5 }, (_, index) => `${index},${index % 2}`)].join('\n') + '\n');
    const result = await winnow('suggest', path, '--roles');
    expect(parseSpec(specWith(result.out, 'odd.csv'), 'odd.yaml').columns).toEqual({ id: 'id: #1', label: 'y' });
  });

  it('puts the same roles, with their reasons, in the spec winnow suggest writes, which winnow run passes', async () => {
    const out = join(folder, 'suggested.winnow.yaml');
    expect((await winnow('suggest', visits, '--out', out)).code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text).toContain('columns:\n  # patient_id: 40 distinct integers in 40 rows, no nulls.\n  id: patient_id\n');
    expect(parseSpec(text, out).columns).toEqual({
      id: 'patient_id',
      timestamp: 'seen_at',
      label: 'label',
      prediction: 'prediction',
      score: { column: 'score', positive: 1 },
    });
    expect((await winnow('run', out, '--out', join(folder, 'suggested-out'))).code).toBe(0);
  });

  it('does not take --out', async () => {
    const result = await winnow('suggest', visits, '--roles', '--out', join(folder, 'roles.yaml'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('--roles');
  });
});
