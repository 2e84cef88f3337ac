/**
 * `npm test` on a fresh machine: the Chromium the e2e tests need is found, installed (root or
 * passwordless sudo), or its absence stops the run at once with the one command that fixes it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPath, chromiumPlan, type MachineProbe } from './ensure-chromium.mjs';

const root = join(import.meta.dirname, '..');
const nothing = () => false;
const bare: MachineProbe = { env: {}, exists: nothing, isRoot: false, passwordlessSudo: false, hasAptGet: true };

describe('chromiumPlan', () => {
  it("uses Debian's chromium when it is there", () => {
    expect(chromiumPlan({ ...bare, exists: (path) => path === '/usr/bin/chromium' })).toEqual({ use: '/usr/bin/chromium' });
  });

  it("uses Playwright's own browser when only that one is installed", () => {
    const own = '/home/me/.cache/ms-playwright/chromium-1/chrome-linux/chrome';
    expect(chromiumPlan({ ...bare, playwrightChromium: own, exists: (path) => path === own })).toEqual({ use: own });
  });

  it('installs with apt-get as root, without sudo', () => {
    expect(chromiumPlan({ ...bare, isRoot: true })).toEqual({ install: ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium'] });
  });

  it('installs through passwordless sudo, never one that would prompt', () => {
    expect(chromiumPlan({ ...bare, passwordlessSudo: true }).install?.slice(0, 3)).toEqual(['sudo', '-n', 'apt-get']);
  });

  it('without root or sudo, stops with the apt-get command to run', () => {
    const plan = chromiumPlan(bare);
    expect(plan.use).toBeUndefined();
    expect(plan.install).toBeUndefined();
    expect(plan.stop).toMatch(/run: sudo apt-get install -y chromium$/);
    expect(plan.stop).not.toContain('\n');
  });

  it("without apt-get (not Debian), stops with Playwright's download command", () => {
    expect(chromiumPlan({ ...bare, hasAptGet: false, isRoot: true }).stop).toMatch(/run: npx playwright install chromium$/);
  });

  it('WINNOW_CHROMIUM pointed at a missing file stops, and nothing else is tried or installed', () => {
    const plan = chromiumPlan({ ...bare, env: { WINNOW_CHROMIUM: '/nowhere/chrome' }, exists: (path) => path === '/usr/bin/chromium', isRoot: true });
    expect(plan).toEqual({ stop: expect.stringContaining('WINNOW_CHROMIUM="/nowhere/chrome" is not a file') });
  });

  it('WINNOW_CHROMIUM that is relative, or holds a newline, is refused on one line', () => {
    expect(chromiumPlan({ ...bare, env: { WINNOW_CHROMIUM: 'chrome' }, exists: () => true }).stop).toContain('is not an absolute path');
    const hostile = chromiumPlan({ ...bare, env: { WINNOW_CHROMIUM: '/x\nrm -rf /' } }).stop!;
    expect(hostile).not.toContain('\n');
  });

  it('WINNOW_CHROMIUM that exists is the browser Playwright launches', () => {
    expect(chromiumPath({ env: { WINNOW_CHROMIUM: '/opt/chrome/chrome' }, exists: (path) => path === '/opt/chrome/chrome' })).toBe('/opt/chrome/chrome');
  });
});

describe('npm test', () => {
  it('checks for Chromium before it builds or runs anything', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test!.split(' && ')[0]).toBe('node scripts/ensure-chromium.mjs');
    expect(scripts['test:e2e']!.split(' && ')[0]).toBe('node scripts/ensure-chromium.mjs');
  });

  it('the check exits 1 with one line when the browser path names a missing file', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-chromium.mjs')], {
      env: { ...process.env, WINNOW_CHROMIUM: '/nowhere/chrome' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('WINNOW_CHROMIUM="/nowhere/chrome" is not a file');
  });
});
