/**
 * `winnow profile` and `winnow suggest` as a person uses them: files in a temp folder, exit codes,
 * the text and JSON they print, and a suggested spec that `winnow run` then passes.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileReport } from '../../node/cli/commands/profile';
import { parseSpec } from '../../spec/parse';
import { ROOT } from '../../../testing/profile-fixtures';
import { winnow } from '../../../testing/cli-kit';

let folder: string;
let weather: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-profile-'));
  weather = join(folder, 'data', 'seattle-weather.csv');
  await import('node:fs/promises').then((fs) => fs.mkdir(join(folder, 'data')));
  await copyFile(join(ROOT, 'node_modules/vega-datasets/data/seattle-weather.csv'), weather);
  await writeFile(
    join(folder, 'data', 'contacts.csv'),
    ['id,email,note', '1,ana@example.com,hi', '2,bo@example.org,', '3,cy@example.net,ok'].join('\n') + '\n',
  );
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('winnow profile', () => {
  it('prints an aligned block per column', async () => {
    const result = await winnow('profile', weather);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`${weather}: 1,461 rows, 6 columns; distinct counts and quantiles exact`);
    expect(result.out).toContain('possible PII: none found');
    expect(result.out).toMatch(/\ntemp_max {2}DOUBLE {2}numeric\n {2}count {6}1,461\n/);
    expect(result.out).toContain('  mean       16.4391\n');
    expect(result.out).toContain('  top values  rain     641  43.9%\n');
  });

  it('prints every statistic as JSON, with where the rows came from', async () => {
    const result = await winnow('profile', weather, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as ProfileReport;
    expect(report.source).toEqual({ uri: weather, files: [weather], read: 1461, rejected: 0 });
    expect(report.dataset).toMatchObject({ rows: 1461, columns: 6, exact: true });
    expect(report.columns.map((column) => column.name)).toEqual(['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather']);
    expect(report.columns[2]!.numeric?.std).toBeCloseTo(7.349758, 6);
  });

  it('flags columns that look like personal data', async () => {
    const result = await winnow('profile', join(folder, 'data', 'contacts.csv'));
    expect(result.out).toContain('possible PII: email');
    expect(result.out).toContain('  possible PII  email');
  });

  it('flags card and phone numbers read as integers and personal data inside free text, as the pii check finds them', async () => {
    const file = join(folder, 'data', 'people.csv');
    await writeFile(
      file,
      [
        'card,phone,note,version',
        '4111111111111111,15551234567,Contact me at bob@example.com please,1.2.3',
        '4111111111111112,1700000000,nothing,v1.2.3.4',
        '5500000000000004,447911123456,gateway 192.168.001.001.,3.14159',
        ',,fine,0.1.2.3',
      ].join('\n') + '\n',
    );
    const result = await winnow('profile', file, '--json');
    expect(result).toMatchObject({ code: 0, err: '' });
    const report = JSON.parse(result.out) as ProfileReport;
    const byName = Object.fromEntries(report.columns.map((column) => [column.name, column]));
    expect([byName.card!.type, byName.phone!.type]).toEqual(['BIGINT', 'BIGINT']);
    expect(byName.card!.patterns).toMatchObject({ holding: { credit_card: 2 }, pii: ['credit_card'] });
    expect(byName.phone!.patterns).toMatchObject({ holding: { phone: 2 }, pii: ['phone'] });
    expect(byName.note!.patterns).toMatchObject({ holding: { email: 1, ip: 1, phone: 0 }, pii: ['email', 'ip'] });
    expect(byName.version!.patterns).toMatchObject({ holding: { email: 0, phone: 0, ip: 0, credit_card: 0 }, possiblePii: false });
    expect(report.dataset.possiblePii).toEqual(['card', 'phone', 'note']);
    const text = await winnow('profile', file);
    expect(text.out).toContain('possible PII: card, phone, note');
    expect(text.out).toContain('  possible PII  email 25%, ip 25%');
    expect(text.out).toContain('  possible PII  credit_card 66.7%');
  });

  it('says why it cannot read a file, with exit code 2', async () => {
    const result = await winnow('profile', join(folder, 'missing.csv'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('missing.csv');
  });

  it('has help with an example', async () => {
    const result = await winnow('profile', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Example:');
    expect(result.out).toContain('--exact');
  });
});

describe('winnow suggest', () => {
  it('prints a starter spec that parses', async () => {
    const result = await winnow('suggest', weather);
    expect(result.code).toBe(0);
    const spec = parseSpec(result.out, 'weather.winnow.yaml');
    expect(spec.name).toBe('seattle-weather');
    expect(spec.steps.map((step) => step.id)).toContain('weather_values');
  });

  it('writes the spec beside its data, with the source relative to it, and winnow run passes it', async () => {
    const out = join(folder, 'specs', 'weather.winnow.yaml');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(folder, 'specs')));
    const written = await winnow('suggest', weather, '--out', out, '--name', 'weather');
    expect(written).toMatchObject({ code: 0, err: '' });
    expect(written.out).toContain('suggested steps from 1461 rows');
    const spec = parseSpec(await readFile(out, 'utf8'), out);
    expect(spec.sources).toEqual({ weather: { uri: '../data/seattle-weather.csv' } });
    const run = await winnow('run', out, '--out', join(folder, 'run-out'));
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
  });

  it('does not overwrite a file unless asked', async () => {
    const out = join(folder, 'existing.yaml');
    await writeFile(out, 'keep me');
    const refused = await winnow('suggest', weather, '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--force');
    expect(await readFile(out, 'utf8')).toBe('keep me');
    expect((await winnow('suggest', weather, '--out', out, '--force')).code).toBe(0);
  });

  it('has help with an example', async () => {
    const result = await winnow('suggest', '--help');
    expect(result.out).toContain('Example:');
  });
});
