/**
 * The export is portable: the spec names local inputs relative to the export folder, inputs
 * outside it are reported (and copied in when asked, keeping partition folders), the command
 * is quoted for a shell, and the exported folder runs and verifies on its own after it moves.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostRequest } from '../../pipelines/protocol/host';
import { runSpecFile } from '../../pipelines/node/run-to-disk/run';
import { verifyManifest } from '../../pipelines/node/run-to-disk/verify';
import { exportPipeline, shellQuote } from './export';
import { Host } from './host';

let dir: string;
const spec = (uri: string, extra = '') =>
  `# the team's pipeline\nversion: 1\nname: t\nseed: 3\nsources:\n  data:\n    uri: ${uri} # the input\nsteps:\n  - id: ok\n    check: not_null\n    column: a\n${extra}outputs:\n  - name: all\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'winnow-export-test-'));
  mkdirSync(join(dir, 'inputs', 'parts', 'year=2025'), { recursive: true });
  mkdirSync(join(dir, 'inputs', 'parts', 'year=2026'), { recursive: true });
  writeFileSync(join(dir, 'inputs', 'a.csv'), 'a,b\n1,x\n2,y\n');
  writeFileSync(join(dir, 'inputs', 'parts', 'year=2025', 'p.csv'), 'a,b\n1,x\n');
  writeFileSync(join(dir, 'inputs', 'parts', 'year=2026', 'p.csv'), 'a,b\n2,y\n3,z\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exportPipeline', () => {
  it('names an input inside the folder relatively, keeps comments, and the moved folder runs and verifies', async () => {
    const folder = join(dir, 'inside');
    mkdirSync(join(folder, 'data'), { recursive: true });
    writeFileSync(join(folder, 'data', 'a.csv'), 'a,b\n1,x\n2,y\n');
    const result = await exportPipeline(folder, spec(join(folder, 'data', 'a.csv')));
    const text = readFileSync(result.specPath, 'utf8');
    expect(text).toBe(spec('data/a.csv'));
    expect(result.inputs).toEqual([{ source: 'data', uri: 'data/a.csv', files: 1, bytes: 12, outside: false, copied: false }]);

    const moved = join(dir, 'moved-elsewhere');
    cpSync(folder, moved, { recursive: true });
    const run = await runSpecFile(join(moved, 'pipeline.winnow.yaml'), { out: join(moved, 'out'), snapshot: join(moved, 'snapshot.json') });
    expect(run.exitCode).toBe(0);
    expect((await verifyManifest(join(moved, 'out', 'manifest.json'))).problems).toEqual([]);
  });

  it('says when an input lies outside the folder, and copies it in (file, folder of partitions, glob) when asked', async () => {
    const folder = join(dir, 'outside');
    const relative = await exportPipeline(folder, spec('../inputs/a.csv'), { baseFolder: join(dir, 'project') });
    expect(relative.inputs[0]).toMatchObject({ uri: '../inputs/a.csv', outside: true, copied: false });

    const copied = await exportPipeline(folder, spec(join(dir, 'inputs', 'a.csv')), { copyInputs: true });
    expect(copied.inputs[0]).toMatchObject({ uri: 'data/data/a.csv', outside: false, copied: true });
    expect(readFileSync(join(folder, 'data', 'data', 'a.csv'), 'utf8')).toBe('a,b\n1,x\n2,y\n');

    const partitions = await exportPipeline(join(dir, 'parts-export'), spec(join(dir, 'inputs', 'parts/')), { copyInputs: true });
    expect(partitions.inputs[0]).toMatchObject({ uri: 'data/data/parts/', files: 2, copied: true });
    const globbed = await exportPipeline(join(dir, 'glob-export'), spec(join(dir, 'inputs', 'parts', 'year=*', '*.csv')), { copyInputs: true });
    expect(globbed.inputs[0]).toMatchObject({ uri: 'data/data/year=*/*.csv', files: 2, copied: true });
    const run = await runSpecFile(join(dir, 'glob-export', 'pipeline.winnow.yaml'), {
      out: join(dir, 'glob-out'),
      snapshot: join(dir, 'glob-export', 'snapshot.json'),
    });
    expect(run.exitCode).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'glob-out', 'manifest.json'), 'utf8')) as { inputs: { schema: { name: string }[] }[] };
    expect(manifest.inputs[0]!.schema.map((column) => column.name)).toContain('year');
  });

  it('leaves s3:// and https:// inputs as they are', async () => {
    const result = await exportPipeline(join(dir, 'remote'), spec('s3://bucket/key.csv'), { copyInputs: true }).catch((error: Error) => error);
    // No S3 here: resolving fails, but before any copy or rewrite of the URI was attempted.
    expect(result).toBeInstanceOf(Error);
  });

  it('prints a command that works as printed from any folder, quoting a hostile folder name', async () => {
    const folder = join(dir, "it's $(touch pwned) `x` ; ok");
    const result = await exportPipeline(folder, spec(join(dir, 'inputs', 'a.csv')), { copyInputs: true, path: '' });
    expect(result.onPath).toBe(false);
    expect(result.install).toMatch(/^npm install -g /);
    expect(result.command).toBe(`cd ${shellQuote(folder)} && winnow run pipeline.winnow.yaml --snapshot snapshot.json --out out`);

    const bin = mkdtempSync(join(tmpdir(), 'winnow-bin-'));
    symlinkSync(join(process.cwd(), 'bin', 'winnow.mjs'), join(bin, 'winnow'));
    execFileSync('/bin/sh', ['-c', result.command], {
      cwd: tmpdir(),
      env: { PATH: [bin, dirname(process.execPath), '/usr/bin', '/bin'].join(':') },
      stdio: 'pipe',
    });
    expect(readFileSync(join(folder, 'out', 'manifest.json'), 'utf8')).toContain('"status": "passed"');
    expect(() => readFileSync(join(tmpdir(), 'pwned'))).toThrow();
  });

  it('refuses a spec that is not valid before writing anything', async () => {
    const folder = join(dir, 'invalid');
    await expect(exportPipeline(folder, 'version: 1\nname: t\nsources: {}\nsteps: []\n')).rejects.toThrow(/sources/);
    expect(() => readFileSync(join(folder, 'pipeline.winnow.yaml'))).toThrow();
  });
});

describe('HostRequest.ExportPipeline', () => {
  it('refuses an as-of that is not a date, and a base folder that is not a path', async () => {
    const host = new Host({ dataDir: join(dir, 'host-data'), appDir: dir });
    try {
      const payload = { folder: join(dir, 'via-host'), specYaml: spec(join(dir, 'inputs', 'a.csv')) };
      const cases: [string, string][] = [
        ['asOf', '2026-01-01; rm -rf /'],
        ['asOf', '2026-13-45'],
        ['baseFolder', 'file:///etc'],
        ['baseFolder', 'https://example.com/x'],
      ];
      for (const [field, value] of cases) {
        const answer = await host.handle(HostRequest.ExportPipeline, { ...payload, [field]: value });
        expect(answer, `${field} = ${value}`).toMatchObject({ ok: false, status: 400, error: { error: expect.stringContaining(field) } });
      }
      const answer = await host.handle(HostRequest.ExportPipeline, { ...payload, asOf: '2026-03-31T12:00' });
      expect(answer.ok && (answer.result as { command: string }).command).toMatch(/ --as-of 2026-03-31T12:00$/);
    } finally {
      await host.close();
    }
  });
});
