// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../pipelines/engine/engine';
import { WasmEngine } from '../../pipelines/engine/wasm-engine';
import type { DatasetHandle } from '../../pipelines/protocol/host';
import { profileTable } from '../../pipelines/stats/profile/profile';
import type { Profile } from '../../pipelines/stats/profile/types';
import { ProfilePanel, type ProfilePanelProps } from './ProfilePanel';

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

  const dataset = {
    id: 'd',
    uri: 'flights.csv',
    name: 'flights.csv',
    format: 'csv',
    files: [],
    rows: 200,
    rejected: 0,
    columns: [],
    workingSet: { url: '', table: 'flights', rows: 200, sampled: false, fraction: 1 },
  } as DatasetHandle;
  const noRole: ProfilePanelProps['role'] = { roles: undefined, labelType: undefined, suggestion: undefined, onSetRole: () => undefined };
  const show = (column: string, role = noRole) => {
    const state = { profile, source: 'working-set' as const, loading: false, error: null, job: null, runFull: () => undefined, cancel: () => undefined };
    act(() => root.render(createElement(ProfilePanel, { column, dataset, state, role, onClose: () => undefined })));
  };
  const choose = (select: HTMLSelectElement, value: string) =>
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(select, value);
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
  const type = (input: HTMLInputElement, value: string) =>
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
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
    const cells = Object.fromEntries(
      [...host.querySelectorAll('.stats tr')].map((row) => [row.querySelector('th')!.textContent, row.querySelector('td')!.textContent]),
    );
    expect([cells.min, cells.max]).toEqual(['2024-01-01 00:00', '2024-02-28 01:00']);
  });

  it('gives a histogram one tooltip, not one more per quantile rule drawn over it', () => {
    show('delay');
    const chart = host.querySelector('.chart svg')!;
    expect(chart.querySelectorAll('g[aria-label="rule"] line').length).toBeGreaterThanOrEqual(5);
    expect(chart.querySelectorAll('g[aria-label="tip"]')).toHaveLength(1);
  });

  describe('the column role', () => {
    const recorder = () => {
      const calls: unknown[][] = [];
      return { calls, onSetRole: (...args: unknown[]) => void calls.push(args) };
    };

    it('shows the role the spec gives the column, and sets another at once', () => {
      const { calls, onSetRole } = recorder();
      show('delay', { roles: { label: 'delay' }, labelType: 'BIGINT', suggestion: undefined, onSetRole });
      const select = host.querySelector<HTMLSelectElement>('#column-role')!;
      expect(select.value).toBe('label');
      expect(host.querySelector('.role-picker')!.textContent).toContain('In the spec: label');
      choose(select, 'ignore');
      expect(calls).toEqual([['ignore', undefined]]);
      choose(select, '');
      expect(calls.at(-1)).toEqual([null, undefined]);
    });

    it('waits for a score’s positive class, typed as the label column holds it', () => {
      const { calls, onSetRole } = recorder();
      show('delay', { roles: { label: 'colour' }, labelType: 'BIGINT', suggestion: undefined, onSetRole });
      choose(host.querySelector<HTMLSelectElement>('#column-role')!, 'score');
      expect(calls).toEqual([]);
      act(() => host.querySelector<HTMLFormElement>('.role-picker')!.requestSubmit());
      expect(host.querySelector('.role-picker [role="alert"]')!.textContent).toMatch(/positive class/);
      expect(calls).toEqual([]);
      type(host.querySelector<HTMLInputElement>('input[aria-label="Positive class"]')!, ' 1 ');
      act(() => host.querySelector<HTMLFormElement>('.role-picker')!.requestSubmit());
      expect(calls).toEqual([['score', 1]]);
    });

    it('offers the profile’s suggestion with its reason', () => {
      const { calls, onSetRole } = recorder();
      show('colour', {
        roles: undefined,
        labelType: undefined,
        suggestion: { role: 'label', column: 'colour', reason: 'colour: named like a label (3 distinct values).' },
        onSetRole,
      });
      const suggestion = host.querySelector('.role-suggestion')!;
      expect(suggestion.textContent).toContain('named like a label');
      act(() => suggestion.querySelector('button')!.click());
      expect(calls).toEqual([['label', undefined]]);
    });

    it('says where to fix a columns block with a problem instead of rewriting it', () => {
      show('delay', { roles: null, labelType: undefined, suggestion: undefined, onSetRole: () => undefined });
      expect(host.querySelector('#column-role')).toBeNull();
      expect(host.querySelector('.role-picker')!.textContent).toMatch(/columns block has a problem/);
    });
  });
});
