/**
 * report.html as a reviewer gets it: `winnow run` on CSV files in a temp folder, then the file
 * read back. One self-contained page, every step with its status, the failing rows, the row
 * equation, charts with tooltips, and data shown as text however hostile it is.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/manifest';
import { main } from '../node/cli/cli';
import { PROFILE_SAMPLE_ROWS } from './gather';
import { formatCount } from './format';
import { escapeHtml } from './markup';

const HOSTILE = ['<script>alert(1)</script>', 'A&B', '"quoted"', "O'Brien"];
const CITIES = ['Oslo', 'Rome', 'Lima'];

/** 120 readings; rows 10, 40, 70, 100 have a hostile city name; temperatures of 99 are out of range. */
function readingsCsv(shift = 0): string {
  const rows = Array.from({ length: 120 }, (_, index) => {
    const city = index % 30 === 9 ? HOSTILE[(index - 9) / 30]! : CITIES[index % 3]!;
    const field = /[",]/.test(city) ? `"${city.replaceAll('"', '""')}"` : city;
    const temp = index % 40 === 0 ? 99 : ((index * 7) % 30) - 5 + shift;
    return `${index + 1},${field},${temp},2026-11-${String((index % 20) + 1).padStart(2, '0')}`;
  });
  return ['id,city,temp,when', ...rows].join('\n') + '\n';
}

const spec = (extra = '', onFail = 'warn') => `version: 1
name: weather
seed: 11
input: readings
sources:
  readings:
    uri: data/readings.csv
  last_year:
    uri: data/last_year.csv
steps:
  - { id: cols, check: schema, columns: { id: BIGINT, temp: BIGINT } }
  - { id: hot, check: between, column: temp, min: -20, max: 45, on_fail: reject, description: "Sensor faults read 99." }
  - { id: cities, check: in_set, column: city, values: [Oslo, Rome, Lima], on_fail: ${onFail} }
  - { id: temp_stable, check: drift, column: temp, baseline: last_year, on_fail: warn }
  - { id: all_stable, check: drift_share, baseline: last_year, max: 1 }
  - { id: fahrenheit, transform: derive, column: temp_f, expr: "temp * 9 / 5 + 32" }
${extra}outputs:
  - { name: all }
gates:
  max_reject_fraction: 0.05
`;

let folder: string;

async function run(name: string, specText: string): Promise<{ code: number; out: string; html: string; manifest: Manifest; files: string[] }> {
  const specPath = join(folder, `${name}.winnow.yaml`);
  await writeFile(specPath, specText);
  const out = join(folder, `out-${name}`);
  const code = await main(['run', specPath, '--out', out], { out: () => {}, err: () => {}, isTTY: false });
  return {
    code,
    out,
    html: await readFile(join(out, 'report.html'), 'utf8'),
    manifest: JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest,
    files: (await readdir(out)).sort(),
  };
}

/** The <tr> of a step in the steps table. */
function stepRow(html: string, id: string): string {
  const match = new RegExp(`<tr[^>]*id="step-${id}"[\\s\\S]*?</tr>`).exec(html);
  if (!match) throw new Error(`no row for step ${id}`);
  return match[0];
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'winnow-report-'));
  await mkdir(join(folder, 'data'));
  await writeFile(join(folder, 'data', 'readings.csv'), readingsCsv());
  await writeFile(join(folder, 'data', 'last_year.csv'), readingsCsv(4));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('report.html', () => {
  let passed: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    passed = await run('passed', spec());
  });

  it('is written beside the manifest as one file, with nothing left half-written', () => {
    expect(passed.code).toBe(0);
    expect(passed.files).toContain('report.html');
    expect(passed.files.filter((file) => file.startsWith('report.'))).toEqual(['report.html', 'report.json']);
    expect(passed.html.startsWith('<!doctype html>')).toBe(true);
    expect(passed.html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('needs no network and runs no script', () => {
    const { html } = passed;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio|source)\b/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/\b(src|href|xlink:href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//i);
    // Links are in-page anchors only.
    for (const [, target] of html.matchAll(/href="([^"]*)"/g)) expect(target).toMatch(/^#/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).toMatch(/prefers-color-scheme: dark/);
    expect(html).toMatch(/@media print/);
  });

  it('says PASSED and lists every step with its status', () => {
    const { html, manifest } = passed;
    expect(html).toContain('<strong>PASSED</strong>');
    expect(manifest.steps.map((step) => step.id)).toEqual(['cols', 'hot', 'cities', 'temp_stable', 'all_stable', 'fahrenheit']);
    for (const step of manifest.steps) {
      const row = stepRow(html, step.id);
      expect(row, step.id).toContain(`class="badge ${step.status}"`);
      expect(row).toContain(`>${step.kind}<`);
      expect(row).toContain(formatCount(step.rowsIn));
    }
    expect(manifest.steps.find((step) => step.id === 'hot')!.status).toBe('rejected');
    expect(manifest.steps.find((step) => step.id === 'cities')!.status).toBe('warned');
    expect(stepRow(html, 'hot')).toContain('Sensor faults read 99.');
  });

  it('states the row-count equation from the manifest', () => {
    const { html, manifest } = passed;
    const { read, kept, rejected, dropped } = manifest.rowCounts;
    expect(read).toBe(120);
    expect(rejected).toBe(3);
    expect(html).toContain(`read ${formatCount(read)} = kept ${formatCount(kept)} + rejected ${formatCount(rejected)} + dropped ${formatCount(dropped)}`);
    expect(html).toContain('✓ adds up');
  });

  it('shows each check’s failing rows with row, file:line and value', () => {
    const { html, manifest } = passed;
    const hot = manifest.steps.find((step) => step.id === 'hot')!;
    expect(hot.examples.map((example) => [example.row, example.line, example.value])).toEqual([
      [1, 2, '99'],
      [41, 42, '99'],
      [81, 82, '99'],
    ]);
    const card = /<div class="card" id="finding-hot">[\s\S]*?<\/table><\/div><\/div>/.exec(html)![0];
    for (const example of hot.examples) {
      expect(card).toContain(`<td class="num">${formatCount(example.row)}</td>`);
      expect(card).toContain(`readings.csv<span class="muted">:${example.line}</span>`);
      expect(card).toContain(`<code>${example.value}</code>`);
    }
    expect(html).toContain('id="finding-cities"');
    // The rejects by reason.
    expect(html).toMatch(/<td class="id">hot<\/td><td class="num">3<\/td>/);
  });

  it('escapes data: a hostile value is text, never markup', () => {
    const { html } = passed;
    const scriptless = html.replaceAll('&lt;script&gt;', '');
    expect(scriptless).not.toMatch(/<script/i);
    expect(html).toContain(escapeHtml('<script>alert(1)</script>'));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A&amp;B');
    expect(html).toContain('&quot;quoted&quot;');
    expect(html).toContain('O&#39;Brien');
    expect(html).not.toContain('<code>A&B</code>');
  });

  it('draws profiles and drift as inline SVG with <title> tooltips', () => {
    const { html } = passed;
    const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((match) => match[0]);
    // Profiles: id, temp, temp_f (histograms), city (top values); drift: temp (drift), temp and city (drift_share).
    expect(svgs.length).toBeGreaterThanOrEqual(7);
    for (const svg of svgs) expect(svg).toMatch(/<title>[^<]+<\/title>/);
    const drift = /<section id="drift">[\s\S]*?<\/section>/.exec(html)![0];
    expect(drift).toContain('id="drift-temp_stable"');
    expect(drift).toContain('id="drift-all_stable"');
    expect(drift.match(/<svg/g)!.length).toBeGreaterThanOrEqual(3);
    expect(drift).toMatch(/<title>\[[^<]*\nbaseline: [\d.]+% \(\d+ of 120\)\ncurrent: [\d.]+% \(\d+ of 117\)<\/title>/);
    const profiles = /<section id="profiles">[\s\S]*?<\/section>/.exec(html)![0];
    expect(profiles).toContain('Histogram of temp');
    expect(profiles).toContain('Most frequent values of city');
  });

  it('lists inputs and outputs with abbreviated hashes, the full hash on hover', () => {
    const { html, manifest } = passed;
    for (const file of [...manifest.inputs.flatMap((input) => input.files), ...manifest.outputs.flatMap((output) => output.files)]) {
      expect(html).toContain(`<span class="hash" title="sha256 ${file.sha256}">${file.sha256.slice(0, 12)}…</span>`);
      expect(html).toContain(file.path);
    }
  });

  it('says FAILED and lists the failures of a failed run', async () => {
    const failed = await run('failed', spec('', 'fail'));
    expect(failed.code).toBe(1);
    expect(failed.manifest.status).toBe('failed');
    expect(failed.files).toContain('report.html');
    expect(failed.html).toContain('<strong>FAILED</strong>');
    expect(failed.html).toContain('<title>weather: FAILED · Winnow run report</title>');
    expect(failed.manifest.failures).toEqual(['step "cities" (in_set) failed']);
    const banner = /<div class="banner failed"[\s\S]*?<\/ul>/.exec(failed.html)![0];
    for (const failure of failed.manifest.failures) expect(banner).toContain(`<li>${escapeHtml(failure)}</li>`);
    expect(stepRow(failed.html, 'cities')).toContain('class="badge failed"');
    expect(failed.html).toContain('No output files were written');
  });

  it('shows a check with nothing to measure as not evaluated, apart from passed and failed, with its reason', async () => {
    const extra = '  - { id: no_labels, check: class_balance, label: "<b>label</b>", max_ratio: 3, on_fail: warn }\n';
    const unmeasured = await run('unmeasured', spec(`  - { id: blank, transform: derive, column: "<b>label</b>", expr: "NULL::VARCHAR" }\n${extra}`));
    expect(unmeasured.code).toBe(0);
    const row = stepRow(unmeasured.html, 'no_labels');
    expect(row).toContain('class="row-not-evaluated"');
    expect(row).toContain('<span class="badge not_evaluated"><span class="sym" aria-hidden="true">∅</span>not evaluated</span>');
    expect(row).toContain('nothing to measure: no labelled row in &quot;&lt;b&gt;label&lt;/b&gt;&quot; · a warning');
    expect(row).not.toContain('<b>label</b>');
    expect(unmeasured.html).toContain('1 check not evaluated');
    expect(unmeasured.html).toMatch(/\.badge\.not_evaluated \{ color: var\(--unmeasured\)/);
  });

  it('still writes a report when nothing is kept', async () => {
    const empty = await run('empty', spec().replace('min: -20, max: 45', 'min: 500, max: 600').replace('max_reject_fraction: 0.05', 'max_reject_fraction: 1'));
    expect(empty.manifest.rowCounts.kept).toBe(0);
    expect(empty.html).toContain('No row was kept: nothing to profile.');
    expect(empty.html).toContain('read 120 = kept 0 + rejected 120 + dropped 0');
  });
});

describe('the profile of many kept rows', () => {
  it('is computed on a deterministic sample, and the report says so', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'winnow-report-sample-'));
    try {
      const { NativeEngine } = await import('../node/engine/native-engine');
      const engine = await NativeEngine.create();
      await engine.run(`COPY (SELECT range AS id, range % 7 AS bucket FROM range(250000)) TO '${join(folder, 'big.csv')}' (HEADER)`);
      await engine.close();
      await writeFile(join(folder, 'big.winnow.yaml'), 'version: 1\nname: big\nsources:\n  big: { uri: big.csv }\nsteps: []\n');
      const code = await main(['run', join(folder, 'big.winnow.yaml'), '--out', join(folder, 'out')], { out: () => {}, err: () => {}, isTTY: false });
      expect(code).toBe(0);
      const page = await readFile(join(folder, 'out', 'report.html'), 'utf8');
      expect(page).toContain('of the 250,000 kept rows');
      const sampled = Number(/a deterministic sample of ([\d,]+) of the 250,000 kept rows/.exec(page)?.[1]?.replaceAll(',', ''));
      // PROFILE_SAMPLE_ROWS, give or take the hash's spread.
      expect(sampled).toBeGreaterThan(PROFILE_SAMPLE_ROWS * 0.95);
      expect(sampled).toBeLessThan(PROFILE_SAMPLE_ROWS * 1.05);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
