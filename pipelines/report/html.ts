/**
 * The run report as one self-contained HTML file: what a reviewer opens from a CI artifact.
 * Pure: data in, a string out. No scripts and no network (a Content-Security-Policy forbids
 * both); styles inline, charts inline SVG whose tooltips are <title> elements. Every value from
 * the data goes through the `html` template's escaping (markup.ts).
 *
 * @example
 * await writeFile('out/report.html', renderReport({ manifest, profile, drift }));
 */
import type { FileEntry, Manifest, ManifestStep } from '../manifest/manifest';
import type { StepStatus } from '../run/results';
import { outputFrom } from '../spec/output-from';
import type { ColumnProfile, Profile } from '../stats/profile/types';
import { sliceSection, sliceSteps } from './slice-cards';
import { driftBarsOptions, driftHistogramsOptions } from '../charts/drift-plots';
import { histogramPlot, renderSvg, topValuesPlot } from './charts';
import { abbreviateHash, compactFields, formatBytes, formatCount, formatDuration, formatNumber, formatPercent, formatTime, plural } from './format';
import { html, trusted, type Content, type Markup } from './markup';
import { STYLES } from './styles';
import type { DriftColumnView, DriftView, RejectExample, ReportInput, StepNotes } from './types';

const STATUS_SYMBOL: Record<StepStatus, string> = { passed: '✓', done: '✓', warned: '!', rejected: '↳', failed: '✕', not_evaluated: '∅', skipped: '–' };

function badge(status: string, text: string = status.replaceAll('_', ' ')): Markup {
  const symbol = STATUS_SYMBOL[status as StepStatus] ?? '•';
  return html`<span class="badge ${status}"><span class="sym" aria-hidden="true">${symbol}</span>${text}</span>`;
}

function hash(sha256: string): Markup {
  return html`<span class="hash" title="sha256 ${sha256}">${abbreviateHash(sha256)}…</span>`;
}

/** Fields of a step, by what they are: its parameters (muted), what it observed, what it fitted. */
interface FieldGroups {
  params?: [string, string][];
  observed?: [string, string][];
  fitted?: [string, string][];
}

function fieldList({ params = [], observed = [], fitted = [] }: FieldGroups): Markup {
  if (params.length + observed.length + fitted.length === 0) return html``;
  const item = (kind: string, [key, value]: [string, string]) => html`<li class="${kind}"><span class="k">${key}</span> ${value}</li>`;
  return html`<ul class="fields">${params.map((field) => item('param', field))}${observed.map((field) => item('observed', field))}${fitted.map((field) => item('fitted', field))}</ul>`;
}

function chart(svg: string, label: string): Markup {
  return html`<div class="chart" role="img" aria-label="${label}">${trusted(svg)}</div>`;
}

/** A path as one word a POSIX shell reads back unchanged, for a command the reader copies. */
function shellWord(path: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

/** The header: status, what ran, where and when. */
function masthead(manifest: Manifest): Markup {
  const warned = manifest.steps.filter((step) => step.status === 'warned').length;
  const notEvaluated = manifest.steps.filter((step) => step.status === 'not_evaluated').length;
  const details = [
    warned ? plural(warned, 'warning') : null,
    notEvaluated ? `${plural(notEvaluated, 'check')} not evaluated` : null,
    manifest.rowCounts.rejected ? `${plural(manifest.rowCounts.rejected, 'row')} rejected` : null,
    manifest.rowCounts.dropped ? `${plural(manifest.rowCounts.dropped, 'row')} dropped on purpose` : null,
  ].filter((detail): detail is string => detail !== null);
  const passed = manifest.status === 'passed';
  const elapsed = new Date(manifest.finishedAt).getTime() - new Date(manifest.startedAt).getTime();
  const meta: [string, Content][] = [
    ['Spec', html`<code>${manifest.spec.path}</code>`],
    ['Spec sha256', hash(manifest.spec.sha256)],
    ['Engine', `${manifest.engine.name} ${manifest.engine.version} (${manifest.engine.runtime})`],
    ['Tool', `${manifest.tool.name} ${manifest.tool.version}`],
    ['Seed', String(manifest.seed)],
    ['As of', formatTime(manifest.asOf)],
    ['Started', formatTime(manifest.startedAt)],
    ['Finished', formatTime(manifest.finishedAt)],
    ['Duration', Number.isFinite(elapsed) ? formatDuration(elapsed) : '–'],
  ];
  return html`<header class="masthead">
  <div class="title-row"><div><div class="eyebrow">Winnow run report</div><h1>${manifest.spec.name}</h1></div></div>
  <div class="banner ${manifest.status}" role="status">
    <div class="mark" aria-hidden="true">${passed ? '✓' : '✕'}</div>
    <div>
      <strong>${passed ? 'PASSED' : 'FAILED'}</strong>
      <span class="muted">${passed ? (details.length ? ` · ${details.join(' · ')}` : ' · every check held') : ` · ${plural(manifest.failures.length, 'failure')} · no output files were written`}</span>
      ${passed ? null : html`<ul>${manifest.failures.map((failure) => html`<li>${failure}</li>`)}</ul>`}
      ${passed ? null : html`<div class="small open-command">To open this pipeline in the workbench on its input, run from this report's folder: <code>winnow serve --open ${shellWord(manifest.spec.path)}</code></div>`}
      ${passed && manifest.outputs.length ? html`<div class="small muted">${plural(manifest.outputs.length, 'output')} written: ${manifest.outputs.map((output) => `${output.name} (${formatCount(output.rows)} rows)`).join(', ')}</div>` : null}
    </div>
  </div>
  <dl class="meta">${meta.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>
</header>`;
}

interface Section {
  id: string;
  title: string;
  count?: number;
}

function toc(sections: Section[]): Markup {
  return html`<nav class="toc" aria-label="Sections">${sections.map((section) => html`<a href="#${section.id}">${section.title}${section.count === undefined ? null : html`<span class="count">${formatCount(section.count)}</span>`}</a>`)}</nav>`;
}

/** Rows in, where they went, the gates. */
function summarySection(manifest: Manifest): Markup {
  const { read, kept, rejected, dropped } = manifest.rowCounts;
  const holds = read === kept + rejected + dropped;
  const share = (part: number) => (read === 0 ? 0 : part / read);
  const stat = (kind: string, label: string, value: number, note: string | null) =>
    html`<div class="stat ${kind}"><div class="label">${label}</div><div class="value">${formatCount(value)}</div><div class="small muted">${note ?? ' '}</div></div>`;
  const tally = new Map<string, number>();
  for (const step of manifest.steps) tally.set(step.status, (tally.get(step.status) ?? 0) + 1);
  const order: StepStatus[] = ['failed', 'not_evaluated', 'warned', 'rejected', 'passed', 'done', 'skipped'];
  const words: Record<StepStatus, (count: number) => string> = {
    failed: (count) => `${plural(count, 'check')} failed`,
    not_evaluated: (count) => `${plural(count, 'check')} not evaluated`,
    warned: (count) => `${plural(count, 'check')} warned`,
    rejected: (count) => `${plural(count, 'step')} rejected rows`,
    passed: (count) => `${plural(count, 'check')} passed`,
    done: (count) => `${plural(count, 'transform')} done`,
    skipped: (count) => `${plural(count, 'step')} skipped`,
  };
  return html`<section id="summary">
  <div class="section-head"><h2>Rows</h2><span class="muted small">Every row read is kept, rejected (with its reason, in rejects.parquet) or dropped on purpose.</span></div>
  <div class="stats">
    ${stat('read', 'Read', read, `from ${plural(manifest.inputs.filter((input) => input.rows !== null).length, 'source')}`)}
    ${stat('kept', 'Kept', kept, `${formatPercent(share(kept))} of read`)}
    ${stat('rejected', 'Rejected', rejected, `${formatPercent(share(rejected))} of read`)}
    ${stat('dropped', 'Dropped', dropped, `${formatPercent(share(dropped))} of read · by filter, dedupe, sample`)}
  </div>
  <div class="flow" role="img" aria-label="${`kept ${formatPercent(share(kept))}, rejected ${formatPercent(share(rejected))}, dropped ${formatPercent(share(dropped))}`}">
    <span class="kept" style="width:${(share(kept) * 100).toFixed(3)}%" title="kept ${formatCount(kept)}"></span><span class="rejected" style="width:${(share(rejected) * 100).toFixed(3)}%" title="rejected ${formatCount(rejected)}"></span><span class="dropped" style="width:${(share(dropped) * 100).toFixed(3)}%" title="dropped ${formatCount(dropped)}"></span>
  </div>
  <p class="equation">read ${formatCount(read)} = kept ${formatCount(kept)} + rejected ${formatCount(rejected)} + dropped ${formatCount(dropped)}
    ${holds ? html`<span class="holds">✓ adds up</span>` : html`<span class="broken">✕ does not add up</span>`}</p>
  <div class="tally">${order.filter((status) => tally.has(status)).map((status) => badge(status, words[status](tally.get(status)!)))}</div>
  ${gatesTable(manifest)}
</section>`;
}

function gatesTable(manifest: Manifest): Markup {
  if (manifest.gates.length === 0) return html`<p class="note">No gates in this spec.</p>`;
  const observed = (gate: Manifest['gates'][number]) => (gate.gate.includes('fraction') ? formatPercent(gate.observed) : formatCount(gate.observed));
  const limit = (gate: Manifest['gates'][number]) =>
    gate.gate.includes('fraction')
      ? `at most ${formatPercent(gate.limit)}`
      : gate.gate.startsWith('min')
        ? `at least ${formatCount(gate.limit)}`
        : formatNumber(gate.limit);
  return html`<h3 class="subhead">Gates</h3>
  <div class="table-wrap"><table>
    <thead><tr><th>Gate</th><th>Result</th><th class="num">Observed</th><th>Limit</th></tr></thead>
    <tbody>${manifest.gates.map(
      (gate) =>
        html`<tr class="${gate.passed ? '' : 'row-failed'}"><td class="id">${gate.gate}</td><td>${badge(gate.passed ? 'passed' : 'failed')}</td><td class="num">${observed(gate)}</td><td>${limit(gate)}</td></tr>`,
    )}</tbody>
  </table></div>`;
}

/** A check's on_fail and mostly (`check · on_fail reject · mostly 0.99`), or `transform`. */
function settings(step: ManifestStep, notes: StepNotes | undefined): string {
  if (step.type === 'transform') return 'transform';
  return ['check', notes?.onFail ? `on_fail ${notes.onFail}` : null, notes?.mostly === undefined ? null : `mostly ${notes.mostly}`].filter(Boolean).join(' · ');
}

const ROW_CLASS: Partial<Record<StepStatus, string>> = {
  failed: 'row-failed',
  warned: 'row-warned',
  rejected: 'row-rejected',
  not_evaluated: 'row-not-evaluated',
};

/** Why a check was not evaluated, and whether that failed the run. */
function notEvaluatedNote(step: ManifestStep): Markup | null {
  if (step.status !== 'not_evaluated') return null;
  return html`<div class="not-evaluated-reason">nothing to measure: ${step.reason ?? 'no reason given'} · ${step.failsRun ? 'fails the run' : 'a warning'}</div>`;
}

/** Every step: what it is, what it found, how the rows moved. */
function stepsSection(manifest: Manifest, input: ReportInput): Markup {
  const notes = input.stepNotes ?? {};
  const durations = input.durations ?? {};
  const rows = manifest.steps.map((step, index) => {
    const fitted = manifest.fitted[step.id] ?? step.fitted;
    const rowClass = ROW_CLASS[step.status] ?? '';
    const dash = html`<span class="muted">–</span>`;
    return html`<tr class="${rowClass}" id="step-${step.id}">
      <td class="num muted">${index + 1}</td>
      <td class="step"><span class="id">${step.id}</span> <span class="kind">${step.kind}</span><div class="settings">${settings(step, notes[step.id])}</div>${notes[step.id]?.description ? html`<div class="desc">${notes[step.id]!.description}</div>` : null}${(step.warnings ?? []).map((warning) => html`<div class="step-warning">warning: ${warning}</div>`)}${notEvaluatedNote(step)}</td>
      <td>${badge(step.status)}</td>
      <td class="num">${formatCount(step.rowsIn)}</td>
      <td class="num">${formatCount(step.rowsOut)}</td>
      <td class="num">${step.rejected ? formatCount(step.rejected) : dash}</td>
      <td class="num">${step.dropped ? formatCount(step.dropped) : dash}</td>
      <td class="num">${step.unexpectedCount === null ? dash : html`${formatCount(step.unexpectedCount)}<div class="small muted">${formatPercent(step.unexpectedFraction)}</div>`}</td>
      <td>${fieldList({ params: compactFields(step.params), observed: compactFields(step.observed), fitted: fitted ? compactFields(fitted) : [] })}</td>
      <td class="num muted time">${durations[step.id] === undefined ? '–' : formatDuration(durations[step.id]!)}</td>
    </tr>`;
  });
  return html`<section id="steps">
  <div class="section-head"><h2>Steps</h2><span class="muted small">In order. At every step, rows in = rows out + rejected + dropped. Unexpected: values the check found failing, and their share of the values it counted.</span></div>
  <div class="table-wrap"><table class="steps">
    <thead><tr><th class="num">#</th><th>Step</th><th>Status</th><th class="num">Rows in</th><th class="num">Rows out</th><th class="num">Rejected</th><th class="num">Dropped</th><th class="num">Unexpected</th><th>Parameters · <span class="observed-key">observed</span> · fitted</th><th class="num time">Time</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
</section>`;
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

/** The folder every listed file lies in, so file:line cells can show what tells them apart. */
function commonFolder(files: string[]): string {
  if (files.length === 0) return '';
  const parts = files.map((file) => file.split('/').slice(0, -1));
  const shared: string[] = [];
  for (const [index, part] of parts[0]!.entries()) {
    if (!parts.every((folders) => folders[index] === part)) break;
    shared.push(part);
  }
  return shared.length ? `${shared.join('/')}/` : '';
}

/** `file:line`, shortened to what follows the files' common folder; the full path on hover. */
function location(file: string | null, line: number | null, folder: string): Markup {
  if (file === null) return html`<span class="muted">–</span>`;
  const shown = folder && file.startsWith(folder) ? file.slice(folder.length) : file;
  return html`<span class="mono" title="${file}">${shown}${line === null ? null : html`<span class="muted">:${line}</span>`}</span>`;
}

/** A check that failed, warned, rejected rows or counted unexpected values. */
function isFinding(step: ManifestStep): boolean {
  return step.type === 'check' && step.status !== 'skipped' && (step.status !== 'passed' || (step.unexpectedCount ?? 0) > 0);
}

/** Checks that found something, each with its first failing rows. */
function findingsSection(manifest: Manifest, notes: Record<string, StepNotes>, folder: string): Markup {
  const findings = manifest.steps.filter(isFinding);
  const view = (step: ManifestStep) =>
    step.kind === 'drift' || step.kind === 'drift_share' ? html` Its distributions are drawn under <a href="#drift-${step.id}">Drift</a>.` : null;
  const body = findings.length
    ? findings.map((step) => {
        const counted =
          step.elementCount === null
            ? null
            : `${formatCount(step.unexpectedCount ?? 0)} of ${formatCount(step.elementCount)} values (${formatPercent(step.unexpectedFraction)})`;
        return html`<div class="card" id="finding-${step.id}">
      <div class="card-head"><h3 class="mono">${step.id}</h3><span class="type">${step.kind}</span>${badge(step.status)}<span class="grow"></span>${counted ? html`<span class="small muted">unexpected: ${counted}</span>` : null}</div>
      ${notes[step.id]?.description ? html`<p class="small muted">${notes[step.id]!.description}</p>` : null}
      ${notEvaluatedNote(step)}
      ${fieldList({ params: [...compactFields(step.params), ...(notes[step.id]?.mostly === undefined ? [] : [['mostly', String(notes[step.id]!.mostly)] as [string, string]])], observed: compactFields(step.observed) })}
      ${
        step.examples.length
          ? html`<h4 class="subhead">${step.examples.length < (step.unexpectedCount ?? 0) ? `First ${step.examples.length} failing rows of ${formatCount(step.unexpectedCount ?? 0)}` : `Failing rows (${step.examples.length})`}</h4>
      <div class="examples">${chunks(step.examples, 10).map(
        (examples) => html`<div class="table-wrap"><table class="compact">
        <thead><tr><th class="num">Row</th><th>File:line</th><th>Value</th></tr></thead>
        <tbody>${examples.map((example) => html`<tr><td class="num">${formatCount(example.row)}</td><td>${location(example.file, example.line, folder)}</td><td><code>${example.value === null ? 'NULL' : String(example.value)}</code></td></tr>`)}</tbody>
      </table></div>`,
      )}</div>`
          : html`<p class="small muted spaced">A dataset-level check: no single rows to show.${view(step)}</p>`
      }
    </div>`;
      })
    : html`<p class="card empty">Every check held on every value it counted.</p>`;
  return html`<section id="findings">
  <div class="section-head"><h2>Check findings</h2><span class="muted small">Checks that failed, warned, rejected rows or counted unexpected values.</span></div>
  ${body}
</section>`;
}

/** The dead letter: counts per reason and a few rows of each. */
function rejectsSection(manifest: Manifest, examples: RejectExample[], folder: string): Markup {
  const reasons = Object.entries(manifest.rejects.byReason).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = manifest.rejects.rows;
  const table = reasons.length
    ? html`<div class="table-wrap"><table>
    <thead><tr><th>Reason (step, or read error)</th><th class="num">Rows</th><th class="num">Share</th><th class="bar-cell"></th></tr></thead>
    <tbody>${reasons.map(
      ([reason, count]) =>
        html`<tr><td class="id">${reason}</td><td class="num">${formatCount(count)}</td><td class="num">${formatPercent(total === 0 ? 0 : count / total)}</td><td><div class="bar" title="${`${formatCount(count)} of ${formatCount(total)} rejected rows`}"><span style="width:${((total === 0 ? 0 : count / total) * 100).toFixed(2)}%"></span></div></td></tr>`,
    )}</tbody>
  </table></div>`
    : html`<p class="card empty">No row was rejected.</p>`;
  const samples = examples.length
    ? html`<h3 class="subhead">Rejected rows (first few per reason)</h3>
  <div class="table-wrap"><table>
    <thead><tr><th>Reason</th><th>File:line</th><th class="num">Row</th><th>Field</th><th>Why</th><th>Row as read</th></tr></thead>
    <tbody>${examples.map(
      (example) =>
        html`<tr><td class="id">${example.reason}</td><td>${location(example.file, example.line, folder)}</td><td class="num">${example.row === null ? '–' : formatCount(example.row)}</td><td class="mono">${example.field ?? '–'}</td><td>${example.detail}</td><td>${example.raw === null ? '–' : html`<code>${example.raw}</code>`}</td></tr>`,
    )}</tbody>
  </table></div>`
    : null;
  return html`<section id="rejects">
  <div class="section-head"><h2>Rejects</h2><span class="muted small"><code>${manifest.rejects.path}</code> · ${plural(total, 'row')} · ${hash(manifest.rejects.sha256)}</span></div>
  ${table}
  ${samples}
</section>`;
}

/** Shares of both sides in words: `baseline 0.4% · current 1.2%`. */
function sideShares(baseline: number, baselineTotal: number, current: number, currentTotal: number): string {
  const share = (count: number, total: number) => formatPercent(total === 0 ? 0 : count / total);
  return `baseline ${share(baseline, baselineTotal)} · current ${share(current, currentTotal)}`;
}

function driftColumnFigure(view: DriftColumnView): Markup {
  const verdict = view.drifted === null ? null : view.drifted ? badge('failed', 'drifted') : badge('passed', 'stable');
  let body: Content = html`<p class="note">${view.note ?? 'nothing to draw'}</p>`;
  const { numeric, categorical } = view;
  // The app's own drift charts (pipelines/charts/drift-plots.ts), with <title> tooltips for a page without script.
  const totals = numeric
    ? { baseline: numeric.baseline.reduce((sum, bin) => sum + bin.count, 0), current: numeric.current.reduce((sum, bin) => sum + bin.count, 0) }
    : categorical?.totals;
  if (numeric) {
    body = chart(
      renderSvg(driftHistogramsOptions(numeric.baseline, numeric.current, { label: view.column, temporal: numeric.temporal, tooltips: 'title', width: 440 })),
      `Distribution of ${view.column}, baseline and current`,
    );
  } else if (categorical) {
    const { baseline, current, categories } = categorical;
    const listed = (shares: { count: number }[]) => shares.reduce((sum, entry) => sum + entry.count, 0);
    const [otherBaseline, otherCurrent] = [categorical.totals.baseline - listed(baseline), categorical.totals.current - listed(current)];
    body = html`${chart(renderSvg(driftBarsOptions(baseline, current, { totals: categorical.totals, tooltips: 'title', width: 440 })), `Category shares of ${view.column}, baseline and current`)}
      ${categories > baseline.length ? html`<p class="small muted">Other ${plural(categories - baseline.length, 'category', 'categories')}, not drawn: ${sideShares(otherBaseline, categorical.totals.baseline, otherCurrent, categorical.totals.current)}.</p>` : null}`;
  }
  return html`<figure>
    <figcaption><span class="name">${view.column}</span>${verdict}${totals ? html`<span class="small muted">baseline ${formatCount(totals.baseline)} · current ${formatCount(totals.current)} values</span>` : null}</figcaption>
    ${body}
  </figure>`;
}

function driftCard(view: DriftView, step: ManifestStep | undefined): Markup {
  const observed = step?.observed ?? {};
  const facts: [string, Content][] = [];
  if (view.kind === 'drift') {
    facts.push(['column', html`<code>${String(step?.params.column ?? '')}</code>`]);
    if (observed.method !== undefined) facts.push(['method', String(observed.method)]);
    if (observed.statistic !== undefined) facts.push(['statistic', formatNumber(observed.statistic as number | null)]);
    if (observed.pValue !== null && observed.pValue !== undefined) facts.push(['p-value', formatNumber(observed.pValue as number)]);
    if (observed.threshold !== undefined)
      facts.push([observed.pValue === null ? 'largest that passes' : 'significance level', formatNumber(observed.threshold as number)]);
  } else {
    facts.push([
      'drifted share',
      `${formatPercent(observed.driftShare as number)} of ${formatCount(observed.compared as number)} compared columns (at most ${formatPercent(observed.max as number)} passes)`,
    ]);
    const drifted = Array.isArray(observed.drifted) ? observed.drifted.map(String) : [];
    facts.push(['drifted', drifted.length ? drifted.join(', ') : 'none']);
    const skipped = Array.isArray(observed.skipped) ? (observed.skipped as { column: string; reason: string }[]) : [];
    if (skipped.length) facts.push(['not compared', skipped.map((entry) => `${entry.column} (${entry.reason})`).join('; ')]);
  }
  return html`<div class="card" id="drift-${view.stepId}">
    <div class="card-head"><h3 class="mono">${view.stepId}</h3><span class="type">${view.kind}</span>${step ? badge(step.status) : null}<span class="grow"></span>
      <span class="legend"><span><span class="swatch baseline"></span>baseline: source <code>${view.baseline}</code></span><span><span class="swatch current"></span>current: the kept rows</span></span></div>
    <div class="${view.kind === 'drift' ? 'drift-single' : ''}">
      <div><dl class="kv">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
      ${view.notes.map((note) => html`<p class="note">${note}</p>`)}</div>
      ${view.columns.length ? html`<div class="grid drift">${view.columns.map(driftColumnFigure)}</div>` : null}
    </div>
  </div>`;
}

function driftSection(views: DriftView[], manifest: Manifest): Markup {
  return html`<section id="drift">
  <div class="section-head"><h2>Drift</h2><span class="muted small">Shares of each side's values (the sides differ in size). Hover a bin or bar for both sides' counts.</span></div>
  ${views.map((view) =>
    driftCard(
      view,
      manifest.steps.find((step) => step.id === view.stepId),
    ),
  )}
</section>`;
}

function profileCard(column: ColumnProfile): Markup {
  const total = column.count + column.nulls;
  const facts: [string, Content][] = [
    ['non-null', formatCount(column.count)],
    ['nulls', `${formatCount(column.nulls)} (${formatPercent(total === 0 ? 0 : column.nulls / total)})`],
    ['distinct', `${column.distinctExact ? '' : '≈'}${formatCount(column.distinct)}`],
  ];
  if (column.min !== null && column.kind !== 'boolean') facts.push(['min', formatNumber(column.min)], ['max', formatNumber(column.max)]);
  const numeric = column.numeric;
  if (numeric) {
    facts.push(['mean', formatNumber(numeric.mean)], ['std', formatNumber(numeric.std)]);
    for (const quantile of numeric.quantiles)
      facts.push([quantile.probability === 0.5 ? 'median' : `p${Number((quantile.probability * 100).toPrecision(4))}`, formatNumber(quantile.value)]);
    if (numeric.zeros) facts.push(['zeros', `${formatCount(numeric.zeros)} (${formatPercent(numeric.zerosFraction)})`]);
    if (numeric.negatives) facts.push(['negatives', `${formatCount(numeric.negatives)} (${formatPercent(numeric.negativesFraction)})`]);
    if (numeric.nonFinite) facts.push(['NaN / ±inf', formatCount(numeric.nonFinite)]);
  }
  if (column.lengths)
    facts.push(['length', `${formatCount(column.lengths.min)}–${formatCount(column.lengths.max)} (mean ${formatNumber(column.lengths.mean)})`]);
  if (column.patterns?.dominant) facts.push(['pattern', column.patterns.dominant]);
  let figure: Content = null;
  if (numeric?.histogram)
    figure = chart(renderSvg(histogramPlot(numeric.histogram, { label: column.name, quantiles: numeric.quantiles })), `Histogram of ${column.name}`);
  else if (column.top && column.top.values.length) {
    const other = column.top.other;
    figure = html`${chart(renderSvg(topValuesPlot(column.top)), `Most frequent values of ${column.name}`)}${other > 0 ? html`<p class="small muted">Other values: ${formatCount(other)} rows (${formatPercent(column.count === 0 ? 0 : other / column.count)}), not drawn.</p>` : null}`;
  }
  return html`<div class="card profile${column.kind === 'temporal' ? ' wide-values' : ''}">
    <div class="card-head"><h3>${column.name}</h3><span class="type">${column.type}</span>${column.patterns?.possiblePii ? html`<span class="pii" title="values match personal-data patterns">possible PII: ${column.patterns.pii.join(', ')}</span>` : null}</div>
    <dl class="kv">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
    ${figure}
  </div>`;
}

function profileSection(profile: Profile | null | undefined, sample?: { rows: number; of: number } | null): Markup {
  if (!profile) {
    return html`<section id="profiles"><div class="section-head"><h2>Profile of the kept rows</h2></div><p class="card empty">No row was kept: nothing to profile.</p></section>`;
  }
  const { dataset } = profile;
  return html`<section id="profiles">
  <div class="section-head"><h2>Profile of the kept rows</h2><span class="muted small">${sample ? `a deterministic sample of ${formatCount(sample.rows)} of the ${formatCount(sample.of)} kept rows` : `${formatCount(dataset.rows)} rows`} × ${plural(dataset.columns, 'column')} · distinct counts and quantiles ${dataset.exact ? 'exact' : `approximate (above ${formatCount(dataset.exactRowLimit)} rows)`} · text patterns from ${plural(dataset.patternSampleRows, 'row')}${dataset.possiblePii.length ? ` · possible PII in ${dataset.possiblePii.join(', ')}` : ''}</span></div>
  <div class="grid profiles">${profile.columns.map(profileCard)}</div>
</section>`;
}

function filesTable(rows: { group: Content; file: FileEntry }[], empty: string): Markup {
  if (rows.length === 0) return html`<p class="card empty">${empty}</p>`;
  return html`<div class="table-wrap"><table>
    <thead><tr><th></th><th>File</th><th class="num">Rows</th><th class="num">Size</th><th>sha256</th></tr></thead>
    <tbody>${rows.map(
      ({ group, file }) =>
        html`<tr><td class="id">${group}</td><td class="mono">${file.uri ?? file.path}${file.uri ? html`<div class="small muted">cached as ${file.path}${file.etag ? ` · ETag ${file.etag}` : ''}${file.versionId ? ` · version ${file.versionId}` : ''}</div>` : null}</td><td class="num">${file.rows === undefined ? '–' : formatCount(file.rows)}</td><td class="num">${formatBytes(file.bytes)}</td><td>${hash(file.sha256)}</td></tr>`,
    )}</tbody>
  </table></div>`;
}

/** What went in and what came out, pinned by hash; fitted parameters serving must apply. */
function filesSection(manifest: Manifest): Markup {
  const inputs = manifest.inputs.map(
    (input) => html`<div class="card">
    <div class="card-head"><h3 class="mono">${input.source}</h3><span class="type">${input.format}</span><code>${input.uri}</code><span class="grow"></span><span class="small muted">${input.rows === null ? 'pinned, not read as the input' : `${formatCount(input.rows)} rows read`} · ${plural(input.files.length, 'file')}</span></div>
    ${filesTable(
      input.files.map((file) => ({ group: '', file })),
      'No files.',
    )}
    ${input.schema.length ? html`<div class="schema">${input.schema.map((column) => html`<span>${column.name} <i>${column.type}</i></span>`)}</div>` : null}
  </div>`,
  );
  const outputRows = manifest.outputs.flatMap((output) =>
    output.files.map((file, index) => ({
      group:
        index === 0
          ? html`${output.name}${output.from ? html`<div class="small muted">${outputFrom(output.from).part === null ? `after step ${output.from}` : output.from}</div>` : null}`
          : '',
      file,
    })),
  );
  const fitted = Object.entries(manifest.fitted);
  return html`<section id="files">
  <div class="section-head"><h2>Inputs</h2><span class="muted small">Pinned by sha256: <code>winnow verify manifest.json</code> re-hashes them.</span></div>
  ${inputs}
  <div class="section-head later"><h2>Outputs</h2><span class="muted small">${
    manifest.outputs.length
      ? `${plural(
          manifest.outputs.reduce((sum, output) => sum + output.rows, 0),
          'row',
        )} in ${plural(
          manifest.outputs.reduce((sum, output) => sum + output.files.length, 0),
          'file',
        )}`
      : ''
  }</span></div>
  ${filesTable(outputRows, manifest.status === 'failed' ? 'No output files were written: the run failed, so its data cannot reach training.' : 'This spec declares no outputs.')}
  ${
    fitted.length
      ? html`<div class="section-head later"><h2>Fitted parameters</h2><span class="muted small">Learnt from the data; serving applies the same (full values in manifest.json).</span></div>
  ${fitted.map(([stepId, values]) => html`<div class="card"><div class="card-head"><h3 class="mono">${stepId}</h3></div>${fieldList({ fitted: compactFields(values) })}</div>`)}`
      : null
  }
</section>`;
}

/** The report of one run as a complete HTML document. */
export function renderReport(input: ReportInput): string {
  const { manifest } = input;
  const drift = input.drift ?? [];
  const files = [
    ...manifest.steps.flatMap((step) => step.examples.map((example) => example.file)),
    ...(input.rejectExamples ?? []).map((example) => example.file),
  ];
  const folder = commonFolder(files.filter((file): file is string => file !== null));
  const findings = manifest.steps.filter(isFinding).length;
  const sections: Section[] = [
    { id: 'summary', title: 'Rows' },
    { id: 'steps', title: 'Steps', count: manifest.steps.length },
    { id: 'findings', title: 'Findings', count: findings },
    { id: 'rejects', title: 'Rejects', count: manifest.rejects.rows },
    ...(drift.length ? [{ id: 'drift', title: 'Drift', count: drift.length }] : []),
    ...(sliceSteps(manifest.steps).length ? [{ id: 'slices', title: 'Slices', count: sliceSteps(manifest.steps).length }] : []),
    { id: 'profiles', title: 'Profile' },
    { id: 'files', title: 'Inputs & outputs' },
  ];
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="${`${manifest.tool.name} ${manifest.tool.version}`}">
<title>${`${manifest.spec.name}: ${manifest.status.toUpperCase()} · Winnow run report`}</title>
<style>${trusted(STYLES)}</style>
</head>
<body>
<main>
${masthead(manifest)}
${toc(sections)}
${summarySection(manifest)}
${stepsSection(manifest, input)}
${findingsSection(manifest, input.stepNotes ?? {}, folder)}
${rejectsSection(manifest, input.rejectExamples ?? [], folder)}
${drift.length ? driftSection(drift, manifest) : null}
${sliceSection(manifest.steps, (status) => badge(status))}
${profileSection(input.profile, input.profileSample)}
${filesSection(manifest)}
<footer>Written by ${manifest.tool.name} ${manifest.tool.version} at ${formatTime(manifest.finishedAt)}. <code>manifest.json</code> beside this file is the record of this run; this page is a view of it.</footer>
</main>
</body>
</html>
`;
  return document.toString();
}
