// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../pipelines/engine/engine';
import { WasmEngine } from '../../pipelines/engine/wasm-engine';
import type { DatasetHandle } from '../../pipelines/protocol/host';
import { profileTable } from '../../pipelines/stats/profile/profile';
import type { Profile } from '../../pipelines/stats/profile/types';
import { ProfilePanel } from './ProfilePanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('ProfilePanel', () => {
  let engine: Engine;
  let profile: Profile;
  let root: Root;
  let host: HTMLElement;

  beforeAll(async () => {
    engine = await WasmEngine.createForNode();
    await engine.run(`CREATE TABLE flights AS SELECT i AS __winnow_row, ['red', 'green', 'blue'][1 + i % 3] AS colour, 'user' || i || '@example.org' AS contact,
      TIMESTAMP '2024-01-01 00:00:00' + to_hours(i * 7) AS departed, (i * 37) % 101 AS delay, DATE '2024-01-01' + CAST(i AS INTEGER) AS day FROM range(200) r(i)`);
    profile = await profileTable(engine, 'flights');
  });
  afterAll(() => engine.close());
  beforeEach(() => {
    host = document.body.appendChild(document.createElement('div'));
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  const dataset = { id: 'd', uri: 'flights.csv', name: 'flights.csv', format: 'csv', files: [], rows: 200, rejected: 0, columns: [], workingSet: { url: '', table: 'flights', rows: 200, sampled: false, fraction: 1 } } as DatasetHandle;
  const show = (column: string) => {
    const state = { profile, source: 'working-set' as const, loading: false, error: null, job: null, runFull: () => undefined, cancel: () => undefined };
    act(() => root.render(createElement(ProfilePanel, { column, dataset, state, onClose: () => undefined })));
  };
  const headings = () => [...host.querySelectorAll('h3')].map((heading) => heading.textContent);

  it('has no Patterns heading for text that matches no pattern', () => {
    show('colour');
    expect(headings()).not.toContain('Patterns');
    expect(host.querySelector('[aria-label="Patterns"]')).toBeNull();
  });

  it('lists the patterns text matches under a heading', () => {
    show('contact');
    expect(headings()).toContain('Patterns');
    expect(host.querySelector('.patterns')!.textContent).toContain('email: 100.0%');
  });

  it('draws the histogram of a TIMESTAMP and of a DATE column, with dates on the axis', () => {
    for (const column of ['departed', 'day']) {
      show(column);
      const chart = host.querySelector('.chart svg');
      expect(chart, column).not.toBeNull();
      expect(chart!.querySelectorAll('g[aria-label="rect"] rect').length, column).toBeGreaterThan(1);
      expect(chart!.textContent, column).toMatch(/2024-0\d-\d\d/);
    }
  });

  it('shows the range of a TIMESTAMP column as the grid shows timestamps', () => {
    show('departed');
    const cells = Object.fromEntries([...host.querySelectorAll('.stats tr')].map((row) => [row.querySelector('th')!.textContent, row.querySelector('td')!.textContent]));
    expect([cells.min, cells.max]).toEqual(['2024-01-01 00:00', '2024-02-28 01:00']);
  });

  it('gives a histogram one tooltip, not one more per quantile rule drawn over it', () => {
    show('delay');
    const chart = host.querySelector('.chart svg')!;
    expect(chart.querySelectorAll('g[aria-label="rule"] line').length).toBeGreaterThanOrEqual(5);
    expect(chart.querySelectorAll('g[aria-label="tip"]')).toHaveLength(1);
  });
});
