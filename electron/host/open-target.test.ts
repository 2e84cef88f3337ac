/**
 * `winnow serve --open PATH` and `npm start -- PATH` (the Electron main process's argument logic,
 * tested here in Node: Electron itself cannot run on these machines): a dataset, a spec file or
 * a project folder opens; a path that cannot open is refused in one line before anything starts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostRequest } from '../../pipelines/protocol/host';
import { serve } from '../server/main';
import { Host } from './host';
import { openArgument, openProblem, openQuery, resolveOpenTarget } from './open-target';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FLIGHTS_SPEC = join(ROOT, 'examples', 'flights', 'flights.winnow.yaml');
let dir: string;

const spec = (uri: string, extra = '') => `version: 1\nname: t\n${extra}sources:\n  data:\n    uri: ${uri}\nsteps: []\n`;

/** The one line a refusal prints, or a failure when `path` was not refused. */
async function refusal(path: string, cwd = dir): Promise<string> {
  try {
    await resolveOpenTarget(path, cwd);
  } catch (error) {
    const line = openProblem(error);
    expect(line).not.toMatch(/[\r\n]/);
    return line;
  }
  throw new Error(`${path} was not refused`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-open-target-'));
  mkdirSync(join(dir, 'project', 'data'), { recursive: true });
  writeFileSync(join(dir, 'project', 'data', 'a.csv'), 'x\n1\n');
  writeFileSync(join(dir, 'project', 'pipeline.winnow.yaml'), spec('data/a.csv'));
  writeFileSync(join(dir, 'project', 'other.winnow.yaml'), spec('data/a.csv'));
  writeFileSync(join(dir, 'bad-input.winnow.yaml'), spec('data/missing.csv'));
  writeFileSync(join(dir, 'bad-yaml.yml'), 'version: 1\nsteps: [\n');
  writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
  writeFileSync(join(dir, 'no-such-input.yaml'), spec('data/a.csv', 'input: labels\n'));
  writeFileSync(join(dir, 'remote.winnow.yaml'), spec('s3://bucket/key.parquet'));
  mkdirSync(join(dir, 'partitions'));
  mkdirSync(join(dir, 'a folder.winnow.yaml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveOpenTarget', () => {
  it('opens the flights example spec as a spec, by its absolute path', async () => {
    expect(await resolveOpenTarget('examples/flights/flights.winnow.yaml', ROOT)).toEqual({ kind: 'spec', file: FLIGHTS_SPEC });
  });

  it('opens a folder holding pipeline.winnow.yaml, or that file itself, as the project', async () => {
    expect(await resolveOpenTarget('project', dir)).toEqual({ kind: 'project', folder: join(dir, 'project') });
    expect(await resolveOpenTarget('project/pipeline.winnow.yaml', dir)).toEqual({ kind: 'project', folder: join(dir, 'project') });
    expect(await resolveOpenTarget('project/other.winnow.yaml', dir)).toEqual({ kind: 'spec', file: join(dir, 'project', 'other.winnow.yaml') });
  });

  it('opens datasets as before: a file, a folder of partitions, a glob, a remote URI', async () => {
    expect(await resolveOpenTarget('project/data/a.csv', dir)).toEqual({ kind: 'dataset', uri: join(dir, 'project', 'data', 'a.csv') });
    expect(await resolveOpenTarget('partitions', dir)).toEqual({ kind: 'dataset', uri: join(dir, 'partitions') });
    expect(await resolveOpenTarget('project/data/*.csv', dir)).toEqual({ kind: 'dataset', uri: join(dir, 'project', 'data', '*.csv') });
    expect(await resolveOpenTarget('s3://bucket/key.csv', dir)).toEqual({ kind: 'dataset', uri: 's3://bucket/key.csv' });
  });

  it('a spec whose input is remote opens without reading it first', async () => {
    expect(await resolveOpenTarget('remote.winnow.yaml', dir)).toEqual({ kind: 'spec', file: join(dir, 'remote.winnow.yaml') });
  });

  it('refuses a missing file in one line naming it', async () => {
    expect(await refusal('nope.winnow.yaml')).toBe(`${join(dir, 'nope.winnow.yaml')}: no such file or folder`);
  });

  it('refuses a spec whose input path names no file, naming the spec, the field and the path', async () => {
    const line = await refusal('bad-input.winnow.yaml');
    expect(line).toMatch(
      new RegExp(
        `^${join(dir, 'bad-input.winnow.yaml')}, field "sources.data.uri": input source "data" cannot be read: data/missing.csv: no such file or folder`,
      ),
    );
    expect(line).toContain(join(dir, 'data', 'missing.csv'));
  });

  it('refuses a spec that is not YAML, not a mapping, or whose input names no source', async () => {
    expect(await refusal('bad-yaml.yml')).toMatch(
      /bad-yaml\.yml:3: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/,
    );
    expect(await refusal('list.yaml')).toMatch(/list\.yaml:1: a spec is a mapping/);
    expect(await refusal('no-such-input.yaml')).toMatch(/no-such-input\.yaml, field "input": the input names source "labels", which sources does not define$/);
  });

  it('refuses hostile paths: empty, with a line break or a NUL, a folder named like a spec', async () => {
    expect(await refusal('')).toBe('not a path: ""');
    expect(await refusal('a.yaml\nrm -rf ~')).toBe('not a path: "a.yaml\\nrm -rf ~"');
    expect(await refusal('a\0.yaml')).toContain('not a path');
    // A folder is a dataset of partitions unless it holds pipeline.winnow.yaml, whatever its name.
    expect(await resolveOpenTarget('a folder.winnow.yaml', dir)).toEqual({ kind: 'dataset', uri: join(dir, 'a folder.winnow.yaml') });
  });
});

describe('what the app is given', () => {
  it('names the target in the start address, encoded', () => {
    expect(openQuery({ kind: 'spec', file: '/a b/x&y#.winnow.yaml' })).toBe('spec=%2Fa%20b%2Fx%26y%23.winnow.yaml');
    expect(openQuery({ kind: 'project', folder: '/p?q' })).toBe('project=%2Fp%3Fq');
    expect(openQuery({ kind: 'dataset', uri: '/d.csv' })).toBe('open=%2Fd.csv');
  });

  it("the desktop app's path: WINNOW_OPEN (npm start), else its first argument that is not a flag", () => {
    expect(openArgument(['--no-sandbox', 'a.winnow.yaml'], {})).toBe('a.winnow.yaml');
    expect(openArgument(['a.winnow.yaml'], { WINNOW_OPEN: '/sample.csv' })).toBe('/sample.csv');
    expect(openArgument(['--no-sandbox', '--inspect=9229'], {})).toBeUndefined();
  });
});

describe('winnow serve --open', () => {
  it('stops before it listens when the path cannot open', async () => {
    await expect(serve(['--open', join(dir, 'bad-input.winnow.yaml')])).rejects.toThrow(/cannot be read/);
    await expect(serve(['--open', join(dir, 'nope.csv')])).rejects.toThrow('no such file or folder');
    await expect(serve(['--open'])).rejects.toThrow('--open needs a path');
  });
});

describe('HostRequest.ReadSpec', () => {
  it("answers a spec file's text and folder, and refuses anything else in one line", async () => {
    const host = new Host({ dataDir: join(dir, 'data-dir'), appDir: ROOT, cwd: ROOT });
    expect(await host.handle(HostRequest.ReadSpec, { path: 'examples/flights/flights.winnow.yaml' })).toEqual({
      ok: true,
      result: { path: FLIGHTS_SPEC, folder: join(ROOT, 'examples', 'flights'), specYaml: expect.stringContaining('name: flights') },
    });
    for (const [path, message] of [
      [join(dir, 'nope.yaml'), 'no such file'],
      [dir, 'not a file'],
    ] as const) {
      const answer = await host.handle(HostRequest.ReadSpec, { path });
      expect(answer).toMatchObject({ ok: false, status: 422, error: { error: expect.stringContaining(message) } });
    }
    await host.close();
  });
});
