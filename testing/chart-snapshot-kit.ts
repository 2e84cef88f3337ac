/**
 * SVG snapshot tests for the chart factories (tests only; Node). A factory renders into a jsdom
 * document; the SVG text is compared with the committed golden file
 * renderer/charts/__snapshots__/<name>.svg. When it differs, the new rendering is written beside
 * it as <name>-changed.svg, so a reviewer can open both, and the test fails; accept a change by
 * moving the -changed file over the golden one. A missing golden file is written on first run,
 * except in CI, where it fails.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const SNAPSHOTS = fileURLToPath(new URL('../renderer/charts/__snapshots__/', import.meta.url));

/** A fresh DOM document for a factory's `document` option. */
export function testDocument(): Document {
  return new JSDOM('<!DOCTYPE html><html><body></body></html>').window.document;
}

/** The chart as a standalone SVG file's text. */
export function svgText(chart: Element): string {
  if (chart.tagName.toLowerCase() !== 'svg') throw new Error(`a chart factory should return one <svg>, not <${chart.tagName.toLowerCase()}>`);
  const standalone = chart.cloneNode(true) as Element;
  standalone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return `${standalone.outerHTML}\n`;
}

export interface SnapshotOutcome {
  matches: boolean;
  /** What happened, for the assertion message. */
  message: string;
}

/** Compares the chart with its golden file; see the module comment for what is written when. */
export function compareWithSnapshot(name: string, chart: Element): SnapshotOutcome {
  const actual = svgText(chart);
  const golden = `${SNAPSHOTS}${name}.svg`;
  const changed = `${SNAPSHOTS}${name}-changed.svg`;
  if (!existsSync(golden)) {
    if (process.env.CI) return { matches: false, message: `no golden file ${golden}: run the tests locally and commit it` };
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(golden, actual);
    return { matches: true, message: `wrote the golden file ${golden}` };
  }
  if (readFileSync(golden, 'utf8') === actual) {
    rmSync(changed, { force: true });
    return { matches: true, message: 'matches' };
  }
  writeFileSync(changed, actual);
  return { matches: false, message: `${name} differs from its golden file: compare ${golden} with ${changed}` };
}
