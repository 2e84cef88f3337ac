/**
 * The report's Slices section: one card per slice_metric step, with the metric per judged slice,
 * the test each slice had against the rest of the rows, and its raw and adjusted p-values (the
 * correction and the family it ran over named above the table), as the app's Slices view shows them.
 */
import type { ManifestStep } from '../manifest/manifest';
import { formatPValue } from '../stats/profile/format';
import { DEFAULT_MIN_ROWS } from '../stats/slices/slices';
import { formatCount, formatNumber, plural } from './format';
import { html, type Markup } from './markup';

interface SliceTest {
  slice: string;
  rows: number;
  value: number | null;
  rest: number | null;
  pValue: number;
  adjustedPValue: number;
  flagged: boolean;
}

interface JudgedSlice {
  slice: string;
  rows: number;
  value: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

function bounds(params: Record<string, unknown>): string {
  const { min, max } = params;
  if (typeof min === 'number' && typeof max === 'number') return `between ${formatNumber(min)} and ${formatNumber(max)}`;
  if (typeof min === 'number') return `at least ${formatNumber(min)}`;
  if (typeof max === 'number') return `at most ${formatNumber(max)}`;
  return 'no bound';
}

function sliceCard(step: ManifestStep, badge: (status: string) => Markup): Markup {
  const observed = isRecord(step.observed) ? step.observed : {};
  const metric = String(observed.metric ?? step.params.metric ?? '');
  const tests = list<SliceTest>(observed.tests);
  const failing = new Set(list<JudgedSlice>(observed.failing).map((entry) => entry.slice));
  const flaggedWord = metric === 'positive_rate' ? 'significantly different' : 'significantly worse';
  const by = Array.isArray(step.params.by) ? step.params.by.join(' × ') : String(step.params.by ?? '');
  const facts: [string, string][] = [
    [
      'metric',
      `${metric} by ${by}, ${bounds(step.params)} in every slice of ${formatCount(typeof step.params.min_rows === 'number' ? step.params.min_rows : DEFAULT_MIN_ROWS)}+ rows`,
    ],
    ['all rows', formatNumber(observed.overall as number | null)],
    [
      'judged',
      `${plural(Number(observed.judged ?? 0), 'slice')}${Number(observed.skipped ?? 0) ? ` (${formatCount(Number(observed.skipped))} too small or without a value)` : ''}`,
    ],
  ];
  if (typeof observed.test === 'string') facts.push(['test', observed.test]);
  if (typeof observed.correction === 'string') facts.push(['correction', observed.correction]);
  const rows = tests.length
    ? tests
    : list<JudgedSlice>(observed.failing).map((entry) => ({ ...entry, rest: null, pValue: Number.NaN, adjustedPValue: Number.NaN, flagged: false }));
  const table = rows.length
    ? html`<div class="table-wrap"><table class="slices" aria-label="${`Slices of ${step.id}`}">
      <thead><tr><th scope="col">slice</th><th scope="col" class="num">rows</th><th scope="col" class="num">${metric}</th><th scope="col" class="num">rest of the rows</th><th scope="col" class="num">p-value</th><th scope="col" class="num">adjusted p</th><th scope="col">flag</th></tr></thead>
      <tbody>${rows.map(
        (
          row,
        ) => html`<tr class="${row.flagged || failing.has(row.slice) ? 'flagged' : ''}"><th scope="row">${row.slice}</th><td class="num">${formatCount(row.rows)}</td><td class="num">${formatNumber(row.value)}</td><td class="num">${formatNumber(row.rest)}</td>
          <td class="num">${Number.isNaN(row.pValue) ? '–' : formatPValue(row.pValue)}</td><td class="num">${Number.isNaN(row.adjustedPValue) ? '–' : formatPValue(row.adjustedPValue)}</td>
          <td>${[row.flagged ? `! ${flaggedWord}` : '', failing.has(row.slice) ? `past the bound` : ''].filter(Boolean).join('; ')}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="small muted">No slice was tested against the rest of the rows for this metric.</p>`;
  return html`<div class="card" id="${`slices-${step.id}`}">
    <div class="card-head"><h3 class="mono">${step.id}</h3><span class="type">slice_metric</span>${badge(step.status)}</div>
    <dl class="kv">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
    ${table}
  </div>`;
}

/** The slice_metric steps of a run. */
export function sliceSteps(steps: readonly ManifestStep[]): ManifestStep[] {
  return steps.filter((step) => step.kind === 'slice_metric' && isRecord(step.observed));
}

/** The Slices section, or nothing when the run has no slice_metric step that ran. */
export function sliceSection(steps: readonly ManifestStep[], badge: (status: string) => Markup): Markup | null {
  const sliced = sliceSteps(steps);
  if (!sliced.length) return null;
  return html`<section id="slices">
  <div class="section-head"><h2>Slices</h2><span class="muted small">Each slice against the rest of the rows; p-values adjusted for the number of slices tested, so a wide dataset does not cry wolf.</span></div>
  ${sliced.map((step) => sliceCard(step, badge))}
</section>`;
}
